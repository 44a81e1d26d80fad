import { DownloadOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Breadcrumb,
  Button,
  Card,
  Descriptions,
  Empty,
  Input,
  Result,
  Space,
  Spin,
  Table,
  Tag,
  Typography,
} from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { call, download } from '../../api/client.ts';
import type { AnswerOf } from '../../api/routes.ts';
import { saveFile } from '../../components/save-file.ts';
import { useLoad } from '../../components/use-load.ts';
import { EDUCATION_NAMES, when } from '../../format.ts';
import { LEVEL_NAMES } from './levels.ts';
import { RollImport, type RollImported } from './roll-import.tsx';

type RollAnswer = AnswerOf<'GET /v1/organizations/{orgId}/roll'>;
type Member = RollAnswer['members'][number];

const RIGHTS_NAMES = { normal: '正常', discipline: '留党察看', suspended: '停止党员权利' };

const relationOf = (m: Member) =>
  m.orgRelationLocal ? '在本组织' : m.orgRelationTransferable ? '可转入' : '不在本组织';

const rollColumns = (unreachable: RollAnswer['unreachable']): ColumnsType<Member> => [
  { title: '编号', dataIndex: 'id', key: 'id' },
  { title: '姓名', dataIndex: 'name', key: 'name' },
  { title: '出生日期', dataIndex: 'birthDate', key: 'birthDate' },
  { title: '学历', key: 'education', render: (_, m) => EDUCATION_NAMES[m.education] },
  {
    title: '党员身份',
    key: 'status',
    render: (_, m) =>
      m.status === 'full' ? `正式党员(${m.fullSince ?? ''} 转正)` : <Tag>预备党员</Tag>,
  },
  {
    title: '组织关系',
    key: 'relation',
    render: (_, m) => (m.orgRelationLocal ? relationOf(m) : <Tag>{relationOf(m)}</Tag>),
  },
  {
    title: '党员权利',
    key: 'rights',
    render: (_, m) =>
      !m.rights || m.rights === 'normal' ? (
        '正常'
      ) : (
        <Tag color="warning">{RIGHTS_NAMES[m.rights]}</Tag>
      ),
  },
  {
    title: '健康',
    key: 'healthy',
    render: (_, m) =>
      m.healthy === undefined ? (
        <Typography.Text type="secondary">未申报</Typography.Text>
      ) : m.healthy ? (
        '健康'
      ) : (
        '不健康'
      ),
  },
  {
    title: '邮箱',
    key: 'email',
    render: (_, m) => {
      const bounced = unreachable.find((u) => u.memberId === m.id);
      return (
        <Space size={4}>
          {m.email ?? <Typography.Text type="secondary">—</Typography.Text>}
          {bounced && (
            <Tag color="error" title={bounced.reason}>
              {bounced.kind === 'bounce' ? '退信' : '投诉'}
            </Tag>
          )}
        </Space>
      );
    },
  },
];

/** The template, saved under its Chinese name (the API sends the same bytes the parser reads). */
const saveTemplate = async () => {
  saveFile(await download('GET /v1/organizations/roll-template', {}), '党员名册模板.xlsx');
};

/** One organization: its superior, its roll (党员名册), and importing the roll from a sheet. */
export default function OrganizationPage() {
  const { orgId = '' } = useParams();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const org = useLoad(() => call('GET /v1/organizations/{orgId}', { params: { orgId } }), orgId);
  const roll = useLoad(
    () => call('GET /v1/organizations/{orgId}/roll', { params: { orgId } }),
    orgId,
  );
  const [importing, setImporting] = useState(false);
  const [imported, setImported] = useState<RollImported | null>(null);
  const [filter, setFilter] = useState('');

  const template = () =>
    saveTemplate().catch((error: unknown) =>
      message.error(`模板下载失败:${error instanceof Error ? error.message : String(error)}`),
    );

  if (org.loading && !org.data) return <Spin style={{ display: 'block', margin: 48 }} />;
  if (!org.data) {
    return (
      <Result
        status="warning"
        title="无法打开该党组织"
        subTitle={org.error}
        extra={[
          <Button key="retry" onClick={() => org.reload()}>
            重试
          </Button>,
          <Button key="back" type="primary" onClick={() => navigate('/organizations')}>
            返回党组织列表
          </Button>,
        ]}
      />
    );
  }
  const o = org.data;
  const members = roll.data?.members ?? [];
  const shownMembers = filter
    ? members.filter((m) => m.name.includes(filter) || m.id.includes(filter))
    : members;

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Breadcrumb
        items={[{ title: <Link to="/organizations">党组织与名册</Link> }, { title: o.name }]}
      />
      <Card
        title={o.name}
        extra={
          <Button
            icon={<PlusOutlined />}
            onClick={() => navigate(`/elections/new?orgId=${encodeURIComponent(o.id)}`)}
          >
            为该组织新建选举
          </Button>
        }
      >
        <Descriptions column={{ xs: 1, md: 2 }} size="small">
          <Descriptions.Item label="编号">{o.id}</Descriptions.Item>
          <Descriptions.Item label="层级">{LEVEL_NAMES[o.level]}</Descriptions.Item>
          <Descriptions.Item label="上级党组织">{o.superior.name}</Descriptions.Item>
          <Descriptions.Item label="上级审批邮箱">{o.superior.emails.join('、')}</Descriptions.Item>
          <Descriptions.Item label="名册版本">
            {o.rollVersion > 0 ? `第 ${o.rollVersion} 版` : '尚未导入'}
          </Descriptions.Item>
          <Descriptions.Item label="创建时间">{when(o.createdAt)}</Descriptions.Item>
        </Descriptions>
      </Card>
      <Card
        title={`党员名册${roll.data ? `(${roll.data.count} 人)` : ''}`}
        extra={
          <Space wrap>
            <Button icon={<DownloadOutlined />} onClick={template}>
              下载模板
            </Button>
            <Button type="primary" icon={<UploadOutlined />} onClick={() => setImporting(true)}>
              导入名册
            </Button>
          </Space>
        }
      >
        {imported && (
          <Alert
            type="success"
            showIcon
            closable={{ onClose: () => setImported(null) }}
            style={{ marginBottom: 16 }}
            title={`名册已导入:${imported.count} 名党员`}
            description={[
              imported.dropped?.length
                ? `未导入的行:${imported.dropped.map((r) => `第 ${r} 行`).join('、')}。`
                : '',
              imported.ignoredColumns?.length
                ? `忽略的列:${imported.ignoredColumns.join('、')}。`
                : '',
            ]
              .join('')
              .trim()}
          />
        )}
        {roll.error && (
          <Alert
            type="error"
            showIcon
            title={`名册加载失败:${roll.error}`}
            action={<Button onClick={() => roll.reload()}>重试</Button>}
            style={{ marginBottom: 16 }}
          />
        )}
        {members.length > 0 && (
          <Input.Search
            allowClear
            placeholder="按姓名或编号查找"
            style={{ maxWidth: 280, marginBottom: 16 }}
            onChange={(event) => setFilter(event.target.value.trim())}
          />
        )}
        <Table<Member>
          rowKey="id"
          size="small"
          columns={rollColumns(roll.data?.unreachable ?? [])}
          dataSource={shownMembers}
          loading={roll.loading}
          pagination={{ pageSize: 20, hideOnSinglePage: true, showSizeChanger: false }}
          scroll={{ x: 'max-content' }}
          locale={{
            emptyText: filter ? (
              '没有匹配的党员'
            ) : (
              <Empty description="尚未导入党员名册:下载模板填写后,点击“导入名册”(也可直接使用现有的 Excel 名册)">
                <Button type="primary" onClick={() => setImporting(true)}>
                  导入名册
                </Button>
              </Empty>
            ),
          }}
        />
      </Card>
      <RollImport
        orgId={o.id}
        open={importing}
        currentCount={roll.data?.count ?? 0}
        onClose={() => setImporting(false)}
        onTemplate={template}
        onImported={(answer) => {
          setImporting(false);
          setImported(answer);
          message.success(`名册已导入:${answer.count} 名党员`);
          void org.reload();
          void roll.reload();
        }}
      />
    </Space>
  );
}

import { PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Space, Tag, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { CANDIDATE_STATUS_NAMES } from '../../../../shared/notices/labels.ts';
import { NOMINATION_KIND_NAMES } from '../../../../shared/notices/words.ts';
import { RULE_NAMES } from '../../../../shared/rules/index.ts';
import { call } from '../../api/client.ts';
import { dialogEnds } from '../../components/dialog-ends.ts';
import { useLoad } from '../../components/use-load.ts';
import { OFFICE_NAMES, when } from '../../format.ts';
import { DecideNominee, type Pending } from './decide-nominee.tsx';
import type { ElectionTabProps } from './election-data.ts';
import { NominateForm } from './nominate-form.tsx';
import { ListTable } from './parts.tsx';

const DOCUMENT_NAMES = {
  idCard: '身份证',
  householdRegister: '户口簿',
  diploma: '学历证明',
  photo: '照片',
} as const;

/** Whom the review decides on: nominees still `nominated` (yuyang: the `recommended`). */
const UNDER_REVIEW = new Set(['nominated', 'recommended']);

/**
 * 提名与资格审查: every nomination with its automatic check (which condition failed and why),
 * the nominee's status now, and the organizers' 通过 / 不通过 for those under review; a
 * nomination entered on a member's or the organization's behalf.
 */
export function NominationsTab({ election, roll, nameOf, reload }: ElectionTabProps) {
  const {
    data,
    error,
    loading,
    reload: reloadList,
  } = useLoad(
    () => call('GET /v1/elections/{id}/nominations', { params: { id: election.id } }),
    `${election.id}:${election.stage}`,
  );
  const [nominating, setNominating] = useState(false);
  const [deciding, setDeciding] = useState<Pending | null>(null);
  const reviewing = ['nomination', 'eligibility-review'].includes(election.stage);
  const open = (data ?? []).filter((n) => n.candidateStatus && UNDER_REVIEW.has(n.candidateStatus));
  const afterChange = async () => {
    await Promise.all([reloadList(), reload()]);
  };
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
        <Typography.Text>
          {reviewing
            ? open.length > 0
              ? `待审查 ${new Set(open.map((n) => `${n.office}:${n.nomineeId}`)).size} 人:逐一作出“通过”或“不通过”的决定。`
              : '没有待审查的人选。'
            : '现在不是报名或资格审查阶段:审查结果仅供查看。'}
        </Typography.Text>
        <Button
          type="primary"
          icon={<PlusOutlined />}
          disabled={election.stage !== 'nomination'}
          onClick={() => setNominating(true)}
        >
          录入提名
        </Button>
      </Space>
      {error && <Alert type="error" showIcon title={`无法读取提名:${error}`} />}
      <ListTable
        rowKey="id"
        loading={loading}
        dataSource={data ?? []}
        pageSize={20}
        empty={
          election.stage === 'nomination'
            ? '还没有提名:党员可在报名期内自荐、联名举荐,组织推荐请点“录入提名”'
            : '没有提名'
        }
        columns={[
          {
            title: '被提名人',
            dataIndex: 'nomineeId',
            fixed: 'left',
            render: (id: string) => <strong>{nameOf(id)}</strong>,
          },
          {
            title: '职务',
            dataIndex: 'office',
            render: (o: keyof typeof OFFICE_NAMES) => OFFICE_NAMES[o],
          },
          {
            title: '方式',
            dataIndex: 'kind',
            render: (kind: keyof typeof NOMINATION_KIND_NAMES, n) =>
              kind === 'joint' ? (
                <Tooltip title={n.supporterIds.map(nameOf).join('、')}>
                  {NOMINATION_KIND_NAMES[kind]}({n.supporterIds.length} 人)
                </Tooltip>
              ) : (
                NOMINATION_KIND_NAMES[kind]
              ),
          },
          {
            title: '报名材料',
            dataIndex: 'documents',
            render: (documents: Record<keyof typeof DOCUMENT_NAMES, boolean>) => {
              const missing = Object.entries(DOCUMENT_NAMES).filter(
                ([key]) => !documents[key as keyof typeof DOCUMENT_NAMES],
              );
              return missing.length === 0 ? (
                <Tag color="green">齐全</Tag>
              ) : (
                <Space size={2} wrap>
                  {missing.map(([key, label]) => (
                    <Tag key={key} color="red">
                      缺{label}
                    </Tag>
                  ))}
                </Space>
              );
            },
          },
          {
            title: '自动审查',
            dataIndex: 'check',
            render: (check: (typeof open)[number]['check']) =>
              check.eligible ? (
                <Tag color="green">符合条件</Tag>
              ) : (
                <Space
                  direction="vertical"
                  size={0}
                  style={{ maxWidth: 320, whiteSpace: 'normal' }}
                >
                  {check.failures.map((f) => (
                    <Typography.Text key={f.rule} type="danger">
                      {RULE_NAMES[f.rule]}:{f.message}
                    </Typography.Text>
                  ))}
                </Space>
              ),
          },
          {
            title: '当前状态',
            dataIndex: 'candidateStatus',
            render: (s: keyof typeof CANDIDATE_STATUS_NAMES | null) =>
              s ? <Tag>{CANDIDATE_STATUS_NAMES[s]}</Tag> : '—',
          },
          { title: '录入时间', dataIndex: 'at', render: (at: string) => when(at) },
          {
            title: '审查',
            key: 'decide',
            fixed: 'right',
            render: (_, nomination) =>
              reviewing &&
              nomination.candidateStatus &&
              UNDER_REVIEW.has(nomination.candidateStatus) ? (
                <Space size="small">
                  <Button
                    size="small"
                    type="primary"
                    onClick={() => setDeciding({ nomination, decision: 'accept' })}
                  >
                    通过
                  </Button>
                  <Button
                    size="small"
                    danger
                    onClick={() => setDeciding({ nomination, decision: 'reject' })}
                  >
                    不通过
                  </Button>
                </Space>
              ) : (
                <Typography.Text type="secondary">—</Typography.Text>
              ),
          },
        ]}
      />
      <NominateForm
        election={election}
        roll={roll}
        open={nominating}
        {...dialogEnds(() => setNominating(false), afterChange)}
      />
      <DecideNominee
        election={election}
        pending={deciding}
        nameOf={nameOf}
        {...dialogEnds(() => setDeciding(null), afterChange)}
      />
    </Space>
  );
}

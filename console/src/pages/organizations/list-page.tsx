import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Empty, Space, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { call } from '../../api/client.ts';
import type { AnswerOf } from '../../api/routes.ts';
import { PagedTable, RowLink, TwoLines, useCursorPages } from '../../components/cursor-pages.tsx';
import { dialogEnds } from '../../components/dialog-ends.ts';
import { RefreshButton } from '../../components/refresh-button.tsx';
import { when } from '../../format.ts';
import { LEVEL_NAMES } from './levels.ts';
import { NewOrganizationForm } from './new-organization-form.tsx';

type Summary = AnswerOf<'GET /v1/organizations'>['items'][number];

const COLUMNS: ColumnsType<Summary> = [
  {
    title: '党组织',
    key: 'name',
    render: (_, o) => (
      <TwoLines under={o.id}>
        <RowLink to={`/organizations/${encodeURIComponent(o.id)}`}>{o.name}</RowLink>
      </TwoLines>
    ),
  },
  { title: '层级', key: 'level', render: (_, o) => LEVEL_NAMES[o.level] },
  {
    title: '上级党组织',
    key: 'superior',
    render: (_, o) => (
      <TwoLines under={o.superior.emails.join('、')}>
        <span>{o.superior.name}</span>
      </TwoLines>
    ),
  },
  {
    title: '党员人数',
    key: 'members',
    align: 'right',
    render: (_, o) => (o.memberCount > 0 ? o.memberCount : <Tag color="warning">未导入名册</Tag>),
  },
  {
    title: '名册更新',
    key: 'updatedAt',
    render: (_, o) => (o.updatedAt ? when(o.updatedAt) : '—'),
  },
];

/** The organizations the organizer may act on, their rolls' sizes, and a new one. */
export default function OrganizationsPage() {
  const navigate = useNavigate();
  const [creating, setCreating] = useState(false);
  const list = useCursorPages(
    (cursor) => call('GET /v1/organizations', { query: { limit: 20, cursor } }),
    'organizations',
  );
  const open = (id: string) => navigate(`/organizations/${encodeURIComponent(id)}`);
  return (
    <Card
      title="党组织与名册"
      extra={
        <Space>
          <RefreshButton load={list} />
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
            新建党组织
          </Button>
        </Space>
      }
    >
      <PagedTable<Summary>
        list={list}
        what="党组织列表"
        columns={COLUMNS}
        onOpen={(o) => open(o.id)}
        empty={
          <Empty description="还没有党组织:先新建党组织并填写上级党组织,再导入党员名册">
            <Button type="primary" onClick={() => setCreating(true)}>
              新建党组织
            </Button>
          </Empty>
        }
      />
      <NewOrganizationForm open={creating} {...dialogEnds(() => setCreating(false), open)} />
    </Card>
  );
}

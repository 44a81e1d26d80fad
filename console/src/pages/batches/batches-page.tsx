import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { call } from '../../api/client.ts';
import type { AnswerOf } from '../../api/routes.ts';
import { dialogEnds } from '../../components/dialog-ends.ts';
import { LoadedTable } from '../../components/loaded-table.tsx';
import { useLoad } from '../../components/use-load.ts';
import { when } from '../../format.ts';
import { NewBatchForm } from './new-batch-form.tsx';
import { presetLabel } from './words.ts';

type Batch = AnswerOf<'GET /v1/batches'>['items'][number];

/** 批量选举: the batches, newest first, a page at a time; a new one. */
export default function BatchesPage() {
  const navigate = useNavigate();
  const [creating, setCreating] = useState(false);
  const [cursor, setCursor] = useState<string | undefined>(undefined);
  const [earlier, setEarlier] = useState<Batch[]>([]);
  const page = useLoad(
    () => call('GET /v1/batches', { query: { limit: 20, cursor } }),
    cursor ?? '',
  );
  const rows = [...earlier, ...(page.data?.items ?? [])];
  return (
    <Card
      title="批量选举"
      extra={
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
          新建批量选举
        </Button>
      }
    >
      <Typography.Paragraph type="secondary">
        一次开始多个党组织的公推直选(如第一篇南京 363
        个社区),并汇总各选举的进度和统计(报名方式、到会率、年龄、学历)。
      </Typography.Paragraph>
      <LoadedTable<Batch>
        load={page}
        dataSource={rows}
        width={760}
        empty="还没有批量选举:点击右上角“新建批量选举”,选择或导入党组织"
        columns={[
          {
            title: '批次',
            dataIndex: 'id',
            render: (id: string) => <Link to={`/batches/${encodeURIComponent(id)}`}>{id}</Link>,
          },
          { title: '选举方式', dataIndex: 'preset', render: presetLabel },
          { title: '党组织数', dataIndex: 'electionCount', width: 100, align: 'right' },
          {
            title: '开始时间',
            dataIndex: 'startsAt',
            width: 160,
            render: (at: string) => when(at),
          },
          {
            title: '创建',
            key: 'created',
            width: 220,
            render: (_, b) => `${when(b.createdAt)} ${b.createdBy}`,
          },
        ]}
      />
      {page.data?.next && (
        <Button
          style={{ marginTop: 12 }}
          onClick={() => {
            setEarlier(rows);
            setCursor(page.data?.next ?? undefined);
          }}
        >
          加载更多
        </Button>
      )}
      <NewBatchForm
        open={creating}
        {...dialogEnds(
          () => setCreating(false),
          (id: string) => navigate(`/batches/${encodeURIComponent(id)}`),
        )}
      />
    </Card>
  );
}

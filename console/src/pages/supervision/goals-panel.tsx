import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Tag, Typography } from 'antd';
import { useState } from 'react';
import { call } from '../../api/client.ts';
import type { AnswerOf } from '../../api/routes.ts';
import { dialogEnds } from '../../components/dialog-ends.ts';
import { LoadedTable } from '../../components/loaded-table.tsx';
import { useLoad } from '../../components/use-load.ts';
import { when } from '../../format.ts';
import { goalColumns } from './goal-columns.tsx';
import { APPROVAL_STATE } from './labels.ts';
import { ProgressForm } from './progress-form.tsx';

type Goal = AnswerOf<'GET /v1/organizations/{orgId}/goals'>[number];

/** The organization's term goals (任期目标) and their progress; progress only on approved ones. */
export function GoalsPanel(props: { orgId: string; electionId?: string }) {
  const { orgId } = props;
  const goals = useLoad(
    () => call('GET /v1/organizations/{orgId}/goals', { params: { orgId } }),
    orgId,
  );
  const [recording, setRecording] = useState<Goal | null>(null);
  const rows = (goals.data ?? []).filter(
    (g) => !props.electionId || g.electionId === props.electionId,
  );
  return (
    <Card title="任期目标与进展">
      <LoadedTable<Goal>
        load={goals}
        dataSource={rows}
        width={760}
        empty="还没有任期目标:任职承诺书经上级批准后,其中的目标在此跟踪"
        expandable={{
          rowExpandable: (goal) => goal.progress.length > 0,
          expandedRowRender: (goal) => (
            <ul style={{ margin: 0, paddingInlineStart: 20 }}>
              {goal.progress.map((p) => (
                <li key={p.id}>
                  <Typography.Text strong>{p.at}</Typography.Text> {p.text}
                  {p.value !== undefined && <Tag style={{ marginInlineStart: 8 }}>{p.value}</Tag>}
                </li>
              ))}
            </ul>
          ),
        }}
        columns={[
          ...goalColumns<Goal>(),
          {
            title: '状态',
            dataIndex: 'status',
            width: 110,
            render: (s: string) => (
              <Tag color={APPROVAL_STATE[s]?.color}>{APPROVAL_STATE[s]?.text ?? s}</Tag>
            ),
          },
          {
            title: '进展',
            key: 'progress',
            width: 170,
            render: (_, goal) =>
              goal.progress.length === 0 ? (
                <Typography.Text type="secondary">暂无</Typography.Text>
              ) : (
                `${goal.progress.length} 条,最近 ${goal.progress.at(-1)?.at ?? ''}`
              ),
          },
          {
            title: '操作',
            key: 'action',
            width: 120,
            fixed: 'right',
            render: (_, goal) => (
              <Button
                size="small"
                icon={<PlusOutlined />}
                disabled={goal.status !== 'approved'}
                title={goal.status === 'approved' ? undefined : '目标经上级批准后才能记录进展'}
                onClick={() => setRecording(goal)}
              >
                记录进展
              </Button>
            ),
          },
        ]}
      />
      {rows.some((g) => g.approvedAt) && (
        <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
          目标批准于 {when(rows.find((g) => g.approvedAt)?.approvedAt ?? '')}
        </Typography.Paragraph>
      )}
      <ProgressForm
        orgId={orgId}
        goal={recording}
        {...dialogEnds(() => setRecording(null), goals.reload)}
      />
    </Card>
  );
}

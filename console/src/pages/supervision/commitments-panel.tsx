import { PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Empty, Flex, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { call } from '../../api/client.ts';
import { dialogEnds } from '../../components/dialog-ends.ts';
import { Problem } from '../../components/problem.tsx';
import { useLoad } from '../../components/use-load.ts';
import { when } from '../../format.ts';
import { CommitmentForm } from './commitment-form.tsx';
import { GoalsTable } from './goal-columns.tsx';
import { APPROVAL_STATE } from './labels.ts';
import { ReminderButton } from './reminder-button.tsx';
import { useReminder } from './use-reminder.ts';

/**
 * The election's 任职承诺书: each with its goals and whether the superior approved it; a new one
 * once none is pending or approved (a rejected one may be revised), and a reminder to the
 * superior while one waits.
 */
export function CommitmentsPanel(props: {
  electionId: string;
  completed: boolean;
  holder?: string;
}) {
  const { electionId } = props;
  const [creating, setCreating] = useState(false);
  const list = useLoad(
    () => call('GET /v1/elections/{id}/commitments', { params: { id: electionId } }),
    electionId,
  );
  const { remind, pending } = useReminder(() => void list.reload());
  const commitments = list.data ?? [];
  const open = commitments.some((c) => c.status !== 'rejected');
  return (
    <Card
      title="任职承诺书"
      extra={
        <Button
          type="primary"
          icon={<PlusOutlined />}
          disabled={!props.completed || open}
          title={open ? '已有待审批或已批准的任职承诺书' : undefined}
          onClick={() => setCreating(true)}
        >
          提交任职承诺书
        </Button>
      }
    >
      <Typography.Paragraph type="secondary">
        当选书记{props.holder ? `(${props.holder})` : ''}
        的任职承诺书,经上级党组织批准后在公示栏公布;其中的目标用于任期跟踪和年度工作报告。
      </Typography.Paragraph>
      <Problem text={list.error} />
      {!list.loading && commitments.length === 0 && (
        <Empty
          description={
            props.completed
              ? '尚未提交任职承诺书:点击右上角“提交任职承诺书”填写目标'
              : '选举完成后才能提交任职承诺书'
          }
        />
      )}
      <Flex vertical gap="middle">
        {commitments.map((commitment) => {
          const state = APPROVAL_STATE[commitment.status];
          return (
            <Card
              key={commitment.id}
              size="small"
              type="inner"
              title={
                <Space wrap>
                  <Tag color={state?.color}>{state?.text ?? commitment.status}</Tag>
                  <span>提交于 {when(commitment.submittedAt)}</span>
                  {commitment.decidedAt && (
                    <Typography.Text type="secondary">
                      决定于 {when(commitment.decidedAt)}
                    </Typography.Text>
                  )}
                </Space>
              }
              extra={
                commitment.status === 'pending-approval' && (
                  <ReminderButton
                    loading={pending === commitment.id}
                    onConfirm={() =>
                      remind(commitment.id, () =>
                        call('POST /v1/elections/{id}/commitments/{commitmentId}/reminder', {
                          params: { id: electionId, commitmentId: commitment.id },
                        }),
                      )
                    }
                  />
                )
              }
            >
              {commitment.comment && (
                <Alert
                  type="info"
                  title={`上级意见:${commitment.comment}`}
                  style={{ marginBottom: 8 }}
                />
              )}
              <GoalsTable goals={commitment.goals} />
            </Card>
          );
        })}
      </Flex>
      <CommitmentForm
        electionId={electionId}
        open={creating}
        {...dialogEnds(() => setCreating(false), list.reload)}
      />
    </Card>
  );
}

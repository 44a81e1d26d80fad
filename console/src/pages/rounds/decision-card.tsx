import { Alert, Card, Form, Input, InputNumber, Radio, Select } from 'antd';
import { OrganizerDecision } from '../../../../shared/rules/index.ts';
import { call } from '../../api/client.ts';
import { ConfirmButton } from '../../components/confirm-button.tsx';
import { useSubmit } from '../../components/use-submit.ts';

/**
 * The organizers' decision after a repeated tie or a shortfall the re-votes did not settle
 * (`POST …/decision`, SPEC §9): choose among the tied, order one more vote, or reduce the seats
 * — with the reason, recorded in the audit log. Irreversible, so it asks to confirm.
 */

interface Values {
  choice?: 'select' | 'revote' | 'reduce-seats';
  memberIds?: string[];
  seats?: number;
  reason?: string;
}

export function DecisionCard(props: {
  electionId: string;
  roundId: string;
  /** Who may be chosen: the tied, or the round's candidates. */
  choosable: string[];
  seats: number;
  nameOf: (id: string) => string;
  onDone: () => void;
}) {
  const [form] = Form.useForm<Values>();
  const choice = Form.useWatch('choice', form);
  const { submit, pending, problem } = useSubmit({
    form,
    schema: OrganizerDecision,
    toBody: ({ choice, memberIds, seats, reason }: Values) => ({
      choice,
      ...(choice === 'select' ? { memberIds: memberIds ?? [] } : {}),
      ...(choice === 'reduce-seats' ? { seats } : {}),
      reason: reason ?? '',
    }),
    send: (body) =>
      call('POST /v1/elections/{id}/rounds/{roundId}/decision', {
        params: { id: props.electionId, roundId: props.roundId },
        body,
      }),
    success: '领导小组的决定已记录',
    onDone: props.onDone,
  });
  return (
    <Card title="领导小组决定" aria-label="领导小组决定">
      <Alert
        type="warning"
        showIcon
        style={{ marginBottom: 16 }}
        title="再次投票后仍票数相等或人数不足,须由领导小组决定"
        description="确定人选、再次投票或减少名额;决定及理由记入审计日志,不能撤回。"
      />
      {problem && <Alert type="error" showIcon title={problem} style={{ marginBottom: 16 }} />}
      <Form<Values> form={form} layout="vertical" initialValues={{ choice: 'select' }}>
        <Form.Item label="决定" name="choice">
          <Radio.Group
            options={[
              { value: 'select', label: '确定人选' },
              { value: 'revote', label: '再次投票' },
              { value: 'reduce-seats', label: '减少名额' },
            ]}
          />
        </Form.Item>
        {choice === 'select' && (
          <Form.Item label="确定的人选" name="memberIds">
            <Select
              mode="multiple"
              options={props.choosable.map((id) => ({ value: id, label: props.nameOf(id) }))}
            />
          </Form.Item>
        )}
        {choice === 'reduce-seats' && (
          <Form.Item label={`本轮名额(原 ${props.seats} 名)`} name="seats">
            <InputNumber min={0} max={props.seats} />
          </Form.Item>
        )}
        <Form.Item label="理由" name="reason">
          <Input.TextArea rows={3} maxLength={2000} showCount />
        </Form.Item>
        <ConfirmButton
          type="primary"
          loading={pending}
          confirm={{ title: '确认记录这项决定?', description: '记录后不能撤回', okText: '确认' }}
          onConfirm={submit}
        >
          记录决定
        </ConfirmButton>
      </Form>
    </Card>
  );
}

import { Alert, Button, Card, Form, Input, Radio, Select } from 'antd';
import { StatementBody } from '../../../../shared/election/candidates/schemas.ts';
import { isCurrent } from '../../../../shared/rules/index.ts';
import { call } from '../../api/client.ts';
import { useSubmit } from '../../components/use-submit.ts';
import { OFFICE_NAMES } from '../../format.ts';
import type { ElectionTabProps } from './election-data.ts';

/**
 * A candidate's 竞职演讲 or 竞职承诺, entered by the organizers from the paper and shown on the
 * board; a later one of the same kind replaces it (the audit log keeps each).
 */
export function StatementForm({ election, nameOf }: ElectionTabProps) {
  const standing = election.candidates.filter((c) => isCurrent(c.status));
  const [form] = Form.useForm<{
    candidate?: string;
    kind: 'speech' | 'commitment';
    text?: string;
  }>();
  const { submit, pending, problem } = useSubmit({
    form,
    schema: StatementBody,
    toBody: (values) => {
      const [office, candidateId] = (values.candidate ?? '').split(':');
      return { candidateId, office, kind: values.kind, text: values.text };
    },
    send: (body) =>
      call('POST /v1/elections/{id}/statements', { params: { id: election.id }, body }),
    success: (answer) =>
      `已记录 ${nameOf(answer.candidateId)} 的${answer.kind === 'speech' ? '竞职演讲' : '竞职承诺'}`,
    onDone: () => form.resetFields(),
  });
  return (
    <Card size="small" title="竞职演讲与承诺">
      {problem && <Alert type="error" showIcon title={problem} style={{ marginBottom: 12 }} />}
      <Form
        form={form}
        layout="vertical"
        initialValues={{ kind: 'speech' }}
        disabled={standing.length === 0}
      >
        {/* One choice gives both the body's candidateId and office. */}
        <Form.Item
          label="候选人"
          name="candidate"
          required
          extra={standing.length === 0 ? '还没有在列的候选人' : undefined}
        >
          <Select
            options={standing.map((c) => ({
              value: `${c.office}:${c.memberId}`,
              label: `${nameOf(c.memberId)} · ${OFFICE_NAMES[c.office]}`,
            }))}
          />
        </Form.Item>
        <Form.Item label="类型" name="kind" required>
          <Radio.Group
            options={[
              { value: 'speech', label: '竞职演讲' },
              { value: 'commitment', label: '竞职承诺' },
            ]}
          />
        </Form.Item>
        <Form.Item label="内容" name="text" required>
          <Input.TextArea rows={4} maxLength={20_000} showCount />
        </Form.Item>
        <Button type="primary" loading={pending} onClick={submit}>
          记录
        </Button>
      </Form>
    </Card>
  );
}

import { Card, Form, Input, Radio } from 'antd';
import { StatementBody } from '../../../../shared/election/candidates/schemas.ts';
import { isCurrent } from '../../../../shared/rules/index.ts';
import { call } from '../../api/client.ts';
import { Problem } from '../../components/problem.tsx';
import { useSubmit } from '../../components/use-submit.ts';
import { OFFICE_NAMES } from '../../format.ts';
import type { ElectionTabProps } from './election-data.ts';
import { CandidateChoice, optionsOf, SubmitButton } from './parts.tsx';

const STATEMENT_NAMES = { speech: '竞职演讲', commitment: '竞职承诺' } as const;

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
  const submitting = useSubmit({
    form,
    schema: StatementBody,
    toBody: (values) => {
      const [office, candidateId] = (values.candidate ?? '').split(':');
      return { candidateId, office, kind: values.kind, text: values.text };
    },
    send: (body) =>
      call('POST /v1/elections/{id}/statements', { params: { id: election.id }, body }),
    success: (answer) => `已记录 ${nameOf(answer.candidateId)} 的${STATEMENT_NAMES[answer.kind]}`,
    onDone: () => form.resetFields(),
  });
  return (
    <Card size="small" title="竞职演讲与承诺">
      <Problem text={submitting.problem} />
      <Form
        name="statement"
        form={form}
        layout="vertical"
        initialValues={{ kind: 'speech' }}
        disabled={standing.length === 0}
      >
        {/* One choice gives both the body's candidateId and office. */}
        <CandidateChoice
          label="候选人"
          name="candidate"
          choices={standing.map((c) => ({
            value: `${c.office}:${c.memberId}`,
            label: `${nameOf(c.memberId)} · ${OFFICE_NAMES[c.office]}`,
          }))}
          none="还没有在列的候选人"
        />
        <Form.Item label="类型" name="kind" required>
          <Radio.Group options={optionsOf(['speech', 'commitment'], STATEMENT_NAMES)} />
        </Form.Item>
        <Form.Item label="内容" name="text" required>
          <Input.TextArea rows={4} maxLength={20_000} showCount />
        </Form.Item>
        <SubmitButton submitting={submitting}>记录</SubmitButton>
      </Form>
    </Card>
  );
}

import { Card, Form, Input, Select, Space, Typography } from 'antd';
import { InspectionBody, ProposalBody } from '../../../../shared/election/candidates/schemas.ts';
import { RATING_NAMES } from '../../../../shared/notices/labels.ts';
import { call } from '../../api/client.ts';
import { Problem } from '../../components/problem.tsx';
import { useSubmit } from '../../components/use-submit.ts';
import type { ElectionTabProps } from './election-data.ts';
import { CandidateChoice, SubmitButton } from './parts.tsx';

/**
 * 组织考察: the inspection of each recommended secretary candidate, recorded once; where more
 * were recommended than go to the superior (差额考察), the ones submitted to its vote.
 */
export function InspectionsCard({ election, nameOf, reload }: ElectionTabProps) {
  const recommended = election.candidates.filter(
    (c) => c.office === 'secretary' && c.status === 'recommended',
  );
  const options = recommended.map((c) => ({ value: c.memberId, label: nameOf(c.memberId) }));
  const [inspection] = Form.useForm<{ candidateId?: string; rating?: string; summary?: string }>();
  const record = useSubmit({
    form: inspection,
    schema: InspectionBody,
    toBody: (values) => values,
    send: (body) =>
      call('POST /v1/elections/{id}/inspections', { params: { id: election.id }, body }),
    success: (answer) => `已录入 ${nameOf(answer.candidateId)} 的考察情况`,
    onDone: () => {
      inspection.resetFields();
      void reload();
    },
  });
  const [proposal] = Form.useForm<{ candidateIds?: string[]; reason?: string }>();
  const propose = useSubmit({
    form: proposal,
    schema: ProposalBody,
    toBody: (values) => ({
      candidateIds: values.candidateIds ?? [],
      ...(values.reason?.trim() ? { reason: values.reason.trim() } : {}),
    }),
    send: (body) =>
      call('POST /v1/elections/{id}/inspections/proposal', { params: { id: election.id }, body }),
    success: (answer) => `已提交上级票决:${answer.proposed.map(nameOf).join('、')}`,
    onDone: () => void reload(),
  });
  const inspecting = election.stage === 'inspection';
  const extra = recommended.length > election.rules.inspectionCount;
  return (
    <Card size="small" title="组织考察">
      {!inspecting && (
        <Typography.Paragraph type="secondary">
          考察在“组织考察和票决”阶段进行;现在
          {recommended.length > 0 ? '可以查看考察人选' : '还没有考察人选'}。
        </Typography.Paragraph>
      )}
      <Form
        name="inspection"
        form={inspection}
        layout="vertical"
        disabled={!inspecting || recommended.length === 0}
      >
        <Problem text={record.problem} />
        <Space wrap size="middle" style={{ width: '100%' }}>
          <CandidateChoice
            label="考察人选"
            name="candidateId"
            choices={options}
            none="还没有考察人选"
          />
          <Form.Item label="考察评价" name="rating" required>
            <Select
              style={{ minWidth: 120 }}
              options={Object.entries(RATING_NAMES).map(([value, label]) => ({ value, label }))}
            />
          </Form.Item>
        </Space>
        <Form.Item label="考察情况" name="summary" required>
          <Input.TextArea rows={3} maxLength={10_000} />
        </Form.Item>
        <SubmitButton submitting={record}>录入考察情况</SubmitButton>
      </Form>
      {extra && (
        <>
          <Typography.Title level={5} style={{ marginTop: 24 }}>
            确定提交上级票决的人选({election.rules.inspectionCount} 名)
          </Typography.Title>
          <Problem text={propose.problem} />
          <Form name="proposal" form={proposal} layout="vertical" disabled={!inspecting}>
            <Form.Item label="提交票决的人选" name="candidateIds" required>
              <Select mode="multiple" options={options} />
            </Form.Item>
            <Form.Item label="其余人选未进入下一轮的理由" name="reason">
              <Input.TextArea rows={2} maxLength={2000} />
            </Form.Item>
            <SubmitButton submitting={propose}>提交上级票决</SubmitButton>
          </Form>
        </>
      )}
    </Card>
  );
}

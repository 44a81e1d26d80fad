import { Form, Select, Typography } from 'antd';
import { ByElectionBody } from '../../../../shared/supervision/schemas.ts';
import { call } from '../../api/client.ts';
import { FormModal } from '../../components/form-modal.tsx';
import { useSubmit } from '../../components/use-submit.ts';

interface Values {
  candidateIds?: string[];
}

/**
 * The by-election (补选) of a recalled member's seat: its candidates, 差额 — at least
 * ceil(1 × (100 + margin) / 100) for the one seat, counted live. It opens a round of kind
 * `election` that the assembly then votes in.
 */
export function ByElectionForm(props: {
  electionId: string;
  recall: { id: string; holder: string } | null;
  members: { id: string; name: string }[];
  minCandidates: number;
  onClose: () => void;
  onDone: (roundId: string) => void;
}) {
  const [form] = Form.useForm<Values>();
  const chosen = Form.useWatch('candidateIds', form) ?? [];
  const submitting = useSubmit({
    form,
    schema: ByElectionBody,
    toBody: (values: Values) => ({
      candidateIds: values.candidateIds ?? [],
      ...(props.recall ? { recallId: props.recall.id } : {}),
    }),
    send: (body) =>
      call('POST /v1/elections/{id}/by-elections', { params: { id: props.electionId }, body }),
    success: '补选已开始:请组织党员大会投票',
    onDone: (answer) => {
      form.resetFields();
      props.onDone(answer.roundId);
    },
  });
  return (
    <FormModal
      title={`补选:${props.recall?.holder ?? ''} 的委员职位`}
      open={props.recall !== null}
      okText="开始补选"
      form={form}
      submitting={submitting}
      onClose={props.onClose}
    >
      <Form.Item
        label="补选候选人"
        name="candidateIds"
        required
        extra={
          <Typography.Text type={chosen.length >= props.minCandidates ? 'success' : 'warning'}>
            差额选举:1 个职位至少 {props.minCandidates} 名候选人,已选 {chosen.length} 名
          </Typography.Text>
        }
      >
        <Select
          mode="multiple"
          placeholder="输入姓名或编号查找"
          optionFilterProp="label"
          options={props.members.map((m) => ({ value: m.id, label: `${m.name}(${m.id})` }))}
        />
      </Form.Item>
    </FormModal>
  );
}

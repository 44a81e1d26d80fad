import { Form, Select, Typography } from 'antd';
import { ByElectionBody } from '../../../../shared/supervision/schemas.ts';
import { call } from '../../api/client.ts';
import type { DialogEnds } from '../../components/dialog-ends.ts';
import { FormModal } from '../../components/form-modal.tsx';
import { useDialogForm } from '../../components/use-dialog-form.ts';

interface Values {
  candidateIds?: string[];
}

/**
 * The by-election (补选) of a recalled member's seat: its candidates, 差额 — at least
 * ceil(1 × (100 + margin) / 100) for the one seat, counted live. It opens a round of kind
 * `election` that the assembly then votes in.
 */
export function ByElectionForm(
  props: {
    electionId: string;
    recall: { id: string; holder: string } | null;
    members: { id: string; name: string }[];
    minCandidates: number;
  } & DialogEnds<[roundId: string]>,
) {
  const dialog = useDialogForm(
    { open: props.recall !== null, onClose: props.onClose },
    {
      schema: ByElectionBody,
      toBody: (values: Values) => ({
        candidateIds: values.candidateIds ?? [],
        ...(props.recall ? { recallId: props.recall.id } : {}),
      }),
      send: (body) =>
        call('POST /v1/elections/{id}/by-elections', { params: { id: props.electionId }, body }),
      success: '补选已开始:请组织党员大会投票',
      onDone: (answer) => props.onDone(answer.roundId),
    },
  );
  const chosen = Form.useWatch('candidateIds', dialog.form) ?? [];
  return (
    <FormModal
      {...dialog}
      title={`补选:${props.recall?.holder ?? ''} 的委员职位`}
      okText="开始补选"
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

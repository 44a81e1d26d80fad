import { Form, Input, Select, Typography } from 'antd';
import { RecallPetition } from '../../../../shared/rules/index.ts';
import { call } from '../../api/client.ts';
import type { DialogEnds } from '../../components/dialog-ends.ts';
import { FormModal } from '../../components/form-modal.tsx';
import { useDialogForm } from '../../components/use-dialog-form.ts';

interface Values {
  officeHolderId?: string;
  signatoryIds?: string[];
  reason?: string;
}

/**
 * A recall petition (罢免, 第七条 2): the office holder, the members who sign it — chosen from
 * the roll, the holder excluded — and the reasons. How many sign is counted live against the
 * rules' `recallMinSignatories`; the API decides, and its refusal lands on the field.
 */
export function RecallForm(
  props: {
    electionId: string;
    open: boolean;
    holders: { id: string; label: string }[];
    members: { id: string; name: string }[];
    minSignatories: number;
  } & DialogEnds,
) {
  const dialog = useDialogForm(props, {
    schema: RecallPetition,
    toBody: (values: Values) => ({
      officeHolderId: values.officeHolderId ?? '',
      signatoryIds: values.signatoryIds ?? [],
      reason: values.reason ?? '',
    }),
    send: (body) =>
      call('POST /v1/elections/{id}/recalls', { params: { id: props.electionId }, body }),
    success: '罢免要求已提出,已报上级党组织调查审批',
    onDone: props.onDone,
  });
  const holder = Form.useWatch('officeHolderId', dialog.form);
  const signatories = Form.useWatch('signatoryIds', dialog.form) ?? [];
  const enough = signatories.length >= props.minSignatories;
  return (
    <FormModal {...dialog} title="提出罢免要求" okText="提交罢免要求" width={680} danger>
      <Form.Item label="被罢免人" name="officeHolderId" required>
        <Select
          placeholder="选择在任的书记、副书记或委员"
          options={props.holders.map((h) => ({ value: h.id, label: h.label }))}
        />
      </Form.Item>
      <Form.Item
        label="联名党员"
        name="signatoryIds"
        required
        extra={
          <Typography.Text type={enough ? 'success' : 'warning'}>
            已选 {signatories.length} 人,至少需要 {props.minSignatories} 名党员联名
            {enough ? '' : `(还差 ${props.minSignatories - signatories.length} 人)`}
          </Typography.Text>
        }
      >
        <Select
          mode="multiple"
          allowClear
          placeholder="输入姓名或编号查找"
          optionFilterProp="label"
          options={props.members
            .filter((m) => m.id !== holder)
            .map((m) => ({ value: m.id, label: `${m.name}(${m.id})` }))}
        />
      </Form.Item>
      <Form.Item label="罢免理由" name="reason" required>
        <Input.TextArea autoSize={{ minRows: 3 }} placeholder="写明具体事实和理由" />
      </Form.Item>
    </FormModal>
  );
}

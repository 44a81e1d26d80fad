import { Checkbox, Form, Select, Space, Typography } from 'antd';
import { NominationBody } from '../../../../shared/election/candidates/schemas.ts';
import { NOMINATION_KIND_NAMES } from '../../../../shared/notices/words.ts';
import { call } from '../../api/client.ts';
import type { DialogEnds } from '../../components/dialog-ends.ts';
import { FormModal } from '../../components/form-modal.tsx';
import { useDialogForm } from '../../components/use-dialog-form.ts';
import { OFFICE_NAMES } from '../../format.ts';
import type { Election, RollMember } from './election-data.ts';
import { optionsOf } from './parts.tsx';

type Kind = Election['rules']['nominationKinds'][number];

interface Values {
  kind: Kind;
  office: Election['rules']['nominationOffices'][number];
  nomineeId?: string;
  supporterIds?: string[];
  documents: string[];
}

/** 报名材料 (第六条 2): the originals the organizers check, recorded as ticks. */
const DOCUMENT_NAMES = {
  idCard: '身份证原件',
  householdRegister: '户口簿原件',
  diploma: '学历证明原件',
  photo: '一寸照片',
} as const;
const DOCUMENTS = optionsOf(
  Object.keys(DOCUMENT_NAMES) as (keyof typeof DOCUMENT_NAMES)[],
  DOCUMENT_NAMES,
);

/**
 * A nomination entered by the organizers (`POST …/nominations`): 组织推荐, or a member's
 * 自荐 / 联名举荐 from the paper form (SPEC §9: organizers enter any kind), with the papers
 * checked. The API answers with the automatic eligibility check, shown at once in the list.
 */
export function NominateForm(
  props: {
    election: Election;
    roll: readonly RollMember[];
    open: boolean;
  } & DialogEnds,
) {
  const { election } = props;
  const dialog = useDialogForm(props, {
    schema: NominationBody,
    toBody: (values: Values) => ({
      kind: values.kind,
      office: values.office,
      nomineeId: values.nomineeId,
      ...(values.kind === 'joint' ? { supporterIds: values.supporterIds ?? [] } : {}),
      documents: Object.fromEntries(
        DOCUMENTS.map(({ value }) => [value, (values.documents ?? []).includes(value)]),
      ),
    }),
    send: (body) =>
      call('POST /v1/elections/{id}/nominations', { params: { id: election.id }, body }),
    success: (answer) =>
      answer.check.eligible
        ? '提名已录入:自动审查通过'
        : '提名已录入:自动审查有未通过的条件,请审查',
    onDone: props.onDone,
  });
  const kind = Form.useWatch('kind', dialog.form);
  const members = props.roll.map((m) => ({ value: m.id, label: `${m.name}(${m.id})` }));
  return (
    <FormModal
      {...dialog}
      title="录入提名"
      name="nomination"
      initialValues={{
        kind: election.rules.nominationKinds.includes('organization')
          ? 'organization'
          : election.rules.nominationKinds[0],
        office: election.rules.nominationOffices[0],
        documents: [],
      }}
      okText="录入"
    >
      <Space wrap size="large" style={{ width: '100%' }}>
        <Form.Item label="提名方式" name="kind" required>
          <Select
            style={{ minWidth: 160 }}
            options={optionsOf(election.rules.nominationKinds, NOMINATION_KIND_NAMES)}
          />
        </Form.Item>
        <Form.Item label="职务" name="office" required>
          <Select
            style={{ minWidth: 120 }}
            options={optionsOf(election.rules.nominationOffices, OFFICE_NAMES)}
          />
        </Form.Item>
      </Space>
      <Form.Item label="被提名人" name="nomineeId" required>
        <Select showSearch optionFilterProp="label" options={members} placeholder="输入姓名查找" />
      </Form.Item>
      {kind === 'joint' && (
        <Form.Item
          label="联名人"
          name="supporterIds"
          extra={`至少 ${election.rules.minJointSupporters} 名有选举权的党员`}
          required
        >
          <Select mode="multiple" optionFilterProp="label" options={members} />
        </Form.Item>
      )}
      <Form.Item label="已核验的报名材料" name="documents">
        <Checkbox.Group options={DOCUMENTS} />
      </Form.Item>
      {kind !== 'organization' && (
        <Typography.Text type="secondary">
          代党员录入纸质报名表:{kind === 'self' ? '自荐人' : '联名人'}签字的原件请留存备查。
        </Typography.Text>
      )}
    </FormModal>
  );
}

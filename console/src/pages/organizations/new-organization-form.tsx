import { Form, Input, Select } from 'antd';
import { NewOrganization } from '../../../../shared/election/organizations/schemas.ts';
import { call } from '../../api/client.ts';
import type { DialogEnds } from '../../components/dialog-ends.ts';
import { FormModal } from '../../components/form-modal.tsx';
import { useDialogForm } from '../../components/use-dialog-form.ts';
import { LEVEL_NAMES } from './levels.ts';

interface Values {
  id: string;
  name: string;
  level: 'branch' | 'general-branch' | 'committee';
  superior: { name: string; emails: string[] };
}

const LEVELS = Object.entries(LEVEL_NAMES).map(([value, label]) => ({ value, label }));

/**
 * A new organization with its superior committee, checked with the API's own schema before it
 * is sent; the API's refusals land next to their fields. The pattern of every console form.
 */
export function NewOrganizationForm(
  props: {
    open: boolean;
  } & DialogEnds<[id: string]>,
) {
  const dialog = useDialogForm(props, {
    schema: NewOrganization,
    toBody: (values: Values) => ({
      ...values,
      superior: { ...values.superior, emails: values.superior?.emails ?? [] },
    }),
    send: (body) => call('POST /v1/organizations', { body }),
    success: (created) => `已创建党组织 ${created.name}`,
    onDone: (created) => props.onDone(created.id),
  });
  return (
    <FormModal {...dialog} title="新建党组织" okText="创建" initialValues={{ level: 'branch' }}>
      <Form.Item label="编号" name="id" extra="例如 sq-yangliu;不含空格、# 或 /" required>
        <Input />
      </Form.Item>
      <Form.Item label="名称" name="name" required>
        <Input placeholder="例如 杨柳社区党支部" />
      </Form.Item>
      <Form.Item label="层级" name="level" required>
        <Select options={LEVELS} />
      </Form.Item>
      <Form.Item label="上级党组织" name={['superior', 'name']} required>
        <Input placeholder="例如 城关街道党工委" />
      </Form.Item>
      <Form.Item
        label="上级审批邮箱"
        name={['superior', 'emails']}
        extra="审批请求发送到这些邮箱;输入后回车"
        required
      >
        <Select mode="tags" open={false} tokenSeparators={[',', ' ', ';']} />
      </Form.Item>
    </FormModal>
  );
}

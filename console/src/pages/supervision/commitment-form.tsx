import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Form, Input, Select, Space } from 'antd';
import { CommitmentBody } from '../../../../shared/supervision/schemas.ts';
import { call } from '../../api/client.ts';
import type { DialogEnds } from '../../components/dialog-ends.ts';
import { FormModal } from '../../components/form-modal.tsx';
import { useDialogForm } from '../../components/use-dialog-form.ts';
import { GOAL_CATEGORIES, GOAL_CATEGORY_NAMES } from './labels.ts';

interface Values {
  goals: { category: string; text?: string; target?: string }[];
}

/**
 * The elected secretary's 任职承诺书 (第七条 1): one goal per line with a measurable target,
 * a line for each of the four fields to start with. Checked with the API's own schema; sent to
 * the superior for approval, and on the board once approved.
 */
export function CommitmentForm(
  props: {
    electionId: string;
    open: boolean;
  } & DialogEnds,
) {
  const dialog = useDialogForm(props, {
    schema: CommitmentBody,
    toBody: (values: Values) => ({
      goals: (values.goals ?? []).map((g) => ({
        category: g.category,
        text: g.text ?? '',
        target: g.target ?? '',
      })),
    }),
    send: (body) =>
      call('POST /v1/elections/{id}/commitments', { params: { id: props.electionId }, body }),
    success: '任职承诺书已提交,审批链接已发送给上级党组织',
    onDone: props.onDone,
  });
  return (
    <FormModal
      {...dialog}
      title="提交任职承诺书"
      okText="提交上级审批"
      width={760}
      initialValues={{ goals: GOAL_CATEGORIES.map((category) => ({ category })) }}
    >
      <Form.List name="goals">
        {(fields, { add, remove }) => (
          <>
            {fields.map((field, index) => (
              <Space
                key={field.key}
                align="start"
                wrap
                style={{ display: 'flex', marginBottom: 4, borderBottom: '1px dashed #eee' }}
              >
                <Form.Item label={index === 0 ? '类别' : undefined} name={[field.name, 'category']}>
                  <Select
                    style={{ width: 140 }}
                    options={GOAL_CATEGORIES.map((c) => ({
                      value: c,
                      label: GOAL_CATEGORY_NAMES[c],
                    }))}
                  />
                </Form.Item>
                <Form.Item label={index === 0 ? '目标' : undefined} name={[field.name, 'text']}>
                  <Input.TextArea
                    autoSize={{ minRows: 1, maxRows: 4 }}
                    style={{ width: 280 }}
                    placeholder="例如 建成社区党群服务中心"
                    aria-label={`目标 ${index + 1}`}
                  />
                </Form.Item>
                <Form.Item label={index === 0 ? '指标' : undefined} name={[field.name, 'target']}>
                  <Input
                    style={{ width: 200 }}
                    placeholder="例如 新增就业岗位 50 个"
                    aria-label={`指标 ${index + 1}`}
                  />
                </Form.Item>
                <Button
                  aria-label="删除此目标"
                  icon={<DeleteOutlined />}
                  style={{ marginTop: index === 0 ? 30 : 0 }}
                  onClick={() => remove(field.name)}
                />
              </Space>
            ))}
            <Button icon={<PlusOutlined />} onClick={() => add({ category: 'social' })}>
              增加一项目标
            </Button>
          </>
        )}
      </Form.List>
    </FormModal>
  );
}

import { Alert, DatePicker, Form, Input, InputNumber } from 'antd';
import type { Dayjs } from 'dayjs';
import { ProgressBody } from '../../../../shared/supervision/schemas.ts';
import { call } from '../../api/client.ts';
import type { DialogEnds } from '../../components/dialog-ends.ts';
import { FormModal } from '../../components/form-modal.tsx';
import { useDialogForm } from '../../components/use-dialog-form.ts';
import { dayjs, ZONE } from '../../format.ts';

interface Values {
  at?: Dayjs;
  text?: string;
  value?: number | null;
}

/** Progress against an approved term goal: the day it concerns, what was done, a figure if any. */
export function ProgressForm(
  props: {
    orgId: string;
    goal: { id: string; text: string; target: string } | null;
  } & DialogEnds,
) {
  const dialog = useDialogForm(
    { open: props.goal !== null, onClose: props.onClose },
    {
      schema: ProgressBody,
      toBody: (values: Values) => ({
        at: values.at ? values.at.format('YYYY-MM-DD') : '',
        text: values.text ?? '',
        ...(values.value === undefined || values.value === null ? {} : { value: values.value }),
      }),
      send: (body) =>
        call('POST /v1/organizations/{orgId}/goals/{goalId}/progress', {
          params: { orgId: props.orgId, goalId: props.goal?.id ?? '' },
          body,
        }),
      success: '进展已记录',
      onDone: props.onDone,
    },
  );
  return (
    <FormModal
      {...dialog}
      title="记录目标进展"
      okText="记录"
      initialValues={{ at: dayjs().tz(ZONE) }}
    >
      {props.goal && (
        <Alert
          type="info"
          title={props.goal.text}
          description={`指标:${props.goal.target}`}
          style={{ marginBottom: 16 }}
        />
      )}
      <Form.Item label="日期" name="at" required>
        <DatePicker format="YYYY-MM-DD" />
      </Form.Item>
      <Form.Item label="工作进展" name="text" required>
        <Input.TextArea
          autoSize={{ minRows: 3 }}
          placeholder="例如 举办招聘会 1 场,12 人实现就业"
        />
      </Form.Item>
      <Form.Item label="完成数值(可选)" name="value" extra="与指标对应的数字,年度报告中汇总">
        <InputNumber style={{ width: 200 }} />
      </Form.Item>
    </FormModal>
  );
}

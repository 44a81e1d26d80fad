import { Form, Select, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { call } from '../../api/client.ts';
import type { DialogEnds } from '../../components/dialog-ends.ts';
import { FormModal } from '../../components/form-modal.tsx';
import { useSubmit } from '../../components/use-submit.ts';
import { fromPicker, STAGE_NAMES } from '../../format.ts';
import type { Election } from './election-data.ts';
import { InstantPicker, onShortDays } from './instant-picker.tsx';
import { optionsOf } from './parts.tsx';

interface Values {
  stage?: Election['rules']['stages'][number];
  deadline?: Dayjs;
}

/**
 * Puts a halted election back into one of its stages until a new deadline
 * (`POST …/resume`): the organizers have dealt with why it halted (the reason is shown above).
 */
export function ResumeForm(
  props: {
    election: Election;
    open: boolean;
  } & DialogEnds,
) {
  const { election } = props;
  const [form] = Form.useForm<Values>();
  const submitting = useSubmit({
    form,
    toBody: (values: Values) => ({
      stage: values.stage,
      deadline: values.deadline ? fromPicker(values.deadline) : undefined,
    }),
    send: (body: { stage: Values['stage']; deadline?: string }) => {
      if (!body.stage || !body.deadline) {
        form.setFields([
          ...(body.stage ? [] : [{ name: 'stage' as const, errors: ['请选择从哪个阶段恢复'] }]),
          ...(body.deadline
            ? []
            : [{ name: 'deadline' as const, errors: ['请选择该阶段的截止时间'] }]),
        ]);
        return Promise.reject(new Error('请补全恢复的阶段和截止时间'));
      }
      return call('POST /v1/elections/{id}/resume', {
        params: { id: election.id },
        body: { stage: body.stage, deadline: body.deadline },
      });
    },
    success: '选举已恢复,流程继续进行',
    onDone: props.onDone,
  });
  return (
    <FormModal
      title="恢复选举"
      open={props.open}
      onClose={props.onClose}
      form={form}
      name="resume"
      okText="恢复"
      submitting={submitting}
    >
      <Typography.Paragraph>暂停原因:{election.haltReason ?? '(未记录)'}</Typography.Paragraph>
      <Typography.Paragraph type="secondary">
        请先处理暂停的原因,再选择从哪个阶段继续、该阶段到何时截止(北京时间)。
      </Typography.Paragraph>
      <Form.Item label="从哪个阶段继续" name="stage" required>
        <Select options={optionsOf(election.rules.stages, STAGE_NAMES)} />
      </Form.Item>
      <Form.Item label="该阶段的截止时间(北京时间)" name="deadline" required>
        <InstantPicker aria-label="截止时间" seconds={onShortDays(props.election)} />
      </Form.Item>
    </FormModal>
  );
}

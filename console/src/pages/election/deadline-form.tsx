import { App, Form, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { call } from '../../api/client.ts';
import type { DialogEnds } from '../../components/dialog-ends.ts';
import { FormModal } from '../../components/form-modal.tsx';
import { fromPicker, STAGE_NAMES, toPicker, when } from '../../format.ts';
import type { Election } from './election-data.ts';
import { InstantPicker, onShortDays } from './instant-picker.tsx';

type Stage = keyof Election['calendar'];

/**
 * Moves one stage's deadline (`PUT …/deadlines/{stage}`). The API decides: a deadline that has
 * passed is not moved (409), a new one must lie in the future and after the stage's start (422);
 * its message stands under the picker, and the picked time stays for another try.
 */
export function DeadlineForm(
  props: {
    election: Election;
    stage: Stage | null;
  } & DialogEnds,
) {
  const { election, stage } = props;
  const [form] = Form.useForm<{ deadline?: Dayjs }>();
  const entry = stage ? election.calendar[stage] : undefined;
  useEffect(() => {
    if (entry) form.setFieldsValue({ deadline: toPicker(entry.until) });
  }, [entry, form]);
  const { message } = App.useApp();
  const [pending, setPending] = useState(false);
  // Every refusal of a move is about the one date picked: it stands under the picker.
  const submit = async () => {
    const picked = form.getFieldValue('deadline') as Dayjs | undefined;
    if (!stage) return;
    if (!picked) {
      form.setFields([{ name: 'deadline', errors: ['请选择新的截止时间'] }]);
      return;
    }
    setPending(true);
    try {
      await call('PUT /v1/elections/{id}/deadlines/{stage}', {
        params: { id: election.id, stage },
        body: { deadline: fromPicker(picked) },
      });
      message.success(`${STAGE_NAMES[stage]}的截止时间已调整`);
      props.onDone();
    } catch (error) {
      form.setFields([
        { name: 'deadline', errors: [error instanceof Error ? error.message : String(error)] },
      ]);
    } finally {
      setPending(false);
    }
  };
  return (
    <FormModal
      title={stage ? `调整截止时间:${STAGE_NAMES[stage]}` : '调整截止时间'}
      open={stage !== null}
      onClose={props.onClose}
      form={form}
      name="deadline"
      okText="保存新的截止时间"
      submitting={{ submit, pending, problem: null }}
    >
      {entry && (
        <Typography.Paragraph type="secondary">
          本阶段自 {when(entry.from)} 开始,目前截止于 {when(entry.until)}(北京时间)。
          已过的截止时间不能再调整;新的截止时间须晚于现在和本阶段开始时间。
        </Typography.Paragraph>
      )}
      <Form.Item label="新的截止时间(北京时间)" name="deadline" required>
        <InstantPicker aria-label="截止时间" seconds={onShortDays(props.election)} />
      </Form.Item>
    </FormModal>
  );
}

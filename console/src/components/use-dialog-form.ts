import { Form } from 'antd';
import { type SubmitOptions, useSubmit } from './use-submit.ts';

/**
 * The form of a dialog that enters something new, as FormModal takes it: whether it is open and
 * how it closes, its form, and its submit (`useSubmit`) — emptied after each success so the
 * dialog opens blank the next time.
 */
export const useDialogForm = <V, B, R>(
  dialog: { open: boolean; onClose: () => void },
  options: Omit<SubmitOptions<V, B, R>, 'form'>,
) => {
  const [form] = Form.useForm<V>();
  const submitting = useSubmit({
    form,
    ...options,
    onDone: (answer) => {
      form.resetFields();
      options.onDone?.(answer);
    },
  });
  return { open: dialog.open, onClose: dialog.onClose, form, submitting };
};

import { App } from 'antd';
import { useState } from 'react';
import { ApiError } from '../../api/client.ts';
import { reminderText } from './labels.ts';

/**
 * Reminds the superior of an approval (任职承诺书, 罢免, 补选): a new link once the old expired.
 * A link that still works is not mailed twice: the API says until when (409 `approval-open`),
 * which the organizer reads as information, not as a failure.
 */
export const useReminder = (onDone: () => void) => {
  const { message } = App.useApp();
  const [pending, setPending] = useState<string | null>(null);
  const remind = async (
    key: string,
    send: () => Promise<{ reminded: boolean; status: string }>,
  ) => {
    setPending(key);
    try {
      message.success(reminderText(await send()));
      onDone();
    } catch (error) {
      if (error instanceof ApiError && error.code === 'approval-open') message.info(error.message);
      else message.error(error instanceof Error ? error.message : String(error));
    } finally {
      setPending(null);
    }
  };
  return { remind, pending };
};

import { DatePicker } from 'antd';
import type { ComponentProps } from 'react';

/**
 * A date and time read as Beijing time (format.ts `fromPicker`): to the minute, or to the second
 * for an election on short days (a demo or test clock, where a "day" lasts seconds).
 */
export function InstantPicker({
  seconds = false,
  ...props
}: ComponentProps<typeof DatePicker> & { seconds?: boolean }) {
  const time = seconds ? 'HH:mm:ss' : 'HH:mm';
  return (
    <DatePicker
      showTime={{ format: time }}
      format={`YYYY-MM-DD ${time}`}
      style={{ width: '100%' }}
      {...props}
    />
  );
}

/** An election whose days last less than an hour runs on a demo or test clock. */
export const onShortDays = (election: { dayLengthMs: number }) => election.dayLengthMs < 3_600_000;

import { DatePicker } from 'antd';
import type { ComponentProps } from 'react';

/** A date and time to the minute, read as Beijing time (format.ts `fromPicker`). */
export function InstantPicker(props: ComponentProps<typeof DatePicker>) {
  return (
    <DatePicker
      showTime={{ format: 'HH:mm' }}
      format="YYYY-MM-DD HH:mm"
      style={{ width: '100%' }}
      {...props}
    />
  );
}

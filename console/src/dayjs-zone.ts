import dayjs from 'dayjs';
import timezone from 'dayjs/plugin/timezone';
import utc from 'dayjs/plugin/utc';

// Apart from format.ts, which brings the rules (and zod): the first screen needs only this.
dayjs.extend(utc);
dayjs.extend(timezone);

/** Dates are shown and picked in Asia/Shanghai (SPEC §7), whatever the browser's zone. */
export const ZONE = 'Asia/Shanghai';

export { dayjs };

import dayjs from 'dayjs';
import timezone from 'dayjs/plugin/timezone';
import utc from 'dayjs/plugin/utc';
import 'dayjs/locale/zh-cn';

export {
  EDUCATION_NAMES,
  OFFICE_NAMES,
  percent,
  ROUND_KIND_NAMES,
  STAGE_NAMES,
  when,
} from '../../shared/notices/words.ts';

dayjs.extend(utc);
dayjs.extend(timezone);
dayjs.locale('zh-cn');

/** Dates are shown and picked in Asia/Shanghai (SPEC §7), whatever the browser's zone. */
export const ZONE = 'Asia/Shanghai';

/** An instant as a date-time picker value in Shanghai time. */
export const toPicker = (instant: string) => dayjs(instant).tz(ZONE);

/** A picked date-time (its wall clock read as Shanghai time) as the API's ISO instant. */
export const fromPicker = (value: dayjs.Dayjs): string =>
  dayjs.tz(value.format('YYYY-MM-DDTHH:mm:ss'), ZONE).toISOString();

export { dayjs };

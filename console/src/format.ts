import 'dayjs/locale/zh-cn';
import { dayjs, ZONE } from './dayjs-zone.ts';

export {
  EDUCATION_NAMES,
  OFFICE_NAMES,
  percent,
  ROUND_KIND_NAMES,
  STAGE_NAMES,
  when,
} from '../../shared/notices/words.ts';

dayjs.locale('zh-cn');

/** An instant as a date-time picker value in Shanghai time. */
export const toPicker = (instant: string) => dayjs(instant).tz(ZONE);

/** A picked date-time (its wall clock read as Shanghai time) as the API's ISO instant. */
export const fromPicker = (value: dayjs.Dayjs): string =>
  dayjs.tz(value.format('YYYY-MM-DDTHH:mm:ss'), ZONE).toISOString();

export { dayjs, ZONE };

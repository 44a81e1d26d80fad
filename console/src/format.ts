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

/** A file's size as people read it: 340 KB, 12.5 MB. */
export const fileSize = (bytes: number): string => {
  if (bytes < 1024) return `${bytes} 字节`;
  if (bytes < 1024 ** 2) return `${(bytes / 1024).toFixed(1)} KB`;
  if (bytes < 1024 ** 3) return `${(bytes / 1024 ** 2).toFixed(1)} MB`;
  return `${(bytes / 1024 ** 3).toFixed(2)} GB`;
};

import type { PresetName } from '../../../../shared/rules/rules.ts';
import { dayjs, ZONE } from '../../dayjs-zone.ts';

/**
 * The Chinese an organizer reads for the elections' codes: presets, who is awaited, how soon.
 * No zod here (nor format.ts, which brings the rules): the elections list is the first screen.
 */

/** An instant on the wall clock in Shanghai, as `when()` writes it: 2026年3月15日 09:00. */
export const shanghaiTime = (instant: string): string =>
  dayjs(instant).tz(ZONE).format('YYYY年M月D日 HH:mm');

export const PRESET_NAMES: Record<PresetName, string> = {
  community: '社区公推直选',
  regulation: '按《条例》计票',
  nanjing: '南京模式',
  yuyang: '渝阳两推一评',
};

export const PRESET_DESCRIPTIONS: Record<PresetName, string> = {
  community:
    '社区党组织公推直选实施细则:公开报名、资格审查、初步公示、公开推荐大会、考察、正式公示,党员大会先选书记再选委员,结果报上级批准。',
  regulation:
    '流程同社区公推直选;按 2020 年《条例》:应到会党员超过五分之四出席选举有效,得票超过应到会半数当选。',
  nanjing:
    '南京模式:书记、副书记、委员均可报名;至少 4 名推荐人选,考察后 3 名报街道党工委,票决 2 名正式候选人;可选举副书记。',
  yuyang: '渝阳煤矿“两推一评”:党员自荐,党内民主推荐,员工满意度测评,再选书记和委员,结果一次报批。',
};

/** Who the workflow waits for. */
export const WHO_NAMES: Record<string, string> = {
  organizers: '组织者',
  tellers: '计票人/监票人',
  superior: '上级党组织',
};

/** What they are to do (shared/election/elections/list.ts `Awaiting.task`). */
export const TASK_NAMES: Record<string, string> = {
  approval: '审批',
  'eligibility-decisions': '作出资格审查决定',
  objections: '处理公示期异议',
  inspections: '录入考察结果',
  'inspection-proposal': '提交考察人选',
  'suggestion-lists': '提交委员建议名单',
  rounds: '组织投票并结束轮次',
  'round-decisions': '对平票或不足额作出决定',
};

/** How far a day is from today, by Shanghai calendar dates: 今天, 明天, 3 天后, 已过 2 天. */
export const relativeDay = (instant: string, now: Date = new Date()): string => {
  const day = (value: string | Date) => dayjs(value).tz(ZONE).format('YYYY-MM-DD');
  const days = dayjs(day(instant)).diff(dayjs(day(now)), 'day');
  if (days === 0) return '今天';
  if (days === 1) return '明天';
  if (days === -1) return '昨天';
  return days > 0 ? `${days} 天后` : `${-days} 天前`;
};

import * as z from 'zod';

/** Every stage any preset may run; a preset's `stages` lists the ones it runs, in order. */
export const STAGES = [
  'announcement', // 宣传动员
  'nomination', // 党员自荐 / 联名举荐 / 组织推荐
  'eligibility-review', // 资格审查
  'preliminary-notice', // 公示 (初步候选人)
  'recommendation', // 公开推荐大会
  'party-recommendation', // 党内推荐 (yuyang)
  'evaluation', // 员工满意度测评 (yuyang)
  'inspection', // 组织考察 + 票决
  'formal-notice', // 正式候选人公示
  'secretary-election', // 党员大会差额直选书记
  'deputy-election', // 副书记 (nanjing)
  'member-election', // 选举委员
  'secretary-approval',
  'member-approval',
  'approval', // one approval of the whole result (yuyang)
] as const;
export const Stage = z.enum(STAGES);
export type Stage = z.infer<typeof Stage>;

/** States an election ends in or is parked in, outside the preset's stage list. */
export const TERMINAL_STAGES = ['completed', 'halted', 'cancelled'] as const;
export const ElectionStage = z.enum([...STAGES, ...TERMINAL_STAGES]);
export type ElectionStage = z.infer<typeof ElectionStage>;

/** Stages that are public notice periods (公示): objections may be filed while they run. */
export const NOTICE_STAGES: readonly Stage[] = ['preliminary-notice', 'formal-notice'];

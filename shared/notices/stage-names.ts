import type { ElectionStage } from '../rules/stages.ts';

/**
 * The stages' Chinese names, alone in a module that imports nothing at run time: the console's
 * first screen (the elections list) shows them without loading zod and the rules.
 */
export const STAGE_NAMES: Record<ElectionStage, string> = {
  announcement: '宣传动员',
  nomination: '公开报名(自荐、举荐、推荐)',
  'eligibility-review': '资格审查',
  'preliminary-notice': '初步候选人公示',
  recommendation: '公开推荐大会',
  'party-recommendation': '党内民主推荐',
  evaluation: '员工满意度测评',
  inspection: '组织考察和票决',
  'formal-notice': '正式候选人公示',
  'secretary-election': '党员大会差额直选书记',
  'secretary-approval': '书记选举结果报批',
  'deputy-election': '选举副书记',
  'member-election': '选举委员',
  'member-approval': '委员选举结果报批',
  approval: '选举结果报批',
  completed: '已完成',
  halted: '已暂停',
  cancelled: '已取消',
};

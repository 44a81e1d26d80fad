import {
  type Education,
  type ElectionStage,
  formatShanghai,
  type NominationKind,
  type Office,
  type RoundKind,
} from '../rules/index.ts';

/** The Chinese words the notices use for the domain's codes, and how they show numbers and times. */

export const OFFICE_NAMES: Record<Office, string> = {
  secretary: '书记',
  deputy: '副书记',
  member: '委员',
};

export const NOMINATION_KIND_NAMES: Record<NominationKind, string> = {
  self: '党员自荐',
  joint: '联名举荐',
  organization: '组织推荐',
};

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

export const ROUND_KIND_NAMES: Record<RoundKind, string> = {
  recommendation: '推荐',
  evaluation: '满意度测评',
  election: '选举',
  recall: '罢免表决',
};

// The rules keep their own names for the eligibility messages; these are for the announcement.
export const EDUCATION_NAMES: Record<Education, string> = {
  primary: '小学',
  junior: '初中',
  senior: '高中(中专)',
  vocational: '中专',
  associate: '大专',
  bachelor: '本科',
  master: '硕士研究生',
  doctor: '博士研究生',
};

/** An instant for people: Shanghai wall-clock time. */
export const when = (instant: string): string => formatShanghai(instant);

/** Names in a Chinese enumeration: 王芳、李强、张伟. */
export const names = (list: readonly string[]): string => list.join('、');

/** A rate as a percentage with two decimals: 0.4583 → 45.83%. */
export const percent = (rate: number): string => `${(rate * 100).toFixed(2)}%`;

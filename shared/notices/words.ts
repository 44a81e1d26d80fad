import {
  type Education,
  formatShanghai,
  type NominationKind,
  type Office,
  type RoundKind,
} from '../rules/index.ts';

/** The Chinese words the notices use for the domain's codes, and how they show numbers and times. */

export { STAGE_NAMES } from './stage-names.ts';

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

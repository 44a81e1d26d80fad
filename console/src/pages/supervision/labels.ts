import { GOAL_CATEGORY_NAMES } from '../../../../shared/notices/labels.ts';

/** The Chinese words of the supervision screens for the API's codes. */

export { APPROVAL_KIND_NAMES, GOAL_CATEGORY_NAMES } from '../../../../shared/notices/labels.ts';

export const GOAL_CATEGORIES = Object.keys(GOAL_CATEGORY_NAMES) as (
  | 'party-building'
  | 'economy'
  | 'employment'
  | 'social'
)[];

/** A commitment's or goal's approval by the superior. */
export const APPROVAL_STATE: Record<string, { text: string; color: string }> = {
  'pending-approval': { text: '待上级审批', color: 'gold' },
  approved: { text: '已批准', color: 'green' },
  rejected: { text: '未批准', color: 'red' },
};

export const RECALL_STATE: Record<string, { text: string; color: string }> = {
  'pending-approval': { text: '待上级调查审批', color: 'gold' },
  rejected: { text: '上级未同意', color: 'default' },
  voting: { text: '党员大会表决中', color: 'blue' },
  recalled: { text: '已罢免', color: 'red' },
  retained: { text: '未罢免(表决未通过)', color: 'green' },
};

export const BY_ELECTION_STATE: Record<string, string> = {
  voting: '补选投票中',
  'pending-approval': '补选结果待上级审批',
  approved: '补选结果已批准',
  rejected: '补选结果未获批准',
  failed: '补选未产生结果',
};

/** What a reminder did: a new link once the old one expired; a decided one is only re-applied. */
export const reminderText = (answer: { reminded: boolean; status: string }) =>
  answer.reminded
    ? '原审批链接已过期,已向上级发送新的审批链接'
    : `上级已作出决定(${answer.status === 'approved' ? '同意' : '不同意'}),无需提醒`;

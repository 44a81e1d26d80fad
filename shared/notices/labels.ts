import type {
  ApprovalKind,
  ApprovalRecord,
  CandidateStatus,
  RoundRecord,
} from '../store/records.ts';

/**
 * The Chinese names the public pages show for the product's codes, besides those the notices
 * already name (stages, offices, round kinds: shared/notices/words.ts).
 */

/** What the superior is asked to approve. */
export const APPROVAL_KIND_NAMES: Readonly<Record<ApprovalKind, string>> = {
  inspection: '考察对象票决（确定书记正式候选人）',
  secretary: '书记选举结果',
  deputies: '副书记选举结果',
  members: '委员选举结果',
  result: '选举结果',
  commitment: '任职承诺书',
  recall: '罢免',
  'by-election': '补选结果',
};

export const APPROVAL_STATUS_NAMES: Readonly<Record<ApprovalRecord['status'], string>> = {
  pending: '待审批',
  approved: '已同意',
  rejected: '未同意',
  expired: '已过期',
};

export const CANDIDATE_STATUS_NAMES: Readonly<Record<CandidateStatus, string>> = {
  nominated: '已提名',
  eligible: '资格审查通过',
  rejected: '资格审查未通过',
  preliminary: '初步候选人',
  removed: '已取消候选人资格',
  recommended: '考察人选',
  eliminated: '未进入下一轮',
  formal: '正式候选人',
  elected: '当选',
  'not-elected': '未当选',
};

export const ROUND_STATUS_NAMES: Readonly<Record<RoundRecord['status'], string>> = {
  open: '进行中',
  closed: '已计票',
  void: '无效（收回票数多于发出票数），重新投票',
  'no-quorum': '未达到法定人数，重新投票',
};

export const RATING_NAMES: Readonly<Record<string, string>> = {
  excellent: '优秀',
  good: '良好',
  fair: '一般',
  poor: '较差',
};

export const GOAL_CATEGORY_NAMES: Readonly<Record<string, string>> = {
  'party-building': '党的建设',
  economy: '社区经济',
  employment: '就业',
  social: '其他社会事业',
};

export const OBJECTION_DECISION_NAMES: Readonly<Record<'upheld' | 'dismissed', string>> = {
  upheld: '异议成立',
  dismissed: '异议不成立',
};

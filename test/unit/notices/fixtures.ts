// Sample data for every notice template, the way the handlers and tasks fill it in.

import type { TemplateData, TemplateName } from '../../../shared/notices/index.ts';
import { PRESETS, planCalendar } from '../../../shared/rules/index.ts';

export const ORG = '新光社区党支部';

const calendar = planCalendar(
  { startsAt: '2026-03-15T01:00:00.000Z', dayLengthMs: 86_400_000 },
  PRESETS.community,
);

const eligible = { eligible: true, failures: [] };
const tooOld = {
  eligible: false,
  failures: [
    { rule: 'age' as const, message: '至选举日2026-04-14已满57周岁,超过55周岁以下的要求' },
    { rule: 'documents' as const, message: '报名材料不全,缺少:一寸照片' },
  ],
};

export const SAMPLES: { [T in TemplateName]: TemplateData<T> } = {
  announcement: {
    organization: ORG,
    seats: { secretary: 1, deputies: 0, members: 2 },
    rules: PRESETS.community,
    calendar,
    contact: '社区党群服务中心 201 室',
  },
  'nomination-received': {
    organization: ORG,
    nominee: '王芳',
    office: 'secretary',
    kind: 'joint',
    supporters: ['李强', '张伟', '刘洋', '陈静', '杨磊'],
    at: '2026-03-23T02:30:00.000Z',
    check: tooOld,
    reviewUntil: '2026-03-28T01:00:00.000Z',
  },
  'eligibility-review-list': {
    organization: ORG,
    until: '2026-03-28T01:00:00.000Z',
    nominees: [
      { name: '王芳', office: 'secretary', kinds: ['joint', 'self'], check: tooOld },
      { name: '赵敏', office: 'secretary', kinds: ['self'], check: eligible },
    ],
    minPreliminarySecretary: 3,
  },
  'eligibility-result': {
    organization: ORG,
    nominee: '王芳',
    office: 'secretary',
    decision: 'rejected',
    failures: tooOld.failures,
    reason: '材料补交期限已过',
    decidedAt: '2026-03-27T06:00:00.000Z',
  },
  'notice-published': {
    organization: ORG,
    notice: 'preliminary',
    office: 'secretary',
    candidates: [{ name: '赵敏' }, { name: '孙丽', detail: '社区居委会副主任' }, { name: '周杰' }],
    from: '2026-03-28T01:00:00.000Z',
    until: '2026-04-04T01:00:00.000Z',
  },
  'objection-digest': {
    organization: ORG,
    from: '2026-03-30T08:00:00.000Z',
    to: '2026-03-30T09:00:00.000Z',
    objections: [
      {
        objectionId: 'obj-7',
        candidate: '孙丽',
        office: 'secretary',
        text: '该同志的学历证明与档案不一致。\n请核查。',
        filedAt: '2026-03-30T08:15:00.000Z',
      },
      {
        objectionId: 'obj-8',
        candidate: '周杰',
        office: 'secretary',
        text: '长期不参加组织生活',
        filedAt: '2026-03-30T08:40:00.000Z',
      },
      {
        objectionId: 'obj-9',
        candidate: '孙丽',
        office: 'secretary',
        text: '同上,另有群众反映',
        filedAt: '2026-03-30T08:50:00.000Z',
      },
    ],
    until: '2026-04-04T01:00:00.000Z',
  },
  'assembly-invitation': {
    organization: ORG,
    title: '公开推荐大会',
    at: '2026-04-05T01:00:00.000Z',
    place: '社区党群服务中心一楼会议室',
    votes: [
      {
        kind: 'recommendation',
        office: 'secretary',
        candidates: ['赵敏', '孙丽', '周杰', '吴刚'],
        seats: 1,
      },
    ],
    notes: ['请携带身份证'],
  },
  'round-result': {
    organization: ORG,
    round: { kind: 'election', office: 'secretary', number: 1 },
    tally: {
      status: 'valid',
      issued: 48,
      returned: 47,
      valid: 46,
      invalid: 1,
      counts: { m1: 30, m2: 15, m9: 1 },
      elected: ['m1'],
      next: 'advance',
    },
    names: { m1: '赵敏', m2: '孙丽', m9: '钱进' },
  },
  'approval-request': {
    organization: ORG,
    approvalId: 'apv-8f3c2a91d0',
    kind: 'inspection',
    expiresAt: '2026-04-13T01:00:00.000Z',
    candidates: [
      { name: '赵敏', detail: '推荐综合得票率 45.83%;考察评价:优秀' },
      { name: '孙丽', detail: '推荐综合得票率 30.10%;考察评价:良好' },
      { name: '周杰', detail: '推荐综合得票率 20.00%;考察评价:良好' },
    ],
    select: 2,
    facts: [['推荐大会', '2026年4月5日']],
  },
  'approval-reminder': {
    organization: ORG,
    approvalId: 'apv-new-77aa01',
    kind: 'secretary',
    expiresAt: '2026-04-28T01:00:00.000Z',
    candidates: [{ name: '赵敏', detail: '赞成 30 票' }],
    expiredAt: '2026-04-21T01:00:00.000Z',
  },
  'approval-outcome': {
    organization: ORG,
    kind: 'inspection',
    decision: 'approved',
    decidedAt: '2026-04-07T03:00:00.000Z',
    superior: '新光街道党工委',
    selection: ['赵敏', '孙丽'],
  },
  'final-result': {
    organization: ORG,
    secretary: '赵敏',
    members: ['钱进', '郑和'],
    approvedAt: '2026-04-20T02:00:00.000Z',
    approvedBy: '新光街道党工委',
  },
  'organizer-reminder': {
    organization: ORG,
    stage: 'preliminary-notice',
    deadline: '2026-04-04T01:00:00.000Z',
    open: [{ task: 'objections', items: ['对孙丽的异议(obj-7)'] }],
  },
  halted: {
    organization: ORG,
    reason: '资格审查后书记初步候选人只有2名,少于3名',
    stage: 'eligibility-review',
    haltedAt: '2026-03-28T01:00:00.000Z',
  },
  cancelled: {
    organization: ORG,
    reason: '社区区划调整,本届选举撤销',
    stage: 'nomination',
    cancelledAt: '2026-03-20T02:00:00.000Z',
  },
  'recall-filed': {
    organization: ORG,
    recallId: 'rc-1',
    holder: '赵敏',
    office: 'secretary',
    signatories: ['李强', '张伟', '刘洋', '陈静', '杨磊', '黄勇', '何平', '高峰', '林涛', '郭敏'],
    reason: '任期内未完成就业目标',
    filedAt: '2027-05-10T02:00:00.000Z',
  },
  'recall-outcome': {
    organization: ORG,
    holder: '赵敏',
    office: 'secretary',
    outcome: 'recalled',
    decidedAt: '2027-06-01T03:00:00.000Z',
    tally: {
      status: 'valid',
      issued: 48,
      returned: 45,
      valid: 45,
      invalid: 0,
      counts: { m1: 31 },
      elected: ['m1'],
      next: 'advance',
    },
    membersRemoved: ['钱进'],
  },
  'commitment-published': {
    organization: ORG,
    holder: '赵敏',
    goals: [
      { category: 'party-building', text: '健全党小组活动制度', target: '每月活动 1 次' },
      { category: 'employment', text: '帮助失业人员再就业', target: '新增就业岗位 50 个' },
    ],
    approvedAt: '2026-05-01T02:00:00.000Z',
    approvedBy: '新光街道党工委',
  },
};

export const CONTEXT = { electionId: 'el-42', recipient: { id: 'm5', name: '李强' } };

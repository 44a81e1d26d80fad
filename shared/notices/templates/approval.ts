import * as z from 'zod';
import { approvalRoundStages } from '../../rules/approval-rounds.ts';
import { Instant } from '../../rules/index.ts';
import { action, blocks, bullets, facts, note, paragraph, quote } from '../blocks.ts';
import { approvalUrl, resultReportUrl } from '../links.ts';
import { base, ListedCandidate, listed, Name, Text } from '../schemas.ts';
import { defineTemplate } from '../template.ts';
import { names, when } from '../words.ts';

/**
 * Approvals by the superior (SPEC §4, §9): the request with its single-use link, a reminder with
 * a new link once the old one expired, and the outcome to the organizers. The link opens a page
 * that shows what is to be approved; only the page's POST decides (mail scanners open links).
 */

const ApprovalKind = z.enum([
  'inspection',
  'secretary',
  'deputies',
  'members',
  'result',
  'commitment',
  'recall',
  'by-election',
]);
type ApprovalKind = z.infer<typeof ApprovalKind>;

// The four election results are reviewed alike.
const REVIEW_RESULT = '请审查选举过程和结果,作出批准或不批准的决定。';

/**
 * Per kind: what is being approved, as a subject and as the opening sentence says it, and what
 * the superior is asked to do.
 */
const KINDS: Record<ApprovalKind, { what: string; instructions: string }> = {
  inspection: {
    what: '书记正式候选人票决',
    instructions: '请结合推荐和考察情况进行票决,确定书记正式候选人。',
  },
  secretary: { what: '书记选举结果', instructions: REVIEW_RESULT },
  deputies: { what: '副书记选举结果', instructions: REVIEW_RESULT },
  members: { what: '委员选举结果', instructions: REVIEW_RESULT },
  result: { what: '选举结果', instructions: REVIEW_RESULT },
  commitment: {
    what: '书记任职承诺书',
    instructions: '请审核任职承诺书的各项目标,批准后将在全社区公示。',
  },
  recall: {
    what: '罢免要求',
    instructions: '请调查核实罢免理由:理由成立的予以批准,召开党员大会投票表决;不成立的不予批准。',
  },
  'by-election': {
    what: '补选结果',
    instructions: '请审查补选过程和结果,作出批准或不批准的决定。',
  },
};

const ApprovalRequestShape = {
  ...base,
  approvalId: z.string().min(8).max(200),
  kind: ApprovalKind,
  expiresAt: Instant,
  /** The people concerned: candidates with tallies and inspections, the elected, the holder. */
  candidates: z.array(ListedCandidate).default([]),
  /** How many of the candidates the superior chooses (票决), when it chooses. */
  select: z.int().min(1).optional(),
  /** Other facts the page shows, e.g. `['应到会', '48']`, `['罢免理由', '…']`. */
  facts: z.array(z.tuple([Name, z.string().trim().min(1).max(2000)])).default([]),
};

/** A choice among the candidates listed cannot be larger than the list. */
const selectFits = (data: { select?: number | undefined; candidates: unknown[] }) =>
  data.select === undefined || data.select <= data.candidates.length;
const SELECT_FITS = { message: 'cannot select more than the candidates listed', path: ['select'] };

export const ApprovalRequestData = z
  .strictObject(ApprovalRequestShape)
  .refine(selectFits, SELECT_FITS);
type ApprovalRequestData = z.infer<typeof ApprovalRequestData>;

const requestBody = (data: ApprovalRequestData) =>
  blocks(
    data.candidates.length > 0 && [
      paragraph(data.select ? `人选(请从中选定${data.select}名):` : '有关人员:'),
      bullets(data.candidates.map(listed)),
    ],
    data.facts.length > 0 && facts(data.facts),
    paragraph(
      `请在${when(data.expiresAt)}前打开以下链接,查看详情后在页面上作出决定${data.select ? `(批准时选定${data.select}名)` : ''}。`,
    ),
    action('打开审批页面', approvalUrl(data.approvalId)),
    approvalRoundStages(data.kind).length > 0 &&
      action('选举结果报告单(可打印)', resultReportUrl(data.approvalId)),
    note(
      '打开链接只会显示审批内容,不会作出任何决定。该链接仅限一次决定,逾期失效;多个地址收到同一链接的,以最先提交的决定为准。',
    ),
  );

export const approvalRequest = defineTemplate({
  schema: ApprovalRequestData,
  subject: (data) => `请审批:${KINDS[data.kind].what}`,
  body: (data) =>
    blocks(
      paragraph(
        `${data.organization}公推直选${KINDS[data.kind].what}现报请审批。${KINDS[data.kind].instructions}`,
      ),
      requestBody(data),
    ),
});

export const ApprovalReminderData = z
  .strictObject({
    ...ApprovalRequestShape,
    /** When the previous link expired unanswered. */
    expiredAt: Instant.optional(),
  })
  .refine(selectFits, SELECT_FITS);

export const approvalReminder = defineTemplate({
  schema: ApprovalReminderData,
  subject: (data) => `审批提醒:${KINDS[data.kind].what}`,
  body: (data) =>
    blocks(
      paragraph(
        `${data.organization}公推直选${KINDS[data.kind].what}的审批尚未收到决定,前次发送的审批链接${data.expiredAt ? `已于${when(data.expiredAt)}` : '已'}失效,请使用下面的新链接。${KINDS[data.kind].instructions}`,
      ),
      requestBody(data),
    ),
});

// --- approval-outcome: to the organizers (and whoever else must know). ---

export const ApprovalOutcomeData = z.strictObject({
  ...base,
  kind: ApprovalKind,
  decision: z.enum(['approved', 'rejected']),
  decidedAt: Instant,
  /** The superior's name, e.g. `新光街道党工委`. */
  superior: Name.optional(),
  /** Names the superior chose (票决). */
  selection: z.array(Name).default([]),
  comment: Text.optional(),
});
type ApprovalOutcomeData = z.infer<typeof ApprovalOutcomeData>;

const afterApproval = ({ kind }: ApprovalOutcomeData): string => {
  if (kind === 'inspection') return '正式候选人将在全社区公示7天。';
  if (kind === 'commitment') return '任职承诺书将在公示栏公布,接受党员群众监督。';
  if (kind === 'recall') return '将召开党员大会,对罢免进行投票表决。';
  return '选举结果自批准之日起生效。';
};

const afterRejection = ({ kind }: ApprovalOutcomeData): string => {
  if (kind === 'recall') return '罢免要求不成立,不启动罢免程序,其他事项不变。';
  if (kind === 'commitment') return '请书记根据意见修改任职承诺书后重新提交。';
  return '选举已暂停。领导小组研究处理后,可以指定阶段和新的截止时间恢复选举。';
};

export const approvalOutcome = defineTemplate({
  schema: ApprovalOutcomeData,
  subject: (data) =>
    `审批结果:${KINDS[data.kind].what}${data.decision === 'approved' ? '已批准' : '未批准'}`,
  body: (data) =>
    blocks(
      paragraph(
        `${data.superior ?? '上级党组织'}已于${when(data.decidedAt)}${data.decision === 'approved' ? '批准' : '不批准'}${data.organization}公推直选${KINDS[data.kind].what}。`,
      ),
      data.selection.length > 0 && paragraph(`选定:${names(data.selection)}。`),
      data.comment && [paragraph('审批意见:'), quote(data.comment)],
      paragraph(data.decision === 'approved' ? afterApproval(data) : afterRejection(data)),
    ),
});

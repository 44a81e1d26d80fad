import * as z from 'zod';
import { ElectionStage, Instant, Stage } from '../../rules/index.ts';
import { blocks, bullets, facts, heading, note, paragraph, quote } from '../blocks.ts';
import { base, Text } from '../schemas.ts';
import { defineTemplate } from '../template.ts';
import { STAGE_NAMES, when } from '../words.ts';

/** To the organizers: a stage waiting for people, and an election that cannot go on. */

// --- organizer-reminder: a stage's deadline passed with work still open (SPEC §9). ---

const OPEN_WORK = {
  'eligibility-decisions': '尚待作出资格审查决定的报名人',
  objections: '尚未处理的异议',
  inspections: '尚未记录考察情况的考察人选',
  'inspection-proposal': '尚待确定提交上级党组织票决的考察人选(差额考察)',
  'suggestion-lists': '尚未提交委员建议名单的书记正式候选人或新当选的书记',
  'suggestion-reviews': '尚待审定的委员建议名单',
  rounds: '尚未结束的投票轮次',
  'round-decisions': '得票再次相同、待领导小组决定的轮次',
  other: '其他待办事项',
} as const;

const OpenWork = z.strictObject({
  task: z.enum(Object.keys(OPEN_WORK) as [keyof typeof OPEN_WORK, ...(keyof typeof OPEN_WORK)[]]),
  /** What is open: names, or a short description of each item. */
  items: z.array(z.string().trim().min(1).max(500)).min(1),
});

export const OrganizerReminderData = z.strictObject({
  ...base,
  stage: Stage,
  deadline: Instant,
  open: z.array(OpenWork).min(1),
});

const itemCount = (open: { items: unknown[] }[]): number =>
  open.reduce((sum, work) => sum + work.items.length, 0);

export const organizerReminder = defineTemplate({
  schema: OrganizerReminderData,
  subject: (data) => `待办提醒:${STAGE_NAMES[data.stage]}(${itemCount(data.open)}项未完成)`,
  body: (data) =>
    blocks(
      paragraph(
        `${data.organization}公推直选“${STAGE_NAMES[data.stage]}”阶段的截止时间${when(data.deadline)}已到,但以下事项尚未完成。完成之前,该阶段不会结束,选举在此等待:`,
      ),
      data.open.flatMap((work) => [heading(OPEN_WORK[work.task]), bullets(work.items)]),
      note('每个日历日会再次提醒,直至全部完成。'),
    ),
});

// --- halted: the election cannot go on; the organizers may resume it (SPEC §9). ---

export const HaltedData = z.strictObject({
  ...base,
  reason: Text,
  /** The stage the election was in when it stopped. */
  stage: ElectionStage.optional(),
  haltedAt: Instant,
});

export const halted = defineTemplate({
  schema: HaltedData,
  subject: (data) => `选举已暂停${data.stage ? `(${STAGE_NAMES[data.stage]})` : ''}`,
  body: (data, { electionId }) =>
    blocks(
      paragraph(
        `${data.organization}公推直选已于${when(data.haltedAt)}暂停${data.stage ? `,暂停时处于“${STAGE_NAMES[data.stage]}”阶段` : ''}。原因:`,
      ),
      quote(data.reason),
      heading('如何恢复'),
      paragraph(
        '领导小组研究处理后(例如延长报名时间以增加人选、重新报请审批),可指定恢复到的阶段和该阶段新的截止时间,选举即从该阶段继续进行:',
      ),
      facts([['接口', `POST /v1/elections/${electionId}/resume {"stage": "…", "deadline": "…"}`]]),
      note('暂停和恢复都记入审计记录。'),
    ),
});

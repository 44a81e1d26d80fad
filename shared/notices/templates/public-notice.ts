import * as z from 'zod';
import { Instant, Office } from '../../rules/index.ts';
import { action, blocks, bullets, facts, heading, note, paragraph, quote } from '../blocks.ts';
import { boardUrl } from '../links.ts';
import { base, ListedCandidate, listed, Name, Text } from '../schemas.ts';
import { defineTemplate } from '../template.ts';
import { names, OFFICE_NAMES, when } from '../words.ts';

/** 公示: the candidates published for objections, and the objections filed (to the organizers). */

const NOTICE_NAMES = { preliminary: '初步候选人', formal: '正式候选人' } as const;

// --- notice-published: to every member; the board shows the same. ---

export const NoticePublishedData = z
  .strictObject({
    ...base,
    notice: z.enum(['preliminary', 'formal']),
    office: Office,
    candidates: z.array(ListedCandidate).min(1),
    from: Instant,
    until: Instant,
  })
  .refine((data) => Date.parse(data.from) < Date.parse(data.until), {
    message: 'the notice period must end after it begins',
    path: ['until'],
  });

const HOW_CHOSEN = {
  preliminary: '经公开报名和资格审查',
  formal: '经推荐、组织考察和上级党组织票决',
} as const;

export const noticePublished = defineTemplate({
  schema: NoticePublishedData,
  subject: (data) => `${OFFICE_NAMES[data.office]}${NOTICE_NAMES[data.notice]}公示`,
  body: (data, { electionId }) =>
    blocks(
      paragraph(
        `${HOW_CHOSEN[data.notice]},${data.organization}${OFFICE_NAMES[data.office]}${NOTICE_NAMES[data.notice]}共${data.candidates.length}名,现予公示:`,
      ),
      bullets(data.candidates.map(listed)),
      facts([
        ['公示期', `${when(data.from)} 至 ${when(data.until)}(北京时间)`],
        ['异议截止', when(data.until)],
      ]),
      paragraph(
        `公示期间,党员群众对候选人有异议的,可在${when(data.until)}前在公示栏网页提交异议(写明针对哪位候选人和具体事实),也可以书面形式向公推直选工作小组反映。领导小组对每件异议逐一核查处理:异议成立的,取消其候选人资格并说明理由。处理结果在公示栏公布。`,
      ),
      action('查看公示栏、提交异议', boardUrl(electionId)),
    ),
});

// --- objection-digest: to the organizers, at most one per election hour, listing what came in. ---

const DigestedObjection = z.strictObject({
  objectionId: z.string().min(1).max(100),
  candidate: Name,
  office: Office,
  text: Text,
  filedAt: Instant,
});

/** One election hour's objections (the per-election rate limit lets 60 in an hour). */
export const ObjectionDigestData = z.strictObject({
  ...base,
  /** The hour the objections came in: `[from, to)`. */
  from: Instant,
  to: Instant,
  objections: z.array(DigestedObjection).min(1).max(200),
  /** The end of the notice period. */
  until: Instant.optional(),
});

type DigestedObjection = z.infer<typeof DigestedObjection>;

/** Each candidate objected to, in the order first filed, with how many objections. */
const perCandidate = (objections: DigestedObjection[]): { label: string; count: number }[] => {
  const counts = new Map<string, number>();
  for (const o of objections) {
    const label = `${o.candidate}(${OFFICE_NAMES[o.office]}候选人)`;
    counts.set(label, (counts.get(label) ?? 0) + 1);
  }
  return [...counts].map(([label, count]) => ({ label, count }));
};

export const objectionDigest = defineTemplate({
  schema: ObjectionDigestData,
  subject: (data) => {
    const candidates = perCandidate(data.objections).map((c) => c.label);
    const named =
      names(candidates.slice(0, 3)) + (candidates.length > 3 ? `等${candidates.length}人` : '');
    return `收到异议${data.objections.length}件:${named}`;
  },
  body: (data) =>
    blocks(
      paragraph(
        `${when(data.from)}至${when(data.to)},公示栏收到${data.objections.length}件异议(每小时汇总一次):`,
      ),
      bullets(perCandidate(data.objections).map((c) => `${c.label}:${c.count}件`)),
      data.objections.flatMap((o) => [
        heading(
          `${o.candidate}(${OFFICE_NAMES[o.office]}候选人),${when(o.filedAt)},编号 ${o.objectionId}`,
        ),
        quote(o.text),
      ]),
      paragraph(
        '请领导小组逐件核查后作出处理并写明理由:异议成立的,取消其候选人资格;不成立的,予以驳回。全部异议处理完毕前,公示阶段不会结束。',
      ),
      data.until && facts([['公示截止', when(data.until)]]),
      note('异议内容不在公示栏公开,公示栏只公布异议数量和处理结果。'),
    ),
});

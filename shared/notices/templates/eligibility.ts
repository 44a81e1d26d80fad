import * as z from 'zod';
import {
  EligibilityCheck,
  EligibilityFailure,
  Instant,
  NominationKind,
  Office,
  WaivableRule,
} from '../../rules/index.ts';
import { blocks, bullets, heading, note, paragraph, quote, table } from '../blocks.ts';
import { base, Name, Text } from '../schemas.ts';
import { defineTemplate } from '../template.ts';
import { NOMINATION_KIND_NAMES, names, OFFICE_NAMES, when } from '../words.ts';

/** 公开报名 and 资格审查: a nomination received, the list for review, the result to the nominee. */

const failureLines = (failures: readonly EligibilityFailure[]): string[] =>
  failures.map((failure) => failure.message);

// --- nomination-received: to the nominee (and whoever else the caller adds), third person. ---

export const NominationReceivedData = z.strictObject({
  ...base,
  nominee: Name,
  office: Office,
  kind: NominationKind,
  /** Names of the members backing a joint nomination. */
  supporters: z.array(Name).default([]),
  at: Instant,
  /** The automatic check against the conditions for office. */
  check: EligibilityCheck,
  /** When the eligibility review ends (the nominee hears the result by then). */
  reviewUntil: Instant.optional(),
});

export const nominationReceived = defineTemplate({
  schema: NominationReceivedData,
  subject: (data) => `报名已登记:${data.nominee}(${OFFICE_NAMES[data.office]})`,
  body: (data) =>
    blocks(
      paragraph(
        `${data.nominee}已于${when(data.at)}经${NOMINATION_KIND_NAMES[data.kind]}报名参加${data.organization}${OFFICE_NAMES[data.office]}人选的竞选,报名已登记。`,
      ),
      data.supporters.length > 0 && paragraph(`联名举荐人:${names(data.supporters)}。`),
      data.check.eligible
        ? paragraph('经按任职条件初步核对,各项条件均符合。')
        : [
            paragraph('经按任职条件初步核对,以下条件不符合:'),
            bullets(failureLines(data.check.failures)),
          ],
      paragraph(
        `资格审查由领导小组进行并最终确认${data.reviewUntil ? `,将于${when(data.reviewUntil)}前完成` : ''},审查结果将另行通知。`,
      ),
    ),
});

// --- eligibility-review-list: to the organizers, every nominee with the automatic check. ---

const ReviewedNominee = z.strictObject({
  name: Name,
  office: Office,
  kinds: z.array(NominationKind).min(1),
  check: EligibilityCheck,
});

export const EligibilityReviewListData = z.strictObject({
  ...base,
  until: Instant,
  nominees: z.array(ReviewedNominee),
  /** The fewest preliminary secretary candidates the election can go on with. */
  minPreliminarySecretary: z.int().min(1).optional(),
});

export const eligibilityReviewList = defineTemplate({
  schema: EligibilityReviewListData,
  subject: (data) => `资格审查名单(共${data.nominees.length}人)`,
  body: (data) => {
    const passing = data.nominees.filter((n) => n.check.eligible).length;
    const secretaries = data.nominees.filter((n) => n.office === 'secretary' && n.check.eligible);
    return blocks(
      paragraph(
        `报名已经结束,共有${data.nominees.length}人报名,其中${passing}人经初步核对符合全部任职条件。请领导小组在${when(data.until)}前对每名报名人逐一作出资格审查决定。`,
      ),
      table(
        ['姓名', '职位', '报名方式', '初步核对', '不符合的条件'],
        data.nominees.map((n) => [
          n.name,
          OFFICE_NAMES[n.office],
          names(n.kinds.map((kind) => NOMINATION_KIND_NAMES[kind])),
          n.check.eligible ? '符合' : '不符合',
          n.check.failures.length > 0 ? failureLines(n.check.failures).join(';') : '无',
        ]),
      ),
      paragraph(
        '文化程度和年龄条件,对特别优秀的报名人可以适当放宽,须写明理由(记入审计记录);其他条件不能放宽。不予通过的,系统会把原因通知本人。',
      ),
      data.minPreliminarySecretary !== undefined &&
        secretaries.length < data.minPreliminarySecretary &&
        paragraph(
          `注意:初步核对符合条件的书记报名人只有${secretaries.length}人,少于${data.minPreliminarySecretary}名;审查后仍不足的,选举不能继续,可延长报名时间。`,
        ),
    );
  },
});

// --- eligibility-result: to the nominee, accepted or rejected with the reasons. ---

export const EligibilityResultData = z
  .strictObject({
    ...base,
    nominee: Name,
    office: Office,
    decision: z.enum(['accepted', 'rejected']),
    /** The conditions not met (the automatic check's failures). */
    failures: z.array(EligibilityFailure).default([]),
    /** Conditions waived for an accepted nominee (特别优秀的可适当放宽). */
    waived: z.array(WaivableRule).default([]),
    /** The organizers' written reason. */
    reason: Text.optional(),
    decidedAt: Instant,
  })
  .refine((data) => data.decision === 'accepted' || data.failures.length > 0 || data.reason, {
    message: 'a rejection must say why: give the failures or a reason',
    path: ['reason'],
  })
  .refine((data) => data.decision === 'accepted' || data.waived.length === 0, {
    message: 'only an accepted nominee has waived conditions',
    path: ['waived'],
  });

const WAIVED_NAMES: Record<WaivableRule, string> = { education: '文化程度', age: '年龄' };

export const eligibilityResult = defineTemplate({
  schema: EligibilityResultData,
  subject: (data) =>
    `资格审查结果:${data.nominee}(${OFFICE_NAMES[data.office]})${data.decision === 'accepted' ? '通过' : '未通过'}`,
  body: (data) => {
    const office = `${data.organization}${OFFICE_NAMES[data.office]}`;
    if (data.decision === 'accepted') {
      return blocks(
        paragraph(
          `经领导小组资格审查(${when(data.decidedAt)}),${data.nominee}符合${office}任职条件,通过资格审查,将列入初步候选人名单并在公示栏公示。`,
        ),
        data.waived.length > 0 &&
          paragraph(
            `其中${names(data.waived.map((rule) => WAIVED_NAMES[rule]))}条件经领导小组研究予以适当放宽。`,
          ),
        data.reason && [paragraph('领导小组意见:'), quote(data.reason)],
      );
    }
    return blocks(
      paragraph(
        `经领导小组资格审查(${when(data.decidedAt)}),${data.nominee}未能通过${office}人选的资格审查。`,
      ),
      heading('原因'),
      data.failures.length > 0 && bullets(failureLines(data.failures)),
      data.reason && [paragraph('领导小组意见:'), quote(data.reason)],
      note('如对审查结果有疑问,请向公推直选工作小组反映。'),
    );
  },
});

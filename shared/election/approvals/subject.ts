import * as z from 'zod';

/**
 * What an approval page shows the superior (`ApprovalRecord.subject`): the candidates with their
 * votes, rates and inspections, the ballot totals, the result, the goals of a 任职承诺书 or a
 * recall petition — whichever the kind of approval has. Names are optional: the page falls back
 * to the roll. Read back leniently: a field of the wrong shape is left out, never a failed page.
 */

const lenient = <T extends z.ZodType>(schema: T) => schema.optional().catch(undefined);

export const SubjectCandidate = z.object({
  memberId: z.string(),
  name: lenient(z.string()),
  office: lenient(z.string()),
  /** Votes (赞成 / recommendations) in the round the approval is about. */
  count: lenient(z.number()),
  /** Combined recommendation rate, a fraction in [0, 1]. */
  rate: lenient(z.number()),
  elected: lenient(z.boolean()),
  /** 组织考察 of an inspection candidate. */
  inspection: lenient(z.object({ summary: z.string(), rating: z.string() })),
});
export type SubjectCandidate = z.infer<typeof SubjectCandidate>;

export const ApprovalSubject = z.object({
  /** Overrides the kind's heading, e.g. '第二轮选举结果'. */
  title: lenient(z.string()),
  /** A sentence or two for the superior. */
  description: lenient(z.string()),
  office: lenient(z.string()),
  roundId: lenient(z.string()),
  candidates: lenient(z.array(SubjectCandidate)),
  totals: lenient(
    z.object({
      issued: z.number().optional(),
      returned: z.number().optional(),
      valid: z.number().optional(),
      invalid: z.number().optional(),
    }),
  ),
  result: lenient(
    z.object({
      secretary: z.string().nullable().optional(),
      deputies: z.array(z.string()).optional(),
      members: z.array(z.string()).optional(),
    }),
  ),
  goals: lenient(z.array(z.object({ category: z.string(), text: z.string(), target: z.string() }))),
  recall: lenient(
    z.object({
      officeHolderId: z.string(),
      reason: z.string(),
      signatoryIds: z.array(z.string()).optional(),
    }),
  ),
});
/** The `subject` the workflow passes to requestApproval. */
export type ApprovalSubject = z.input<typeof ApprovalSubject>;

/** The subject as stored, read back leniently. */
export const readSubject = (subject: unknown): z.infer<typeof ApprovalSubject> => {
  const parsed = ApprovalSubject.safeParse(subject);
  return parsed.success ? parsed.data : {};
};

/** The members the subject asks about (the inspected, for an inspection approval). */
export const subjectCandidateIds = (subject: unknown): string[] =>
  (readSubject(subject).candidates ?? []).map((candidate) => candidate.memberId);

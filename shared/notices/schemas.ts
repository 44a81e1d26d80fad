import * as z from 'zod';

/** Pieces the template data schemas share. */

/** A person's or an organization's name as shown. */
export const Name = z.string().trim().min(1).max(200);

/** Text people wrote (a reason, an objection, a comment), shown as given. */
export const Text = z.string().trim().min(1).max(5000);

export const base = { organization: Name };

/** A candidate as a notice lists one: the name, and what to say about them if anything. */
export const ListedCandidate = z.strictObject({
  name: Name,
  /** e.g. `推荐综合得票率 45.83%;考察评价:优秀`. */
  detail: z.string().trim().min(1).max(500).optional(),
});
export type ListedCandidate = z.infer<typeof ListedCandidate>;

export const listed = (candidate: ListedCandidate): string =>
  candidate.detail ? `${candidate.name}(${candidate.detail})` : candidate.name;

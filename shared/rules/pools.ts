import type { CandidateStatus } from './funnel.ts';
import type { Office } from './members.ts';
import type { Rules } from './rules.ts';

/**
 * Who stands at each step of the funnel, and how a step moves them on — pure functions over the
 * candidate list (先选书记、再选副书记和委员: whoever holds a higher office stands no lower).
 */

/** A candidacy as the pools read it (a stored candidate may be passed whole). */
export interface PoolCandidate {
  memberId: string;
  office: Office;
  status: CandidateStatus;
  decision?: unknown;
  suggestion?: { memberIds: readonly string[] };
}

/** The offices filled so far (the election's result). */
export interface OfficesFilled {
  secretary: string | null;
  deputies: readonly string[];
}

/** The candidacies for `office` in one of `statuses`. */
export const ofOffice = <C extends PoolCandidate>(
  candidates: readonly C[],
  office: Office,
  ...statuses: CandidateStatus[]
): C[] => candidates.filter((c) => c.office === office && statuses.includes(c.status));

export const idsOf = (candidates: readonly PoolCandidate[]): string[] =>
  candidates.map((c) => c.memberId);

/** The nominees the eligibility review still has to decide on. */
export const reviewPool = <C extends PoolCandidate>(candidates: readonly C[]): C[] =>
  candidates.filter((c) => !c.decision && (c.status === 'nominated' || c.status === 'recommended'));

/** Who holds an office above `office` by now (先选书记、再选副书记和委员): they stand no lower. */
export const higherOfficeHolders = (
  result: OfficesFilled | undefined,
  office: Office,
): Map<string, Office> => {
  const holders = new Map<string, Office>();
  if (office === 'secretary' || !result) return holders;
  if (result.secretary) holders.set(result.secretary, 'secretary');
  if (office === 'member') for (const id of result.deputies) holders.set(id, 'deputy');
  return holders;
};

/** The nominees of `office` still standing (preliminary or formal), but the higher office holders. */
const standingNominees = (
  candidates: readonly PoolCandidate[],
  office: Office,
  result: OfficesFilled | undefined,
): string[] => {
  const holders = higherOfficeHolders(result, office);
  return idsOf(ofOffice(candidates, office, 'preliminary', 'formal')).filter(
    (id) => !holders.has(id),
  );
};

/** The deputies' election candidates: the deputy nominees still standing, but the secretary. */
export const deputyPool = (
  candidates: readonly PoolCandidate[],
  result: OfficesFilled | undefined,
): string[] => standingNominees(candidates, 'deputy', result);

/**
 * The committee election's candidates, by where the rules say they come from: the elected
 * secretary's suggestion list, or the committee nominees still standing (nanjing's stay
 * preliminary, their funnel being the secretary's; yuyang's are formal) but the office holders.
 */
export const committeePool = (
  candidates: readonly PoolCandidate[],
  source: Rules['memberCandidates'],
  result: OfficesFilled | undefined,
): string[] => {
  switch (source) {
    case 'suggestion-list': {
      const secretary = result?.secretary;
      const own = candidates.find((c) => c.office === 'secretary' && c.memberId === secretary);
      return own?.suggestion ? [...own.suggestion.memberIds] : [];
    }
    case 'nominations':
    case 'recommendation':
      return standingNominees(candidates, 'member', result);
  }
};

export interface Promotion {
  memberId: string;
  office: Office;
  status: CandidateStatus;
}

/**
 * A step of the funnel applied to a pool: those it put `through` go `up`, the rest of the pool
 * `down`; someone put through from outside the pool (a write-in) goes up too.
 */
export const promotions = (
  office: Office,
  pool: readonly string[],
  through: readonly string[],
  [up, down]: readonly [CandidateStatus, CandidateStatus],
): Promotion[] => [
  ...pool.map((memberId) => ({ memberId, office, status: through.includes(memberId) ? up : down })),
  ...through
    .filter((memberId) => !pool.includes(memberId))
    .map((memberId) => ({ memberId, office, status: up })),
];

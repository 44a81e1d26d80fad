import type { AnswerOf } from '../../api/routes.ts';

/**
 * What a key does on a paper ballot, by round kind, and what a typed ballot becomes: the body
 * `POST …/ballots` takes (SPEC §8 `Ballot`), and what it adds to the running count. Pure.
 */

export type RoundKind = AnswerOf<'GET /v1/elections/{id}/rounds/{roundId}'>['kind'];

const FOR_AGAINST = [
  { key: '1', value: 'for', label: '赞成' },
  { key: '2', value: 'against', label: '不赞成' },
  { key: '3', value: 'abstain', label: '弃权' },
] as const;

/** One mark per candidate, typed 1 / 2 / 3 (the paper's columns, left to right). */
export const MARK_KEYS = {
  election: FOR_AGAINST,
  recall: FOR_AGAINST,
  evaluation: [
    { key: '1', value: 'satisfied', label: '满意' },
    { key: '2', value: 'basically', label: '基本满意' },
    { key: '3', value: 'unsatisfied', label: '不满意' },
  ],
} as const;

export type MarkKind = keyof typeof MARK_KEYS;
export const isMarkKind = (kind: RoundKind): kind is MarkKind => kind !== 'recommendation';

/** The label of a mark value (赞成, 满意 …). */
export const markLabel = (kind: MarkKind, value: string): string =>
  MARK_KEYS[kind].find((mark) => mark.value === value)?.label ?? value;

/** A ballot as typed, before it is sent. */
export interface TypedBallot {
  serial: string;
  /** Election, recall, evaluation: candidate id → mark value; an unmarked candidate is absent. */
  marks: Record<string, string>;
  /** Recommendation: the candidates ticked, in the order of the round. */
  choices: string[];
  /** Recommendation: the constituency's id. */
  constituency?: string;
  /** 另选他人 (election rounds). */
  writeIns: string[];
}

export const emptyBallot = (): TypedBallot => ({
  serial: '',
  marks: {},
  choices: [],
  writeIns: [],
});

/** The ballot as the API takes it for the round's kind. */
export const ballotBody = (kind: RoundKind, typed: TypedBallot): Record<string, unknown> => {
  switch (kind) {
    case 'recommendation':
      return { serial: typed.serial, constituency: typed.constituency, choices: typed.choices };
    case 'evaluation':
      return { serial: typed.serial, ratings: typed.marks };
    default:
      return {
        serial: typed.serial,
        marks: typed.marks,
        ...(typed.writeIns.length > 0 ? { writeIns: typed.writeIns } : {}),
      };
  }
};

/** What a ballot gives each person in the running count: 赞成, a tick, or 满意 (+ 基本满意). */
export const votesOf = (
  kind: RoundKind,
  ballot: Record<string, unknown>,
  basicallyCounts: boolean,
): string[] => {
  if (kind === 'recommendation') return (ballot.choices as string[] | undefined) ?? [];
  if (kind === 'evaluation') {
    const ratings = (ballot.ratings ?? {}) as Record<string, string>;
    return Object.keys(ratings).filter(
      (id) => ratings[id] === 'satisfied' || (basicallyCounts && ratings[id] === 'basically'),
    );
  }
  const marks = (ballot.marks ?? {}) as Record<string, string>;
  const writeIns = (ballot.writeIns as string[] | undefined) ?? [];
  return [...Object.keys(marks).filter((id) => marks[id] === 'for'), ...writeIns];
};

/** Why the API kept a ballot as invalid (shared/rules/ballots.ts `BallotInvalidReason`). */
export const INVALID_REASONS: Record<string, string> = {
  'too-many-choices': '推荐人数超过应推荐名额',
  'unknown-candidate': '标记了非本轮候选人',
  'duplicate-choice': '同一人被推荐两次',
  'unknown-constituency': '推荐单位不属于本轮',
  'too-many-for': '赞成(含另选)超过应选名额',
  'write-in-ineligible': '另选的人不符合任职条件',
  'write-in-is-candidate': '另选的人已是候选人',
  'write-in-without-against': '另选人数多于不赞成票',
  'duplicate-write-in': '同一人被另选两次',
  'write-in-not-allowed': '本轮不可另选他人',
};

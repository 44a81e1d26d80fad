import type { AnswerOf } from '../../api/routes.ts';

/** The election as the API shows it (`GET /v1/elections/{id}`). */
export type Election = AnswerOf<'GET /v1/elections/{id}'>;

/** One member of the organization's roll. */
export type RollMember = AnswerOf<'GET /v1/organizations/{orgId}/roll'>['members'][number];

/** What every tab of the election's page is given: the election, its roll, and a reload. */
export interface ElectionTabProps {
  election: Election;
  roll: readonly RollMember[];
  /** A member's name with their id (`王芳(m-12)`), or the id alone when the roll lacks them. */
  nameOf: (memberId: string) => string;
  /** Reads the election again after a change (its stage, candidates, calendar). */
  reload: () => Promise<void>;
}

/** The name of a member for people: their name and id, so two 王芳 are told apart. */
export const namer = (roll: readonly RollMember[]) => {
  const names = new Map(roll.map((member) => [member.id, member.name]));
  return (memberId: string) => {
    const name = names.get(memberId);
    return name ? `${name}(${memberId})` : memberId;
  };
};

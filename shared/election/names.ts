import { getRoll } from '../store/organizations.ts';
import type { ElectionRecord } from '../store/records.ts';

/** Member names as people read them: from the roll the election runs on. */
export type Names = (memberId: string) => string;

/** Names from the roll, else from `known` (e.g. an approval subject), else the id itself. */
export const electionNames = async (
  election: Pick<ElectionRecord, 'orgId' | 'rollId'>,
  known: Readonly<Record<string, string | undefined>> = {},
): Promise<Names> => {
  const roll = await getRoll(election.orgId, election.rollId);
  const byId = new Map(roll.map((member) => [member.id, member.name]));
  return (memberId) => byId.get(memberId) ?? known[memberId] ?? memberId;
};

import { countHeading } from '../../../../shared/notices/count-reading.ts';
import { bySurnameStrokes } from '../../../../shared/rules/surname-order.ts';
import { call } from '../../api/client.ts';

/**
 * What the print sheets of a round need: the election (rules), the round (candidates, seats,
 * papers, staff), the names of its roll, and the organization's name — the candidates and the
 * roll in 姓氏笔画 order, as the 条例 has them printed.
 */
export const loadPrintData = async (id: string, roundId: string) => {
  const [election, round, voters] = await Promise.all([
    call('GET /v1/elections/{id}', { params: { id } }),
    call('GET /v1/elections/{id}/rounds/{roundId}', { params: { id, roundId } }),
    call('GET /v1/elections/{id}/rounds/{roundId}/voters', { params: { id, roundId } }),
  ]);
  // The organization's name is the organizers' to read; a teller prints under its id.
  const orgName = await call('GET /v1/organizations/{orgId}', {
    params: { orgId: election.orgId },
  }).then(
    (org) => org.name,
    () => election.orgId,
  );
  const names = new Map(voters.members.map((m) => [m.id, m.name]));
  const nameOf = (memberId: string) => names.get(memberId) ?? memberId;
  const candidates = bySurnameStrokes(
    round.candidates.map((memberId) => ({ id: memberId, name: nameOf(memberId) })),
    (c) => c.name,
  );
  const roll = bySurnameStrokes(voters.members, (m) => m.name);
  return { election, round, orgName, nameOf, candidates, roll, title: countHeading(round) };
};

export type PrintData = Awaited<ReturnType<typeof loadPrintData>>;

// Proves the by-election route (补选, SPEC §9 Supervision) against DynamoDB Local: it fills only
// the seat a recall vacated — found by itself when it is the only one, named by `recallId` when
// several are vacant (422 without it) — (404 unknown recall, 409 no vacancy: not recalled, a
// secretary, or already being filled), with ≥ ceil(seats × 1.2) eligible candidates (422
// otherwise), on the organization's current roll; it opens a round of kind `election` for office
// `member`; the elected go to the superior, and once approved `Election.result` gains them; a
// rejected one leaves the seat vacant for another.
import { describe, expect, it } from 'vitest';
import { decideApproval } from '../../../shared/election/approvals/approval.ts';
import { getElection } from '../../../shared/store/elections.ts';
import type { ElectionRecord } from '../../../shared/store/records.ts';
import { afterSupervisionDecision } from '../../../shared/supervision/follow-ups.ts';
import {
  auditActions,
  errorOf,
  member,
  pendingApproval,
  superiorDecides,
  supervisionSuite,
  tokenFor,
  voteOn,
} from './supervision-fixtures.ts';

const ORG = 'org-sup-by';
const suite = supervisionSuite(ORG);

/** `holder` of a completed election filed against; `carried` votes the recall through. */
const recallIn = async (
  election: ElectionRecord,
  holder: string,
  carried = true,
  on = suite.env,
) =>
  carried
    ? (await suite.recallVoted(election.id, holder, { present: 20, for: 15, against: 5 }, on)).id
    : suite.fileRecall(election.id, holder, on);

/** A completed election whose `holder` was filed against; `carried` votes the recall through. */
const recalled = async (holder: string, carried = true) => {
  const election = await suite.seedCompleted();
  return { election, recallId: await recallIn(election, holder, carried) };
};

const open = (election: ElectionRecord, body: unknown, token = suite.organizer) =>
  suite.env.api.call('POST', `/v1/elections/${election.id}/by-elections`, { token, body });

/** Opens a by-election among `candidateIds` for the seat `recalled` named (vacated or not). */
const openFor = (
  { election, recallId }: { election: ElectionRecord; recallId: string },
  candidateIds: string[],
) => open(election, { recallId, candidateIds });

describe('opening a by-election', () => {
  it('201 {roundId}: a round of kind election for office member among the candidates, one seat; the recall names it', async () => {
    const { election, recallId } = await recalled('m2');
    const opened = await open(election, { recallId, candidateIds: ['c1', 'c2'] });
    expect(opened.status).toBe(201);
    const { roundId } = opened.body as { roundId: string };
    const round = await suite.env.api.call(
      'GET',
      `/v1/elections/${election.id}/rounds/${roundId}`,
      {
        token: suite.organizer,
      },
    );
    expect(round.body).toMatchObject({
      kind: 'election',
      office: 'member',
      stage: 'by-election',
      candidates: ['c1', 'c2'],
      seats: 1,
      status: 'open',
    });
    expect((await suite.recallOf(election.id, recallId)).byElectionRoundId).toBe(roundId);
    expect(await auditActions(election.id)).toContain('by-election-opened');
  });

  it('fewer than ceil(1 × 1.2) = 2 eligible candidates → 422; an ineligible one, someone in office, a repeat → 422 naming the rule', async () => {
    const { election, recallId } = await recalled('m2');
    const rules = async (candidateIds: string[]) => {
      const refused = await open(election, { recallId, candidateIds });
      expect(refused.status, candidateIds.join()).toBe(422);
      return errorOf(refused.body).details.map((d) => d.rule);
    };
    expect(await rules(['c1'])).toEqual(['too-few-candidates']);
    expect(await rules(['c1', 'c2', 'old'])).toEqual(['not-eligible']);
    expect(await rules(['c1', 'c2', 'm1'])).toEqual(['in-office']);
    expect(await rules(['c1', 'c2', 'c1'])).toEqual(['duplicate-candidate']);
    expect(await rules(['c1', 'nobody'])).toEqual(['not-a-member', 'too-few-candidates']);
  });

  it('no vacancy from that recall → 409: still pending, retained, a secretary, already being filled', async () => {
    const pending = await recalled('m1', false);
    const refused = await openFor(pending, ['c1', 'c2']);
    expect(refused.status).toBe(409);
    expect(errorOf(refused.body).code).toBe('no-vacancy');

    const secretary = await recalled('s1');
    const noByElection = await openFor(secretary, ['c1', 'c2']);
    expect(noByElection.status).toBe(409);
    expect(errorOf(noByElection.body).message).toContain('重新选举');

    const filling = await recalled('m2');
    expect((await openFor(filling, ['c1', 'c2'])).status).toBe(201);
    expect((await openFor(filling, ['c2', 'c3'])).status).toBe(409);
  });

  it('refuses: unknown recall 404, non-organizers 403, no token 401, bad body 400', async () => {
    const { election, recallId } = await recalled('m2');
    expect((await open(election, { recallId: 'nope', candidateIds: ['c1', 'c2'] })).status).toBe(
      404,
    );
    const member = await tokenFor(ORG, ['member'], 'p01');
    expect((await open(election, { recallId, candidateIds: ['c1', 'c2'] }, member)).status).toBe(
      403,
    );
    expect((await open(election, { recallId, candidateIds: ['c1', 'c2'] }, '')).status).toBe(401);
    expect((await open(election, { recallId })).status).toBe(400);
    expect((await open(election, { recallId, candidateIds: ['c1', 'c2'], seats: 2 })).status).toBe(
      400,
    );
  });
});

describe('which seat: the body {candidateIds}, recallId only to choose', () => {
  it('SPEC §9: {candidateIds} alone fills the one vacant seat, found by itself', async () => {
    const { election, recallId } = await recalled('m2');
    const opened = await open(election, { candidateIds: ['c1', 'c2'] });
    expect(opened.status, opened.text).toBe(201);
    const { roundId } = opened.body as { roundId: string };
    expect((await suite.recallOf(election.id, recallId)).byElectionRoundId).toBe(roundId);
  });

  it('SPEC §9: no vacant seat → 409 no-vacancy; several → 422 naming recallId, and with it the seat is filled', async () => {
    const { election: none } = await recalled('m1', false);
    const noVacancy = await open(none, { candidateIds: ['c1', 'c2'] });
    expect(noVacancy.status).toBe(409);
    expect(errorOf(noVacancy.body).code).toBe('no-vacancy');

    const election = await suite.seedCompleted();
    const first = await recallIn(election, 'm1');
    // The second recall's round opened when the first settled.
    const second = await recallIn(election, 'm2');
    expect((await suite.recallOf(election.id, second)).status).toBe('recalled');
    const refused = await open(election, { candidateIds: ['c1', 'c2'] });
    expect(refused.status).toBe(422);
    const error = errorOf(refused.body);
    expect(error.code).toBe('recall-required');
    expect(error.message).toContain('recallId');
    expect(error.details).toEqual([
      expect.objectContaining({
        rule: 'recall-required',
        path: ['body', 'recallId'],
        recallIds: expect.arrayContaining([first, second]),
      }),
    ]);
    expect(await auditActions(election.id)).not.toContain('by-election-opened');
    const chosen = await open(election, { recallId: second, candidateIds: ['c1', 'c2'] });
    expect(chosen.status).toBe(201);
    expect((await suite.recallOf(election.id, second)).byElectionRoundId).toBe(
      (chosen.body as { roundId: string }).roundId,
    );
  });
});

describe('the organization’s current roll', () => {
  it('SPEC §2.11, §9: a by-election goes by the roll as it is now — a member who joined since may stand, serve as staff, be written in, and counts in 应到会', async () => {
    // After the election n1, n2 and n3 joined (full members, eligible) and c3 left.
    const {
      moved,
      election,
      organizer: organizerHere,
      entitled: entitledNow,
      attend,
    } = await suite.electionOnChangedRoll('org-sup-by-moved', [
      member('n1'),
      member('n2'),
      member('n3'),
    ]);
    const recallId = await recallIn(election, 'm2', true, moved);
    const opened = await open(election, { recallId, candidateIds: ['n1', 'c1'] }, organizerHere);
    expect(opened.status, opened.text).toBe(201);
    const { roundId } = opened.body as { roundId: string };
    const path = `/v1/elections/${election.id}/rounds/${roundId}`;
    const teller = await tokenFor(moved.orgId, ['teller']);
    const attendance = await attend(roundId);
    expect(attendance.status, attendance.text).toBe(200);
    expect((attendance.body as { attendance: { expected: number } }).attendance.expected).toBe(
      entitledNow,
    );
    const entered = await suite.env.api.call('POST', `${path}/ballots`, {
      token: teller,
      body: {
        ballots: [
          { serial: 'W1', marks: { n1: 'against', c1: 'against' }, writeIns: ['n3'] },
          { serial: 'W2', marks: { n1: 'against', c1: 'against' }, writeIns: ['c3'] },
        ],
      },
    });
    expect(entered.status, entered.text).toBe(200);
    expect(
      (entered.body as { invalid: { serial: string }[] }).invalid.map((i) => i.serial),
    ).toEqual(['W2']);
  });
});

describe('the by-election vote and its approval', () => {
  it('someone elected → approval of kind by-election; approved → result.members gains them', async () => {
    const { election, recallId } = await recalled('m2');
    const { roundId } = (await open(election, { recallId, candidateIds: ['c1', 'c2'] })).body as {
      roundId: string;
    };
    await voteOn(suite.env, election.id, roundId, 'c1', { present: 20, for: 14, against: 6 }, 'c2');
    const voted = await suite.recallOf(election.id, recallId);
    expect(voted.byElection).toMatchObject({ status: 'pending-approval', elected: ['c1'] });
    const approval = await pendingApproval(election.id, 'by-election');
    expect(approval.ref).toBe(roundId);
    const page = await suite.env.api.call('GET', `/approve/${approval.id}`);
    expect(page.text).toContain('补选结果');
    await decideApproval(approval.id, { decision: 'approve' }, afterSupervisionDecision);
    expect((await suite.recallOf(election.id, recallId)).byElection?.status).toBe('approved');
    expect((await getElection(election.id))?.result).toEqual({
      secretary: 's1',
      deputies: [],
      members: ['m1', 'c1'],
    });
    expect(await auditActions(election.id)).toContain('by-election-approved');
    expect(
      (await open(election, { recallId, candidateIds: ['c2', 'c3'] })).status,
      'the seat is filled',
    ).toBe(409);
  });

  it('rejected by the superior → the seat stays vacant and another by-election may be opened', async () => {
    const { election, recallId } = await recalled('m2');
    const { roundId } = (await open(election, { recallId, candidateIds: ['c1', 'c2'] })).body as {
      roundId: string;
    };
    await voteOn(suite.env, election.id, roundId, 'c2', { present: 20, for: 14, against: 6 }, 'c1');
    await superiorDecides(election.id, 'by-election', {
      decision: 'reject',
      comment: '程序不规范',
    });
    expect((await suite.recallOf(election.id, recallId)).byElection?.status).toBe('rejected');
    expect((await getElection(election.id))?.result?.members).toEqual(['m1']);
    expect((await open(election, { recallId, candidateIds: ['c2', 'c3'] })).status).toBe(201);
  });

  it('nobody above the threshold → re-votes by themselves; the recall follows them (byElectionRoundId)', async () => {
    const { election, recallId } = await recalled('m2');
    const { roundId } = (await open(election, { recallId, candidateIds: ['c1', 'c2'] })).body as {
      roundId: string;
    };
    // 10 of 20 for each: exactly half is no majority.
    await voteOn(
      suite.env,
      election.id,
      roundId,
      'c1',
      { present: 20, for: 10, against: 10 },
      'c2',
    );
    const after = await suite.recallOf(election.id, recallId);
    expect(after.byElection?.status).toBe('voting');
    expect(after.byElectionRoundId).not.toBe(roundId);
  });
});

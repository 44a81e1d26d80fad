// Proves the recall routes (罢免, SPEC §9 Supervision) against DynamoDB Local: who may file, the
// petition rules (422 with nothing stored, a repeated signatory counted once), one pending
// petition per holder (409), only after `completed` (409); the superior's decision by link
// (rejected changes nothing else; approved opens a recall round); the vote's consequences
// (recalled secretary: nominees leave, a new election; recalled member; retained; a void round
// voted again), all on the organization's current roll; the reminder's new link; every step
// audited and e-mailed.
import { describe, expect, it } from 'vitest';
import { decideApproval, NO_TASK } from '../../../shared/election/approvals/approval.ts';
import { getApproval, listApprovals } from '../../../shared/store/approvals.ts';
import { getElection } from '../../../shared/store/elections.ts';
import { listNotices } from '../../../shared/store/outbox.ts';
import { listRecalls } from '../../../shared/store/supervision.ts';
import { readAudit } from '../../../shared/store/transact.ts';
import { afterSupervisionDecision } from '../../../shared/supervision/follow-ups.ts';
import { expectDeclaredAnswer } from './answers.ts';
import {
  auditActions,
  ENTITLED,
  errorOf,
  member,
  pendingApproval,
  SIGNERS,
  superiorDecides,
  supervisionSuite,
  tokenFor,
  type Vote,
  voteOn,
} from './supervision-fixtures.ts';

const ORG = 'org-sup-recalls';
const suite = supervisionSuite(ORG);

const petition = (officeHolderId: string, signatoryIds = SIGNERS.slice(0, 10)) => ({
  officeHolderId,
  signatoryIds,
  reason: '任期内未完成工作目标,工作业绩与竞选承诺不符。',
});

const file = (electionId: string, body: unknown, token = suite.organizer) =>
  suite.env.api.call('POST', `/v1/elections/${electionId}/recalls`, { token, body });

/** The election's notices of a template to an address (sent through SES Local). */
const noticesTo = async (electionId: string, address: string, template: string) =>
  (await listNotices(electionId)).filter(
    (n) => n.to === address && n.template === template && n.status === 'sent',
  );

describe('filing a petition', () => {
  it('answers 201 pending-approval, audits it, mails holder, signatories and superior, asks the superior without a task token', async () => {
    const election = await suite.seedCompleted();
    const filed = await file(election.id, petition('m1'));
    expect(filed.status).toBe(201);
    const body = filed.body as { id: string; status: string };
    expect(body.status).toBe('pending-approval');
    expect(await auditActions(election.id)).toEqual(
      expect.arrayContaining(['recall-filed', 'approval-requested']),
    );
    const approval = await pendingApproval(election.id, 'recall');
    expect(approval.ref).toBe(body.id);
    expect(approval.token).toBe(NO_TASK);
    for (const address of ['m1@example.org', 'p01@example.org', 'gongwei@example.org']) {
      expect(await noticesTo(election.id, address, 'recall-filed'), address).toHaveLength(1);
    }
    expect(await noticesTo(election.id, 'p11@example.org', 'recall-filed')).toHaveLength(0);
    expect(await noticesTo(election.id, 'gongwei@example.org', 'approval-request')).toHaveLength(1);
  });

  it('a member who signs may file it; a member who does not sign gets 403', async () => {
    const election = await suite.seedCompleted();
    const outsider = await tokenFor(ORG, ['member'], 'p12');
    expect((await file(election.id, petition('m2'), outsider)).status).toBe(403);
    const signer = await tokenFor(ORG, ['member'], 'p01');
    expect((await file(election.id, petition('m2'), signer)).status).toBe(201);
  });

  it('refuses without a token (401), other roles (403) and other organizations (403)', async () => {
    const election = await suite.seedCompleted();
    expect((await file(election.id, petition('m1'), '')).status).toBe(401);
    const teller = await tokenFor(ORG, ['teller']);
    expect((await file(election.id, petition('m1'), teller)).status).toBe(403);
    const elsewhere = await tokenFor('other-org', ['organizer']);
    expect((await file(election.id, petition('m1'), elsewhere)).status).toBe(403);
    expect((await file('no-such-election', petition('m1'))).status).toBe(404);
  });

  it('9 signatories → 422 too-few-signatories, and nothing is stored', async () => {
    const election = await suite.seedCompleted();
    const before = (await readAudit(`ELECTION#${election.id}`)).length;
    const refused = await file(election.id, petition('m1', SIGNERS.slice(0, 9)));
    expect(refused.status).toBe(422);
    expect(errorOf(refused.body).details.map((d) => d.rule)).toEqual(['too-few-signatories']);
    expect(await listRecalls(election.id)).toEqual([]);
    expect(await listApprovals(election.id)).toEqual([]);
    expect((await readAudit(`ELECTION#${election.id}`)).length).toBe(before);
  });

  it('a repeated signatory counts once: 9 distinct with a repeat → 422; 10 distinct with repeats are kept once each', async () => {
    const election = await suite.seedCompleted();
    const nine = [...SIGNERS.slice(0, 9), 'p01'];
    const refused = await file(election.id, petition('m1', nine));
    expect(refused.status).toBe(422);
    expect(errorOf(refused.body).message).toContain('现有9名');
    const ten = [...SIGNERS.slice(0, 10), 'p03', 'p01'];
    const filed = await file(election.id, petition('m1', ten));
    expect(filed.status).toBe(201);
    const recall = await suite.recallOf(election.id, (filed.body as { id: string }).id);
    expect(recall.signatoryIds).toEqual(SIGNERS.slice(0, 10));
  });

  it('a signatory not a member here, the holder signing, someone not in office → 422 naming each rule', async () => {
    const election = await suite.seedCompleted();
    const notMember = await file(election.id, petition('m1', [...SIGNERS.slice(0, 10), 'away']));
    expect(notMember.status).toBe(422);
    expect(errorOf(notMember.body).details.map((d) => d.rule)).toEqual(['signatory-not-member']);
    const holderSigns = await file(election.id, petition('m1', [...SIGNERS.slice(0, 10), 'm1']));
    expect(errorOf(holderSigns.body).details.map((d) => d.rule)).toEqual(['holder-signed']);
    const notInOffice = await file(election.id, petition('m3'));
    expect(notInOffice.status).toBe(422);
    expect(errorOf(notInOffice.body).details.map((d) => d.rule)).toEqual(['not-in-office']);
    expect(await listRecalls(election.id)).toEqual([]);
  });

  it('a malformed petition is 400 naming the field (unknown fields too)', async () => {
    const election = await suite.seedCompleted();
    const bad = await file(election.id, { ...petition('m1'), extra: 1 });
    expect(bad.status).toBe(400);
    const missing = await file(election.id, { officeHolderId: 'm1', reason: 'x' });
    expect(missing.status).toBe(400);
    expect(JSON.stringify(errorOf(missing.body).details)).toContain('signatoryIds');
  });

  it('a second petition against the same holder while one is pending → 409; another holder is fine', async () => {
    const election = await suite.seedCompleted();
    expect((await file(election.id, petition('m1'))).status).toBe(201);
    const again = await file(election.id, petition('m1', SIGNERS.slice(2, 12)));
    expect(again.status).toBe(409);
    expect(errorOf(again.body).code).toBe('recall-pending');
    expect((await file(election.id, petition('m2'))).status).toBe(201);
  });

  it('an election not yet completed → 409', async () => {
    const election = await suite.seedCompleted({ stage: 'member-approval' });
    const refused = await file(election.id, petition('m1'));
    expect(refused.status).toBe(409);
    expect(errorOf(refused.body).code).toBe('election-not-completed');
  });
});

describe('the superior decides', () => {
  it('rejected → the recall is rejected, nothing else changes, every member is told; a new petition may follow', async () => {
    const election = await suite.seedCompleted();
    const { id } = (await file(election.id, petition('m1'))).body as { id: string };
    const approval = await pendingApproval(election.id, 'recall');
    const decided = await suite.env.api.call('POST', `/approve/${approval.id}`, {
      body: { decision: 'reject', comment: '经调查,罢免理由不成立。' },
    });
    expect(decided.status).toBe(200);
    const recall = await suite.recallOf(election.id, id);
    expect(recall.status).toBe('rejected');
    expect(recall.roundId).toBeUndefined();
    const after = await getElection(election.id);
    expect(after?.result).toEqual(election.result);
    expect(after?.stage).toBe('completed');
    expect(await auditActions(election.id)).toContain('recall-rejected');
    const [told] = await noticesTo(election.id, 'p12@example.org', 'recall-outcome');
    expect(told?.subject).toContain('不启动罢免');
    expect(suite.env.released).toEqual([]);
    expect((await file(election.id, petition('m1'))).status).toBe(201);
  });

  it('approved → voting, a recall round for the holder (one seat) opens and the entitled are invited', async () => {
    const election = await suite.seedCompleted();
    const { id } = (await file(election.id, petition('m2'))).body as { id: string };
    await superiorDecides(election.id, 'recall');
    const recall = await suite.recallOf(election.id, id);
    expect(recall.status).toBe('voting');
    const round = await suite.env.api.call(
      'GET',
      `/v1/elections/${election.id}/rounds/${recall.roundId}`,
      { token: suite.organizer },
    );
    expect(round.body).toMatchObject({
      kind: 'recall',
      office: 'member',
      stage: 'recall',
      candidates: ['m2'],
      seats: 1,
      status: 'open',
    });
    expect(await auditActions(election.id)).toEqual(
      expect.arrayContaining(['approval-decided', 'recall-approved', 'round-opened']),
    );
    expect(await noticesTo(election.id, 'p05@example.org', 'assembly-invitation')).toHaveLength(1);
    expect(await noticesTo(election.id, 'prob@example.org', 'assembly-invitation')).toHaveLength(0);
  });

  it('two approved recalls vote one after the other: the second round opens when the first settles', async () => {
    const election = await suite.seedCompleted();
    const first = (await file(election.id, petition('m1'))).body as { id: string };
    const second = (await file(election.id, petition('m2'))).body as { id: string };
    const approvals = (await listApprovals(election.id)).filter((a) => a.kind === 'recall');
    for (const approval of approvals)
      await decideApproval(approval.id, { decision: 'approve' }, afterSupervisionDecision);
    const a = await suite.recallOf(election.id, first.id);
    const b = await suite.recallOf(election.id, second.id);
    expect([a.status, b.status]).toEqual(['voting', 'voting']);
    expect([a.roundId, b.roundId].filter(Boolean)).toHaveLength(1);
    const [voting, waiting] = a.roundId ? [a, b] : [b, a];
    await voteOn(suite.env, election.id, voting.roundId as string, voting === a ? 'm1' : 'm2', {
      present: 20,
      for: 5,
      against: 15,
    });
    expect((await suite.recallOf(election.id, voting.id)).status).toBe('retained');
    expect((await suite.recallOf(election.id, waiting.id)).roundId).toBeDefined();
  });
});

describe('the recall vote', () => {
  /** A recall of `holder` filed, approved by the superior, and its round voted `vote`. */
  const recallVote = async (holder: string, vote: Vote) => {
    const election = await suite.seedCompleted();
    return { election, ...(await suite.recallVoted(election.id, holder, vote)) };
  };

  it('recalls a secretary: result.secretary null, the members from the suggestion list leave, a new election of the same preset, seats and day length starts; the old one stays completed', async () => {
    const { election, id, tally } = await recallVote('s1', {
      present: 20,
      for: 15,
      against: 5,
    });
    expect(tally).toMatchObject({ status: 'valid', counts: { s1: 15 }, elected: ['s1'] });
    const recall = await suite.recallOf(election.id, id);
    expect(recall.status).toBe('recalled');
    expect(recall.membersRemoved).toEqual(['m1', 'm2']);
    const old = await getElection(election.id);
    expect(old?.stage).toBe('completed');
    expect(old?.result).toEqual({ secretary: null, deputies: [], members: [] });
    const successor = await getElection(recall.newElectionId as string);
    expect(successor).toMatchObject({
      orgId: election.orgId,
      preset: 'community',
      seats: election.seats,
      dayLengthMs: election.dayLengthMs,
      stage: 'announcement',
      replaces: { electionId: election.id, recallId: id },
    });
    expect(Date.now() - Date.parse(successor?.startsAt ?? '')).toBeLessThan(60_000);
    expect(await auditActions(election.id)).toContain('recall-carried');
    const [outcome] = await noticesTo(election.id, 'p12@example.org', 'recall-outcome');
    expect(outcome?.subject).toContain('被罢免');
    expect(outcome?.text).toContain('同时免职');
  });

  it('recalls a committee member: only they leave office; no new election', async () => {
    const { election, id } = await recallVote('m2', { present: 20, for: 11, against: 9 });
    const recall = await suite.recallOf(election.id, id);
    expect(recall.status).toBe('recalled');
    expect(recall.newElectionId).toBeUndefined();
    expect((await getElection(election.id))?.result).toEqual({
      secretary: 's1',
      deputies: [],
      members: ['m1'],
    });
  });

  it('exactly half "for" is not a majority: retained, nothing changes, and a new petition may follow', async () => {
    const { election, id, tally } = await recallVote('m1', {
      present: 20,
      for: 10,
      against: 10,
    });
    expect(tally.elected).toEqual([]);
    expect((await suite.recallOf(election.id, id)).status).toBe('retained');
    expect((await getElection(election.id))?.result).toEqual(election.result);
    expect(await auditActions(election.id)).toContain('recall-retained');
    const board = await suite.env.api.call('GET', `/public/elections/${election.id}`, {
      headers: { accept: 'application/json' },
    });
    expect((board.body as { recalls: unknown[] }).recalls).toEqual([
      expect.objectContaining({ status: 'retained', signatories: 10, office: 'member' }),
    ]);
    const page = await suite.env.api.call('GET', `/public/elections/${election.id}`);
    expect(page.text).toContain('罢免未获党员大会通过');
    expect(page.text).not.toContain('工作业绩与竞选承诺不符');
    const [outcome] = await noticesTo(election.id, 'p12@example.org', 'recall-outcome');
    expect(outcome?.subject).toContain('罢免未获通过');
    expect((await file(election.id, petition('m1'))).status).toBe(201);
  });

  it('a void round (more returned than issued) is voted again: the recall follows the new round', async () => {
    const { election, id, roundId, tally } = await recallVote('m1', {
      present: 20,
      for: 15,
      against: 5,
      extra: 1,
    });
    expect(tally.status).toBe('void');
    const recall = await suite.recallOf(election.id, id);
    expect(recall.status).toBe('voting');
    expect(recall.roundId).not.toBe(roundId);
    await voteOn(suite.env, election.id, recall.roundId as string, 'm1', {
      present: 20,
      for: 15,
      against: 5,
    });
    expect((await suite.recallOf(election.id, id)).status).toBe('recalled');
  });

  it('no quorum (fewer than 4/5 of the entitled cast a ballot) is voted again', async () => {
    const short = Math.ceil((ENTITLED * 4) / 5) - 1;
    const { election, id, roundId, tally } = await recallVote('m1', {
      present: short,
      for: short,
      against: 0,
    });
    expect(tally.status).toBe('no-quorum');
    expect((await suite.recallOf(election.id, id)).roundId).not.toBe(roundId);
  });
});

describe('the organization’s current roll', () => {
  it('党章, SPEC §2.11: a recall goes by the roll as it is now — a 预备党员’s signature counts, one who left → 422; 应到会, staff and invitations from the current members', async () => {
    // After the election n1 and n2 joined (full members, entitled to vote) and c3 left.
    const joined = [member('n1', { email: 'n1@example.org' }), member('n2')];
    const {
      election,
      organizer: organizerHere,
      entitled: entitledNow,
      attend,
    } = await suite.electionOnChangedRoll('org-sup-recalls-moved', joined);

    const left = await file(
      election.id,
      petition('m1', [...SIGNERS.slice(0, 9), 'c3']),
      organizerHere,
    );
    expect(left.status).toBe(422);
    expect(errorOf(left.body).details.map((d) => d.rule)).toEqual([
      'signatory-not-member',
      'too-few-signatories',
    ]);
    expect(errorOf(left.body).message).toContain('c3');

    const filed = await file(
      election.id,
      petition('m1', [...SIGNERS.slice(0, 8), 'prob', 'n1']),
      organizerHere,
    );
    expect(filed.status).toBe(201);
    await superiorDecides(election.id, 'recall');
    const recall = await suite.recallOf(
      election.id,
      (filed.body as { id: string }).id,
      organizerHere,
    );
    const { roundId } = recall;
    expect(await noticesTo(election.id, 'n1@example.org', 'assembly-invitation')).toHaveLength(1);

    const attendance = await attend(roundId as string);
    expect(attendance.status, attendance.text).toBe(200);
    expect((attendance.body as { attendance: { expected: number } }).attendance.expected).toBe(
      entitledNow,
    );
  });
});

describe('GET and the reminder', () => {
  it('GET of an unknown recall is 404; the list shows every recall', async () => {
    const election = await suite.seedCompleted();
    await file(election.id, petition('m1'));
    const missing = await suite.env.api.call('GET', `/v1/elections/${election.id}/recalls/nope`, {
      token: suite.organizer,
    });
    expect(missing.status).toBe(404);
    const member = await tokenFor(ORG, ['member'], 'p01');
    const list = await suite.env.api.call('GET', `/v1/elections/${election.id}/recalls`, {
      token: member,
    });
    expect(list.status).toBe(200);
    expect(list.body).toHaveLength(1);
    expectDeclaredAnswer('GET /v1/elections/{id}/recalls', list.body);
  });

  it('a link still valid → 409; once expired, the reminder mails a new link and the old id stays dead', async () => {
    const election = await suite.seedCompleted({});
    const { id } = (await file(election.id, petition('m1'))).body as { id: string };
    const path = `/v1/elections/${election.id}/recalls/${id}/reminder`;
    const early = await suite.env.api.call('POST', path, { token: suite.organizer });
    expect(early.status).toBe(409);
    expect(errorOf(early.body).code).toBe('approval-open');
    const first = await pendingApproval(election.id, 'recall');
    // Its expiry passes (the link lives approvalTimeoutDays calendar days).
    const { UpdateCommand } = await import('@aws-sdk/lib-dynamodb');
    const { documentClient } = await import('../../../shared/store/client.ts');
    const { keys } = await import('../../../shared/store/keys.ts');
    const { tableName } = await import('../../../shared/store/table.ts');
    await documentClient().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: keys.approval(first.id),
        UpdateExpression: 'SET expiresAt = :past',
        ExpressionAttributeValues: { ':past': new Date(Date.now() - 1000).toISOString() },
      }),
    );
    const reminded = await suite.env.api.call('POST', path, { token: suite.organizer });
    expect(reminded.status).toBe(200);
    expect(reminded.body).toMatchObject({ kind: 'recall', status: 'pending', reminded: true });
    const second = await pendingApproval(election.id, 'recall');
    expect(second.id).not.toBe(first.id);
    expect(second.previousId).toBe(first.id);
    expect((await getApproval(first.id))?.status).toBe('expired');
    expect(await noticesTo(election.id, 'gongwei@example.org', 'approval-reminder')).toHaveLength(
      1,
    );
    const stale = await suite.env.api.call('POST', `/approve/${first.id}`, {
      body: { decision: 'approve' },
    });
    expect(stale.status).toBe(409);
    await decideApproval(second.id, { decision: 'approve' }, afterSupervisionDecision);
    expect((await suite.recallOf(election.id, id)).status).toBe('voting');
  });

  it('nothing waiting for the superior → 409; only organizers may remind (403)', async () => {
    const election = await suite.seedCompleted();
    const { id } = (await file(election.id, petition('m1'))).body as { id: string };
    const path = `/v1/elections/${election.id}/recalls/${id}/reminder`;
    const member = await tokenFor(ORG, ['member'], 'p01');
    expect((await suite.env.api.call('POST', path, { token: member })).status).toBe(403);
    await superiorDecides(election.id, 'recall', { decision: 'reject' });
    const after = await suite.env.api.call('POST', path, { token: suite.organizer });
    expect(after.status).toBe(409);
    expect(errorOf(after.body).code).toBe('nothing-to-approve');
  });
});

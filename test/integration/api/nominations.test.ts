// Proves the nomination and eligibility routes: who may enter each kind of nomination, the
// stage and rule refusals (each changing nothing), ineligible nominees recorded with their
// failures, one nominee per office per supporter even under concurrent requests, and the
// organizers' eligibility decisions with waivers, notices, audit entries and the workflow woken.
import { describe, expect, it } from 'vitest';
import { resolveRules } from '../../../shared/rules/index.ts';
import { setAwaiting } from '../../../shared/store/elections.ts';
import { listCandidates, listNominations } from '../../../shared/store/nominations.ts';
import { expectDeclaredAnswer } from './answers.ts';
import {
  ALL_DOCUMENTS,
  auditActions,
  auditEntries,
  candidateSuite,
  errorCode,
  memberToken,
  noticesOf,
  organizerToken,
} from './candidate-fixtures.ts';

const suite = candidateSuite();

const nominate = (electionId: string, token: string | undefined, body: unknown) =>
  suite.env.api.call('POST', `/v1/elections/${electionId}/nominations`, { token, body });

const selfNomination = (nomineeId: string, documents = ALL_DOCUMENTS) => ({
  kind: 'self',
  office: 'secretary',
  nomineeId,
  documents,
});

const jointNomination = (nomineeId: string, supporterIds: string[]) => ({
  kind: 'joint',
  office: 'secretary',
  nomineeId,
  supporterIds,
  documents: ALL_DOCUMENTS,
});

const inNomination = () => suite.seedElection('nomination');

describe('POST /v1/elections/{id}/nominations', () => {
  it('records a self-nomination entered by the nominee, tells them, and audits it', async () => {
    const id = await inNomination();
    const answer = await nominate(id, await memberToken('m1'), selfNomination('m1'));
    expect(answer.status).toBe(201);
    const body = answer.body as { id: string; check: unknown };
    expect(body.check).toEqual({ eligible: true, failures: [] });
    expectDeclaredAnswer('POST /v1/elections/{id}/nominations', answer.body);

    const [nomination] = await listNominations(id);
    expect(nomination).toMatchObject({
      id: body.id,
      kind: 'self',
      nomineeId: 'm1',
      enteredBy: 'm1',
    });
    expect(await listCandidates(id)).toEqual([
      { memberId: 'm1', office: 'secretary', status: 'nominated', check: body.check },
    ]);
    const entry = (await auditEntries(id)).at(-1);
    expect(entry).toMatchObject({ actor: 'm1', action: 'nomination-recorded' });
    // Documents are checked flags only.
    expect((entry?.data as { documents?: unknown } | undefined)?.documents).toEqual(ALL_DOCUMENTS);
    expect(await noticesOf(id)).toEqual([
      { template: 'nomination-received', to: 'm1@example.org', status: 'sent' },
    ]);
  });

  it('records an ineligible nominee with every failure (201, eligible false)', async () => {
    const id = await inNomination();
    const answer = await nominate(
      id,
      suite.organizer,
      selfNomination('elder', { ...ALL_DOCUMENTS, photo: false }),
    );
    expect(answer.status).toBe(201);
    const { check } = answer.body as { check: { eligible: boolean; failures: { rule: string }[] } };
    expect(check.eligible).toBe(false);
    expect(check.failures.map((f) => f.rule)).toEqual(['education', 'age', 'documents']);
    expect((await listCandidates(id))[0]).toMatchObject({
      memberId: 'elder',
      status: 'nominated',
      check,
    });
  });

  it('lets the same nominee be nominated by several kinds, but the same kind twice → 409', async () => {
    const id = await inNomination();
    expect((await nominate(id, await memberToken('m1'), selfNomination('m1'))).status).toBe(201);
    const organization = { ...selfNomination('m1'), kind: 'organization' };
    expect((await nominate(id, suite.organizer, organization)).status).toBe(201);
    const again = await nominate(id, suite.organizer, selfNomination('m1'));
    expect(again.status).toBe(409);
    expect(errorCode(again.body)).toBe('duplicate-nomination');
    expect(await listNominations(id)).toHaveLength(2);
    expect(await listCandidates(id)).toHaveLength(1);
  });

  it('self: only the nominee or an organizer; organization: organizers only; joint: a supporter or an organizer (else 403)', async () => {
    const id = await inNomination();
    const m2 = await memberToken('m2');
    const refusals = [
      await nominate(id, m2, selfNomination('m1')),
      await nominate(id, m2, { ...selfNomination('m2'), kind: 'organization' }),
      await nominate(id, m2, jointNomination('m1', ['m3', 'm4', 'm5', 'm6', 'm7'])),
      await nominate(id, await memberToken('m2', ['teller']), selfNomination('m2')),
      await nominate(id, await organizerToken(['org-b']), selfNomination('m1')),
      await nominate(id, await memberToken('m2', []), selfNomination('m2')),
    ];
    expect(refusals.map((r) => r.status)).toEqual([403, 403, 403, 403, 403, 403]);
    expect((await nominate(id, undefined, selfNomination('m1'))).status).toBe(401);

    const bySupporter = await nominate(
      id,
      m2,
      jointNomination('m1', ['m2', 'm3', 'm4', 'm5', 'm6']),
    );
    expect(bySupporter.status).toBe(201);
    expect((await nominate(id, suite.organizer, selfNomination('m3'))).status).toBe(201);
    expect(await listNominations(id)).toHaveLength(2);
  });

  it('is refused outside the nomination stage (409) and changes nothing', async () => {
    const id = await suite.seedElection('announcement');
    const answer = await nominate(id, suite.organizer, selfNomination('m1'));
    expect(answer.status).toBe(409);
    expect(errorCode(answer.body)).toBe('wrong-stage');
    expect(await listNominations(id)).toEqual([]);
    expect(await auditActions(id)).toEqual(['election-created']);
  });

  it('answers 404 for an unknown election', async () => {
    expect((await nominate('no-such-election', suite.organizer, selfNomination('m1'))).status).toBe(
      404,
    );
  });

  it('refuses unknown fields anywhere and missing documents with 400, naming the path', async () => {
    const id = await inNomination();
    const extra = await nominate(id, suite.organizer, {
      ...selfNomination('m1'),
      idNumber: '1101…',
    });
    expect(extra.status).toBe(400);
    const inDocuments = await nominate(id, suite.organizer, {
      ...selfNomination('m1'),
      documents: { ...ALL_DOCUMENTS, scan: 'data:image/png' },
    });
    expect(inDocuments.status).toBe(400);
    const { documents: _, ...withoutDocuments } = selfNomination('m1');
    const missing = await nominate(id, suite.organizer, withoutDocuments);
    expect(missing.status).toBe(400);
    const details = (missing.body as { error: { details: { path: string[] }[] } }).error.details;
    expect(details.map((d) => d.path.join('.'))).toContain('body.documents');
    expect(await auditActions(id)).toEqual(['election-created']);
  });

  it('refuses a kind the preset does not allow with 422', async () => {
    const rules = resolveRules('community', { nominationKinds: ['self', 'joint'] });
    const id = await suite.seedElection('nomination', { rules });
    const answer = await nominate(id, suite.organizer, {
      ...selfNomination('m1'),
      kind: 'organization',
    });
    expect(answer.status).toBe(422);
    expect(errorCode(answer.body)).toBe('kind-not-allowed');
  });

  it('joint: too few supporters, the nominee among them, or one without a vote → 422', async () => {
    const id = await inNomination();
    const cases = [
      jointNomination('m1', ['m2', 'm3', 'm4', 'm5']),
      jointNomination('m1', ['m1', 'm2', 'm3', 'm4', 'm5', 'm6']),
      jointNomination('m1', ['prob', 'm2', 'm3', 'm4', 'm5', 'm6']),
    ];
    const answers = await Promise.all(cases.map((body) => nominate(id, suite.organizer, body)));
    expect(answers.map((a) => [a.status, errorCode(a.body)])).toEqual([
      [422, 'too-few-supporters'],
      [422, 'nominee-among-supporters'],
      [422, 'supporter-not-entitled'],
    ]);
    expect(await listNominations(id)).toEqual([]);
  });

  it('joint: a supporter already backing another nominee for the office → 409', async () => {
    const id = await inNomination();
    const first = await nominate(
      id,
      suite.organizer,
      jointNomination('m1', ['m2', 'm3', 'm4', 'm5', 'm6']),
    );
    expect(first.status).toBe(201);
    const second = await nominate(
      id,
      suite.organizer,
      jointNomination('m7', ['m6', 'm8', 'm9', 'elder', 'sick']),
    );
    expect(second.status).toBe(409);
    expect(errorCode(second.body)).toBe('supporter-already-backing');
  });

  it('joint nominations sharing a supporter, fired concurrently: exactly one 201 and one 409', async () => {
    for (let round = 0; round < 3; round++) {
      const id = await inNomination();
      const answers = await Promise.all([
        nominate(id, suite.organizer, jointNomination('m1', ['m2', 'm3', 'm4', 'm5', 'm6'])),
        nominate(id, suite.organizer, jointNomination('m7', ['m6', 'm8', 'm9', 'elder', 'sick'])),
      ]);
      expect(answers.map((a) => a.status).sort()).toEqual([201, 409]);
      const nominations = await listNominations(id);
      expect(nominations).toHaveLength(1);
      expect(await listCandidates(id)).toHaveLength(1);
      expect((await auditActions(id)).filter((a) => a === 'nomination-recorded')).toHaveLength(1);
    }
  });
});

describe('GET /v1/elections/{id}/nominations', () => {
  it('lists the nominations with their checks for organizers only', async () => {
    const id = await inNomination();
    await nominate(id, suite.organizer, selfNomination('m1'));
    await nominate(id, suite.organizer, selfNomination('sick'));
    const answer = await suite.env.api.call('GET', `/v1/elections/${id}/nominations`, {
      token: suite.organizer,
    });
    expect(answer.status).toBe(200);
    expectDeclaredAnswer('GET /v1/elections/{id}/nominations', answer.body);
    const list = answer.body as {
      nomineeId: string;
      check: { eligible: boolean };
      candidateStatus: string;
    }[];
    expect(list.map((n) => [n.nomineeId, n.check.eligible, n.candidateStatus])).toEqual([
      ['m1', true, 'nominated'],
      ['sick', false, 'nominated'],
    ]);
    const byMember = await suite.env.api.call('GET', `/v1/elections/${id}/nominations`, {
      token: await memberToken('m1'),
    });
    expect(byMember.status).toBe(403);
  });
});

describe('POST /v1/elections/{id}/eligibility', () => {
  const decide = (electionId: string, body: unknown, token = suite.organizer) =>
    suite.env.api.call('POST', `/v1/elections/${electionId}/eligibility`, { token, body });
  /** The eligibility result's notice, sent to `address`. */
  const resultMailed = (address: string) => ({
    template: 'eligibility-result',
    to: address,
    status: 'sent',
  });
  /** A decision on a secretary nominee; `more` adds the waivers and the reason. */
  const eligibility = (
    nomineeId: string,
    decision: 'accept' | 'reject',
    more: { waive?: string[]; reason?: string } = {},
  ) => ({ nomineeId, office: 'secretary', decision, ...more });

  const nominated = async (...nomineeIds: string[]) => {
    const id = await inNomination();
    for (const nomineeId of nomineeIds) {
      expect((await nominate(id, suite.organizer, selfNomination(nomineeId))).status).toBe(201);
    }
    return id;
  };

  it('accepts an eligible nominee: status eligible, audited, nominee e-mailed', async () => {
    const id = await nominated('m1');
    const answer = await decide(id, eligibility('m1', 'accept'));
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ memberId: 'm1', status: 'eligible' });
    expect((await listCandidates(id))[0]).toMatchObject({
      status: 'eligible',
      decision: { decision: 'accept', waived: [], by: 'organizer-1' },
    });
    expect((await auditEntries(id)).at(-1)).toMatchObject({
      actor: 'organizer-1',
      action: 'eligibility-decided',
      data: { nomineeId: 'm1', decision: 'accept', status: 'eligible', waived: [] },
    });
    expect(await noticesOf(id)).toContainEqual(resultMailed('m1@example.org'));
  });

  it('refuses to accept with an unwaived failure (422 naming the rule)', async () => {
    const id = await nominated('elder');
    const answer = await decide(
      id,
      eligibility('elder', 'accept', { waive: ['age'], reason: '群众公认,工作实绩突出' }),
    );
    expect(answer.status).toBe(422);
    expect(errorCode(answer.body)).toBe('education');
    expect((await listCandidates(id))[0]?.status).toBe('nominated');
  });

  it('accepts with education and age waived and a written reason, kept in the audit log', async () => {
    const id = await nominated('elder');
    const reason = '长期从事社区工作,群众公认,特别优秀';
    const answer = await decide(
      id,
      eligibility('elder', 'accept', { waive: ['education', 'age'], reason }),
    );
    expect(answer.status).toBe(200);
    expect((await listCandidates(id))[0]).toMatchObject({
      status: 'eligible',
      decision: { waived: ['education', 'age'], reason },
    });
    expect((await auditEntries(id)).at(-1)?.data).toMatchObject({
      waived: ['education', 'age'],
      reason,
    });
  });

  it('refuses a waiver without a reason (422) and a waiver of a rule that cannot be waived (422)', async () => {
    const id = await nominated('elder', 'sick');
    const noReason = await decide(
      id,
      eligibility('elder', 'accept', { waive: ['education', 'age'] }),
    );
    expect(noReason.status).toBe(422);
    expect(errorCode(noReason.body)).toBe('waiver-reason-required');
    const health = await decide(
      id,
      eligibility('sick', 'accept', { waive: ['health'], reason: '已康复' }),
    );
    expect(health.status).toBe(422);
    expect(errorCode(health.body)).toBe('not-waivable');
    expect((await auditActions(id)).filter((a) => a === 'eligibility-decided')).toEqual([]);
  });

  it('rejects a nominee and e-mails them why', async () => {
    const id = await nominated('sick');
    const answer = await decide(id, eligibility('sick', 'reject', { reason: '身体状况不能胜任' }));
    expect(answer.status).toBe(200);
    expect((await listCandidates(id))[0]).toMatchObject({
      status: 'rejected',
      statusReason: '身体状况不能胜任',
    });
    expect(await noticesOf(id)).toContainEqual(resultMailed('sick@example.org'));
  });

  it('decides each nominee once (409) and only nominees (404)', async () => {
    const id = await nominated('m1');
    const accept = eligibility('m1', 'accept');
    expect((await decide(id, accept)).status).toBe(200);
    const twice = await decide(id, { ...accept, decision: 'reject', reason: '重新考虑' });
    expect(twice.status).toBe(409);
    expect((await listCandidates(id))[0]?.status).toBe('eligible');
    const never = await decide(id, { ...accept, nomineeId: 'm2' });
    expect(never.status).toBe(404);
  });

  it('two concurrent decisions on one nominee: one 200, one 409', async () => {
    const id = await nominated('m1');
    const answers = await Promise.all([
      decide(id, eligibility('m1', 'accept')),
      decide(id, eligibility('m1', 'reject', { reason: '不合适' })),
    ]);
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
    expect((await auditActions(id)).filter((a) => a === 'eligibility-decided')).toHaveLength(1);
  });

  it('decides on every paper shown: one nomination without the photo, another with it', async () => {
    const id = await inNomination();
    const withoutPhoto = selfNomination('m1', { ...ALL_DOCUMENTS, photo: false });
    expect((await nominate(id, suite.organizer, withoutPhoto)).status).toBe(201);
    const organization = { ...selfNomination('m1'), kind: 'organization' };
    expect((await nominate(id, suite.organizer, organization)).status).toBe(201);
    const answer = await decide(id, eligibility('m1', 'accept'));
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ status: 'eligible', check: { eligible: true } });
  });

  it('runs during nomination and eligibility review only (409 later), organizers only (403)', async () => {
    const id = await suite.seedElection('eligibility-review');
    const body = eligibility('m1', 'accept');
    // Never nominated, but in the right stage: the stage passes, the nominee is unknown.
    expect((await decide(id, body)).status).toBe(404);
    const later = await suite.seedElection('preliminary-notice');
    expect((await decide(later, body)).status).toBe(409);
    expect((await decide(id, body, await memberToken('m1'))).status).toBe(403);
    expect((await decide(id, { ...body, extra: true })).status).toBe(400);
  });

  it('wakes the workflow task waiting for the decisions', async () => {
    const id = await nominated('m1');
    const token = `task-token-${id}`;
    await setAwaiting(id, {
      reason: 'eligibility-decisions',
      stage: 'eligibility-review',
      token,
      since: new Date().toISOString(),
    });
    await decide(id, eligibility('m1', 'accept'));
    expect(suite.env.releasedTokens).toContain(token);
  });
});

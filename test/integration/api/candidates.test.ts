// Proves the candidate routes: public objections during a notice only and against that notice's
// candidates only, their resolution once (upheld removes the candidate in the same commit),
// inspections of recommended secretary candidates and the organizers' choice of whom the
// superior votes on (差额考察), statements by the candidate or an organizer, and the formal
// secretary candidates' suggestion lists (差额) with waivers and the organizers' amendments.
import { describe, expect, it } from 'vitest';
import { PRESETS } from '../../../shared/rules/index.ts';
import { getElection } from '../../../shared/store/elections.ts';
import { listCandidates } from '../../../shared/store/nominations.ts';
import type { CandidateRecord, CandidateStatus } from '../../../shared/store/records.ts';
import { stageContext } from '../../../shared/workflow/context.ts';
import { STAGE_LOGIC } from '../../../shared/workflow/stages/index.ts';
import {
  auditActions,
  auditEntries,
  candidateSuite,
  errorCode,
  memberToken,
  noticesOf,
  seedCandidate,
} from './candidate-fixtures.ts';

const suite = candidateSuite();

const post = (path: string, body: unknown, token?: string) =>
  suite.env.api.call('POST', path, { token, body });

const candidate = async (electionId: string, memberId: string) =>
  (await listCandidates(electionId)).find((c) => c.memberId === memberId);

/** An election in `stage` with secretary candidates in the given statuses. */
const electionWith = async (
  stage: Parameters<typeof suite.seedElection>[0],
  statuses: Record<string, CandidateStatus>,
) => {
  const id = await suite.seedElection(stage);
  for (const [memberId, status] of Object.entries(statuses)) {
    await seedCandidate(id, { memberId, status });
  }
  return id;
};

describe('objections (异议)', () => {
  const object = (id: string, body: unknown, token?: string) =>
    post(`/v1/elections/${id}/objections`, body, token);
  const objection = (candidateId: string) => ({
    candidateId,
    office: 'secretary',
    text: '该同志长期不参加组织生活',
  });

  it('anyone files one without a token during the preliminary notice; no mail yet (the hourly digest tells the organizers)', async () => {
    const id = await electionWith('preliminary-notice', { m1: 'preliminary' });
    const answer = await object(id, objection('m1'));
    expect(answer.status).toBe(201);
    const { id: objectionId } = answer.body as { id: string };
    expect(objectionId).toMatch(/\S/);
    const entry = (await auditEntries(id)).at(-1);
    expect(entry).toMatchObject({ actor: 'public', action: 'objection-filed' });
    expect(JSON.stringify(entry?.data)).not.toContain('组织生活');
    expect(await noticesOf(id)).toEqual([]);
  });

  it('is against the formal candidates during the formal notice', async () => {
    const id = await electionWith('formal-notice', { m1: 'formal', m2: 'preliminary' });
    expect((await object(id, objection('m1'))).status).toBe(201);
    const notFormal = await object(id, objection('m2'));
    expect(notFormal.status).toBe(422);
  });

  it('is refused outside a notice stage (409), against a non-candidate (422), and changes nothing', async () => {
    const early = await electionWith('eligibility-review', { m1: 'eligible' });
    const wrongStage = await object(early, objection('m1'));
    expect(wrongStage.status).toBe(409);
    expect(errorCode(wrongStage.body)).toBe('wrong-stage');

    const id = await electionWith('preliminary-notice', { m1: 'preliminary', m2: 'removed' });
    const answers = await Promise.all([
      object(id, objection('m2')),
      object(id, objection('m3')),
      object(id, { ...objection('m1'), office: 'member' }),
    ]);
    expect(answers.map((a) => [a.status, errorCode(a.body)])).toEqual([
      [422, 'not-a-candidate'],
      [422, 'not-a-candidate'],
      [422, 'not-a-candidate'],
    ]);
    expect(await auditActions(id)).toEqual(['election-created']);
    expect(await noticesOf(id)).toEqual([]);
  });

  it('refuses unknown fields and empty text (400), an unknown election (404)', async () => {
    const id = await electionWith('preliminary-notice', { m1: 'preliminary' });
    expect((await object(id, { ...objection('m1'), name: '张三' })).status).toBe(400);
    expect((await object(id, { ...objection('m1'), text: '   ' })).status).toBe(400);
    expect((await object('nowhere', objection('m1'))).status).toBe(404);
  });

  it('organizers list them with text and status; members may not', async () => {
    const id = await electionWith('preliminary-notice', { m1: 'preliminary' });
    await object(id, objection('m1'));
    const list = await suite.env.api.call('GET', `/v1/elections/${id}/objections`, {
      token: suite.organizer,
    });
    expect(list.status).toBe(200);
    expect(list.body).toMatchObject([
      {
        candidateId: 'm1',
        status: 'open',
        text: '该同志长期不参加组织生活',
        stage: 'preliminary-notice',
      },
    ]);
    const byMember = await suite.env.api.call('GET', `/v1/elections/${id}/objections`, {
      token: await memberToken('m1'),
    });
    expect(byMember.status).toBe(403);
    expect((await suite.env.api.call('GET', `/v1/elections/${id}/objections`)).status).toBe(401);
  });

  describe('resolution', () => {
    const filed = async (statuses: Record<string, CandidateStatus> = { m1: 'preliminary' }) => {
      const id = await electionWith('preliminary-notice', statuses);
      const answer = await object(id, objection('m1'));
      return { id, objectionId: (answer.body as { id: string }).id };
    };
    const resolve = (id: string, objectionId: string, body: unknown, token = suite.organizer) =>
      post(`/v1/elections/${id}/objections/${objectionId}/resolution`, body, token);

    it('upheld removes the candidate with the reason, in the same commit', async () => {
      const { id, objectionId } = await filed();
      const answer = await resolve(id, objectionId, { decision: 'upheld', reason: '经核实属实' });
      expect(answer.status).toBe(200);
      expect(answer.body).toMatchObject({ status: 'upheld', resolution: { reason: '经核实属实' } });
      expect(await candidate(id, 'm1')).toMatchObject({
        status: 'removed',
        statusReason: '经核实属实',
      });
      expect((await auditEntries(id)).at(-1)).toMatchObject({
        action: 'objection-resolved',
        data: { decision: 'upheld', candidateStatus: 'removed' },
      });
    });

    it('dismissed keeps the candidate', async () => {
      const { id, objectionId } = await filed();
      const answer = await resolve(id, objectionId, {
        decision: 'dismissed',
        reason: '经核实不属实',
      });
      expect(answer.status).toBe(200);
      expect((await candidate(id, 'm1'))?.status).toBe('preliminary');
    });

    it('resolving twice → 409, an unknown objection → 404, a member → 403, no reason → 400', async () => {
      const { id, objectionId } = await filed();
      expect(
        (await resolve(id, objectionId, { decision: 'dismissed', reason: '不属实' })).status,
      ).toBe(200);
      const twice = await resolve(id, objectionId, { decision: 'upheld', reason: '再议' });
      expect(twice.status).toBe(409);
      expect((await candidate(id, 'm1'))?.status).toBe('preliminary');
      expect((await resolve(id, 'no-such', { decision: 'upheld', reason: '属实' })).status).toBe(
        404,
      );
      const byMember = await resolve(
        id,
        objectionId,
        { decision: 'upheld', reason: '属实' },
        await memberToken('m2'),
      );
      expect(byMember.status).toBe(403);
      expect((await resolve(id, objectionId, { decision: 'upheld' })).status).toBe(400);
    });

    it('two concurrent resolutions of one objection: one 200, one 409', async () => {
      const { id, objectionId } = await filed();
      const answers = await Promise.all([
        resolve(id, objectionId, { decision: 'upheld', reason: '属实' }),
        resolve(id, objectionId, { decision: 'dismissed', reason: '不属实' }),
      ]);
      expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
      expect((await auditActions(id)).filter((a) => a === 'objection-resolved')).toHaveLength(1);
    });
  });
});

describe('inspections (考察)', () => {
  const inspect = (id: string, body: unknown, token = suite.organizer) =>
    post(`/v1/elections/${id}/inspections`, body, token);
  const inspection = (candidateId: string) => ({
    candidateId,
    summary: '政治素质好,群众基础扎实',
    rating: 'excellent',
  });

  it('records the inspection of a recommended secretary candidate once (201, then 409)', async () => {
    const id = await electionWith('inspection', { m1: 'recommended' });
    const answer = await inspect(id, inspection('m1'));
    expect(answer.status).toBe(201);
    expect(await candidate(id, 'm1')).toMatchObject({
      status: 'recommended',
      inspection: { rating: 'excellent', by: 'organizer-1' },
    });
    expect(await auditActions(id)).toContain('inspection-recorded');
    const twice = await inspect(id, { ...inspection('m1'), rating: 'poor' });
    expect(twice.status).toBe(409);
    expect((await candidate(id, 'm1'))?.inspection?.rating).toBe('excellent');
  });

  it('only in the inspection stage (409), only recommended candidates (422), organizers only (403)', async () => {
    const early = await electionWith('recommendation', { m1: 'recommended' });
    expect((await inspect(early, inspection('m1'))).status).toBe(409);
    const id = await electionWith('inspection', { m1: 'recommended', m2: 'eliminated' });
    expect((await inspect(id, inspection('m2'))).status).toBe(422);
    expect((await inspect(id, inspection('m3'))).status).toBe(422);
    expect((await inspect(id, inspection('m1'), await memberToken('m1'))).status).toBe(403);
    expect((await inspect(id, { ...inspection('m1'), rating: 'superb' })).status).toBe(400);
    expect(await auditActions(id)).toEqual(['election-created']);
  });
});

describe('第一篇 差额考察: 确定3名人选提交街道党工委讨论 (POST …/inspections/proposal)', () => {
  const propose = (id: string, body: unknown, token = suite.organizer) =>
    post(`/v1/elections/${id}/inspections/proposal`, body, token);
  const inspection = {
    summary: '德才表现、工作实绩良好',
    rating: 'good',
    by: 'organizer-1',
    at: '2026-03-20T00:00:00.000Z',
  } satisfies CandidateRecord['inspection'];
  /** A nanjing election in inspection: m1…m4 recommended, those in `inspected` inspected. */
  const nanjingInspection = async (inspected = ['m1', 'm2', 'm3', 'm4']) => {
    const id = await suite.seedElection('inspection', { rules: PRESETS.nanjing });
    for (const memberId of ['m1', 'm2', 'm3', 'm4']) {
      await seedCandidate(id, {
        memberId,
        status: 'recommended',
        ...(inspected.includes(memberId) ? { inspection } : {}),
      });
    }
    await seedCandidate(id, { memberId: 'm5', status: 'eliminated' });
    return id;
  };
  const inspectionStage = async (id: string) => {
    const election = await getElection(id);
    if (!election) throw new Error(`election ${id} missing`);
    return stageContext(election, 'inspection');
  };

  it('第一篇: of 4 recommended and inspected the organizers submit 3; the fourth is eliminated with the reason, once', async () => {
    const id = await nanjingInspection();
    const answer = await propose(id, {
      candidateIds: ['m1', 'm3', 'm4'],
      reason: '综合推荐得票和考察情况',
    });
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({ proposed: ['m1', 'm3', 'm4'], eliminated: ['m2'] });
    expect(await candidate(id, 'm2')).toMatchObject({
      status: 'eliminated',
      statusReason: expect.stringContaining('综合推荐得票和考察情况'),
      proposal: { proposed: false, by: 'organizer-1' },
    });
    expect(await candidate(id, 'm1')).toMatchObject({
      status: 'recommended',
      proposal: { proposed: true },
    });
    expect((await auditEntries(id)).at(-1)).toMatchObject({
      action: 'inspection-proposal',
      data: { proposed: ['m1', 'm3', 'm4'], eliminated: ['m2'] },
    });
    const again = await propose(id, { candidateIds: ['m1', 'm2', 'm3'] });
    expect([again.status, errorCode(again.body)]).toEqual([409, 'already-proposed']);
  });

  it('第一篇: the inspection stage waits for the choice; the superior is then asked about the 3 only', async () => {
    const id = await nanjingInspection();
    const logic = STAGE_LOGIC.inspection;
    expect(await logic.waitingFor?.(await inspectionStage(id))).toBe('inspection-proposal');
    await propose(id, { candidateIds: ['m1', 'm2', 'm4'] });
    const ctx = await inspectionStage(id);
    expect(await logic.waitingFor?.(ctx)).toBeNull();
    const subject = await logic.approval?.subject(ctx);
    expect(subject?.candidates?.map((c) => c.memberId)).toEqual(['m1', 'm2', 'm4']);
  });

  it('第一篇 差额考察: every recommended candidate is inspected first; the stage waits for the inspections', async () => {
    const id = await nanjingInspection(['m1', 'm2', 'm3']);
    expect(await STAGE_LOGIC.inspection.waitingFor?.(await inspectionStage(id))).toBe(
      'inspections',
    );
    const early = await propose(id, { candidateIds: ['m1', 'm2', 'm3'] });
    expect([early.status, errorCode(early.body)]).toEqual([422, 'not-inspected']);
    expect((early.body as { error: { message: string } }).error.message).toContain('m4');
    expect(await auditActions(id)).toEqual(['election-created']);
  });

  it('refuses a choice of the wrong size or of someone not recommended (422), and changes nothing', async () => {
    const id = await nanjingInspection();
    const answers = await Promise.all([
      propose(id, { candidateIds: ['m1', 'm2'] }),
      propose(id, { candidateIds: ['m1', 'm2', 'm5'] }),
      propose(id, { candidateIds: ['m1', 'm2', 'm3', 'm4'] }),
    ]);
    expect(answers.map((a) => [a.status, errorCode(a.body)])).toEqual([
      [422, 'wrong-proposal-size'],
      [422, 'not-recommended'],
      [422, 'wrong-proposal-size'],
    ]);
    expect((await candidate(id, 'm4'))?.status).toBe('recommended');
    expect(await auditActions(id)).toEqual(['election-created']);
  });

  it('community: the 3 recommended all go to the superior — no choice to make (422); organizers only (403), in the stage (409), strict body (400)', async () => {
    const id = await electionWith('inspection', { m1: 'recommended', m2: 'recommended' });
    await seedCandidate(id, { memberId: 'm3', status: 'recommended', inspection });
    const needless = await propose(id, { candidateIds: ['m1', 'm2', 'm3'] });
    expect([needless.status, errorCode(needless.body)]).toEqual([422, 'proposal-not-needed']);
    const nanjing = await nanjingInspection();
    const body = { candidateIds: ['m1', 'm2', 'm3'] };
    expect((await propose(nanjing, body, await memberToken('m1'))).status).toBe(403);
    expect((await propose(nanjing, { ...body, proposed: true })).status).toBe(400);
    const early = await suite.seedElection('recommendation', {
      rules: PRESETS.nanjing,
    });
    expect((await propose(early, body)).status).toBe(409);
    expect(await auditActions(nanjing)).toEqual(['election-created']);
  });
});

describe('statements', () => {
  const state = (id: string, body: unknown, token: string) =>
    post(`/v1/elections/${id}/statements`, body, token);

  it('the candidate records a speech and an organizer a commitment: both kept on the candidate', async () => {
    const id = await electionWith('secretary-election', { m1: 'formal' });
    const speech = await state(
      id,
      { candidateId: 'm1', kind: 'speech', text: '我将全心全意服务居民' },
      await memberToken('m1'),
    );
    expect(speech.status).toBe(201);
    const commitment = await state(
      id,
      { candidateId: 'm1', kind: 'commitment', text: '三年新增就业岗位50个' },
      suite.organizer,
    );
    expect(commitment.status).toBe(201);
    expect((await candidate(id, 'm1'))?.statements).toEqual({
      speech: '我将全心全意服务居民',
      commitment: '三年新增就业岗位50个',
    });
    expect((await auditActions(id)).filter((a) => a === 'statement-recorded')).toHaveLength(2);
  });

  it('another member may not (403); only a current candidate (422)', async () => {
    const id = await electionWith('secretary-election', {
      m1: 'formal',
      m2: 'removed',
      m3: 'nominated',
    });
    const byOther = await state(
      id,
      { candidateId: 'm1', kind: 'speech', text: '代为发言' },
      await memberToken('m2'),
    );
    expect(byOther.status).toBe(403);
    for (const memberId of ['m2', 'm3', 'm4']) {
      const answer = await state(
        id,
        { candidateId: memberId, kind: 'speech', text: '发言' },
        suite.organizer,
      );
      expect(answer.status).toBe(422);
    }
    expect(await auditActions(id)).toEqual(['election-created']);
  });
});

describe('suggestion lists (委员建议名单)', () => {
  const suggest = (id: string, body: unknown, token: string) =>
    post(`/v1/elections/${id}/suggestions`, body, token);
  const amend = (id: string, candidateId: string, body: unknown, token = suite.organizer) =>
    suite.env.api.call('PUT', `/v1/elections/${id}/suggestions/${candidateId}`, { token, body });
  const inFormalNotice = () =>
    electionWith('formal-notice', { m1: 'formal', m2: 'formal', m3: 'eliminated' });

  it('the formal secretary candidate submits ≥ ceil(2 × 1.2) = 3 eligible names (201), once (409)', async () => {
    const id = await inFormalNotice();
    const answer = await suggest(
      id,
      { candidateId: 'm1', memberIds: ['m4', 'm5', 'm6'] },
      await memberToken('m1'),
    );
    expect(answer.status).toBe(201);
    expect((await candidate(id, 'm1'))?.suggestion).toMatchObject({
      memberIds: ['m4', 'm5', 'm6'],
    });
    expect(await auditActions(id)).toContain('suggestion-submitted');
    const again = await suggest(
      id,
      { candidateId: 'm1', memberIds: ['m4', 'm5', 'm7'] },
      suite.organizer,
    );
    expect(again.status).toBe(409);
  });

  it('refuses too few names, an ineligible member or the candidate himself (422, naming who)', async () => {
    const id = await inFormalNotice();
    const token = await memberToken('m1');
    const tooFew = await suggest(id, { candidateId: 'm1', memberIds: ['m4', 'm5'] }, token);
    expect([tooFew.status, errorCode(tooFew.body)]).toEqual([422, 'too-few-names']);
    const ineligible = await suggest(
      id,
      { candidateId: 'm1', memberIds: ['m4', 'm5', 'elder'] },
      token,
    );
    expect([ineligible.status, errorCode(ineligible.body)]).toEqual([422, 'not-eligible']);
    expect((ineligible.body as { error: { message: string } }).error.message).toContain('elder');
    const himself = await suggest(id, { candidateId: 'm1', memberIds: ['m1', 'm4', 'm5'] }, token);
    expect(himself.status).toBe(422);
    expect((await candidate(id, 'm1'))?.suggestion).toBeUndefined();
  });

  it('only in the formal notice (409), for a formal secretary candidate (422), by them or an organizer (403)', async () => {
    const early = await electionWith('inspection', { m1: 'formal' });
    expect(
      (await suggest(early, { candidateId: 'm1', memberIds: ['m4', 'm5', 'm6'] }, suite.organizer))
        .status,
    ).toBe(409);
    const id = await inFormalNotice();
    expect(
      (await suggest(id, { candidateId: 'm3', memberIds: ['m4', 'm5', 'm6'] }, suite.organizer))
        .status,
    ).toBe(422);
    const byOther = await suggest(
      id,
      { candidateId: 'm1', memberIds: ['m4', 'm5', 'm6'] },
      await memberToken('m2'),
    );
    expect(byOther.status).toBe(403);
    expect(await auditActions(id)).toEqual(['election-created']);
  });

  it('organizers amend a submitted list (200); none yet → 404; members may not (403)', async () => {
    const id = await inFormalNotice();
    expect((await amend(id, 'm1', { memberIds: ['m4', 'm5', 'm6'] })).status).toBe(404);
    await suggest(
      id,
      { candidateId: 'm1', memberIds: ['m4', 'm5', 'm6'] },
      await memberToken('m1'),
    );
    expect(
      (await amend(id, 'm1', { memberIds: ['m4', 'm5', 'm7'] }, await memberToken('m1'))).status,
    ).toBe(403);
    expect((await amend(id, 'm1', { memberIds: ['m4', 'm5'] })).status).toBe(422);
    const answer = await amend(id, 'm1', { memberIds: ['m4', 'm5', 'm7', 'm8'] });
    expect(answer.status).toBe(200);
    expect((await candidate(id, 'm1'))?.suggestion).toMatchObject({
      memberIds: ['m4', 'm5', 'm7', 'm8'],
      amendedBy: 'organizer-1',
    });
    expect((await auditEntries(id)).at(-1)).toMatchObject({
      action: 'suggestion-amended',
      data: { previous: ['m4', 'm5', 'm6'] },
    });
  });

  describe('第三条: 特别优秀的可适当放宽 — waivers on a suggestion list', () => {
    const waiver = {
      memberId: 'elder',
      waive: ['education', 'age'],
      reason: '长期从事社区工作,群众公认',
    };

    it('第三条: an outstanding member failing only education and age goes on the list with a written waiver, stored and audited', async () => {
      const id = await inFormalNotice();
      const answer = await suggest(
        id,
        { candidateId: 'm1', memberIds: ['m4', 'm5', 'elder'], waivers: [waiver] },
        suite.organizer,
      );
      expect(answer.status).toBe(201);
      expect((await candidate(id, 'm1'))?.suggestion).toMatchObject({
        memberIds: ['m4', 'm5', 'elder'],
        waivers: [waiver],
      });
      expect((await auditEntries(id)).at(-1)).toMatchObject({
        action: 'suggestion-submitted',
        data: { memberIds: ['m4', 'm5', 'elder'], waivers: [waiver] },
      });
    });

    it('第三条: a waiver of a condition that cannot be waived, without a reason, or for a member not on the list → 422 naming the field; nothing stored', async () => {
      const id = await inFormalNotice();
      const token = await memberToken('m1');
      const list = { candidateId: 'm1', memberIds: ['m4', 'm5', 'elder', 'sick'] };
      const cases = [
        [{ memberId: 'sick', waive: ['health'], reason: '很优秀' }, 'not-waivable', 'waive'],
        [{ memberId: 'elder', waive: ['education', 'age'] }, 'waiver-reason-required', 'reason'],
        [{ ...waiver, memberId: 'm6' }, 'waiver-not-on-list', 'memberId'],
      ] as const;
      // The first waiver is harmless (m4 meets every condition: it waives nothing).
      const harmless = { memberId: 'm4', waive: ['age'], reason: '很优秀' };
      for (const [bad, code, field] of cases) {
        const answer = await suggest(id, { ...list, waivers: [harmless, bad] }, token);
        expect([answer.status, errorCode(answer.body)]).toEqual([422, code]);
        const { details, message } = (
          answer.body as { error: { message: string; details: { path: unknown[] }[] } }
        ).error;
        expect(details[0]?.path).toEqual(['body', 'waivers', 1, field]);
        expect(message).toContain(`waivers.1.${field}`);
      }
      // A waiver of education alone leaves `elder` too old: not eligible.
      const partial = await suggest(
        id,
        {
          ...list,
          memberIds: ['m4', 'm5', 'elder'],
          waivers: [{ ...waiver, waive: ['education'] }],
        },
        token,
      );
      expect([partial.status, errorCode(partial.body)]).toEqual([422, 'not-eligible']);
      const unknown = await suggest(id, { ...list, waivers: [{ ...waiver, by: 'x' }] }, token);
      expect(unknown.status).toBe(400);
      expect((await candidate(id, 'm1'))?.suggestion).toBeUndefined();
      expect(await auditActions(id)).toEqual(['election-created']);
    });

    it('第三条: the organizers’ amendment carries its own waivers (the whole list again)', async () => {
      const id = await inFormalNotice();
      await suggest(id, { candidateId: 'm1', memberIds: ['m4', 'm5', 'm6'] }, suite.organizer);
      const without = await amend(id, 'm1', { memberIds: ['m4', 'm5', 'elder'] });
      expect([without.status, errorCode(without.body)]).toEqual([422, 'not-eligible']);
      const answer = await amend(id, 'm1', {
        memberIds: ['m4', 'm5', 'elder'],
        waivers: [waiver],
      });
      expect(answer.status).toBe(200);
      expect((await candidate(id, 'm1'))?.suggestion).toMatchObject({
        memberIds: ['m4', 'm5', 'elder'],
        waivers: [waiver],
        amendedBy: 'organizer-1',
      });
      expect((await auditEntries(id)).at(-1)).toMatchObject({
        action: 'suggestion-amended',
        data: { waivers: [waiver], previous: ['m4', 'm5', 'm6'] },
      });
    });
  });

  it('第五条 书记提名委员: a secretary elected by write-in submits the list in the committee election (201), by their own token or an organizer — nobody else, and once', async () => {
    // w (m9) was written in and elected; m1 and m2 were the formal candidates, m1 with a list.
    const id = await suite.seedElection('member-election', {
      result: { secretary: 'm9', deputies: [], members: [] },
    });
    await seedCandidate(id, { memberId: 'm1', status: 'not-elected' });
    await seedCandidate(id, { memberId: 'm2', status: 'not-elected' });
    await seedCandidate(id, { memberId: 'm9', status: 'elected' });
    const list = { candidateId: 'm9', memberIds: ['m4', 'm5', 'm6'] };

    const loser = await suggest(id, { ...list, candidateId: 'm1' }, suite.organizer);
    expect([loser.status, errorCode(loser.body)]).toEqual([422, 'not-the-elected-secretary']);
    expect((await suggest(id, list, await memberToken('m1'))).status).toBe(403);
    const tooFew = await suggest(id, { ...list, memberIds: ['m4', 'm5'] }, suite.organizer);
    expect([tooFew.status, errorCode(tooFew.body)]).toEqual([422, 'too-few-names']);
    expect(await auditActions(id)).toEqual(['election-created']);

    const answer = await suggest(id, list, await memberToken('m9'));
    expect(answer.status).toBe(201);
    expect((await candidate(id, 'm9'))?.suggestion).toMatchObject({
      memberIds: ['m4', 'm5', 'm6'],
    });
    expect((await auditEntries(id)).at(-1)).toMatchObject({
      actor: 'm9',
      action: 'suggestion-submitted',
    });
    expect((await suggest(id, list, suite.organizer)).status).toBe(409);
  });

  it('amending is refused once the formal notice is over (409)', async () => {
    const id = await electionWith('secretary-election', { m1: 'formal' });
    expect((await amend(id, 'm1', { memberIds: ['m4', 'm5', 'm6'] })).status).toBe(409);
  });
});

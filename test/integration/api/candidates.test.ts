// Proves the candidate routes: public objections during a notice only and against that notice's
// candidates only, their resolution once (upheld removes the candidate in the same commit),
// inspections of recommended secretary candidates, statements by the candidate or an organizer,
// and the formal secretary candidates' suggestion lists (差额) with the organizers' amendments.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listCandidates } from '../../../shared/store/nominations.ts';
import type { CandidateStatus } from '../../../shared/store/records.ts';
import {
  auditActions,
  auditEntries,
  errorCode,
  memberToken,
  noticesOf,
  organizerToken,
  type StandIns,
  SUPERIOR_EMAIL,
  seedCandidate,
  seedElection,
  startStandIns,
} from './candidate-fixtures.ts';

let env: StandIns;
let organizer: string;

beforeAll(async () => {
  env = await startStandIns();
  organizer = await organizerToken();
}, 60_000);
afterAll(() => env?.stop());

const post = (path: string, body: unknown, token?: string) =>
  env.api.call('POST', path, { token, body });

const candidate = async (electionId: string, memberId: string) =>
  (await listCandidates(electionId)).find((c) => c.memberId === memberId);

/** An election in `stage` with secretary candidates in the given statuses. */
const electionWith = async (
  stage: Parameters<typeof seedElection>[1],
  statuses: Record<string, CandidateStatus>,
) => {
  const id = await seedElection(env.rollId, stage);
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

  it('anyone files one without a token during the preliminary notice; the organizers are e-mailed', async () => {
    const id = await electionWith('preliminary-notice', { m1: 'preliminary' });
    const answer = await object(id, objection('m1'));
    expect(answer.status).toBe(201);
    const { id: objectionId } = answer.body as { id: string };
    expect(objectionId).toMatch(/\S/);
    const entry = (await auditEntries(id)).at(-1);
    expect(entry).toMatchObject({ actor: 'public', action: 'objection-filed' });
    expect(JSON.stringify(entry?.data)).not.toContain('组织生活');
    expect(await noticesOf(id)).toEqual([
      { template: 'objection-filed', to: SUPERIOR_EMAIL, status: 'sent' },
    ]);
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
    const list = await env.api.call('GET', `/v1/elections/${id}/objections`, { token: organizer });
    expect(list.status).toBe(200);
    expect(list.body).toMatchObject([
      {
        candidateId: 'm1',
        status: 'open',
        text: '该同志长期不参加组织生活',
        stage: 'preliminary-notice',
      },
    ]);
    const byMember = await env.api.call('GET', `/v1/elections/${id}/objections`, {
      token: await memberToken('m1'),
    });
    expect(byMember.status).toBe(403);
    expect((await env.api.call('GET', `/v1/elections/${id}/objections`)).status).toBe(401);
  });

  describe('resolution', () => {
    const filed = async (statuses: Record<string, CandidateStatus> = { m1: 'preliminary' }) => {
      const id = await electionWith('preliminary-notice', statuses);
      const answer = await object(id, objection('m1'));
      return { id, objectionId: (answer.body as { id: string }).id };
    };
    const resolve = (id: string, objectionId: string, body: unknown, token = organizer) =>
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
  const inspect = (id: string, body: unknown, token = organizer) =>
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
      organizer,
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
        organizer,
      );
      expect(answer.status).toBe(422);
    }
    expect(await auditActions(id)).toEqual(['election-created']);
  });
});

describe('suggestion lists (委员建议名单)', () => {
  const suggest = (id: string, body: unknown, token: string) =>
    post(`/v1/elections/${id}/suggestions`, body, token);
  const amend = (id: string, candidateId: string, body: unknown, token = organizer) =>
    env.api.call('PUT', `/v1/elections/${id}/suggestions/${candidateId}`, { token, body });
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
      organizer,
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
      (await suggest(early, { candidateId: 'm1', memberIds: ['m4', 'm5', 'm6'] }, organizer))
        .status,
    ).toBe(409);
    const id = await inFormalNotice();
    expect(
      (await suggest(id, { candidateId: 'm3', memberIds: ['m4', 'm5', 'm6'] }, organizer)).status,
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

  it('第五条 书记提名委员: a secretary elected by write-in submits the list in the committee election (201), by their own token or an organizer — nobody else, and once', async () => {
    // w (m9) was written in and elected; m1 and m2 were the formal candidates, m1 with a list.
    const id = await seedElection(env.rollId, 'member-election', {
      result: { secretary: 'm9', deputies: [], members: [] },
    });
    await seedCandidate(id, { memberId: 'm1', status: 'not-elected' });
    await seedCandidate(id, { memberId: 'm2', status: 'not-elected' });
    await seedCandidate(id, { memberId: 'm9', status: 'elected' });
    const list = { candidateId: 'm9', memberIds: ['m4', 'm5', 'm6'] };

    const loser = await suggest(id, { ...list, candidateId: 'm1' }, organizer);
    expect([loser.status, errorCode(loser.body)]).toEqual([422, 'not-the-elected-secretary']);
    expect((await suggest(id, list, await memberToken('m1'))).status).toBe(403);
    const tooFew = await suggest(id, { ...list, memberIds: ['m4', 'm5'] }, organizer);
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
    expect((await suggest(id, list, organizer)).status).toBe(409);
  });

  it('amending is refused once the formal notice is over (409)', async () => {
    const id = await electionWith('secretary-election', { m1: 'formal' });
    expect((await amend(id, 'm1', { memberIds: ['m4', 'm5', 'm6'] })).status).toBe(409);
  });
});

// Proves the public objection route's limits and the organizers' digest: one address files at
// most 10 objections an hour to an election, the election takes at most 60 an hour, and over
// either the answer is 429 with Retry-After and a Chinese/English message, with nothing stored
// (no objection, no audit entry, no count); the next hour is open again. The organizers get one
// digest per election hour, after it ends, listing each objection; sweeping again sends nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendObjectionDigests } from '../../../shared/election/candidates/objection-digests.ts';
import { fileObjection } from '../../../shared/election/candidates/objections.ts';
import { DomainError } from '../../../shared/errors.ts';
import { OBJECTION_LIMITS } from '../../../shared/rules/index.ts';
import { getElection } from '../../../shared/store/elections.ts';
import { listNotices } from '../../../shared/store/outbox.ts';
import type { ElectionRecord } from '../../../shared/store/records.ts';
import { scanTable } from '../../support/inspect.ts';
import {
  auditActions,
  errorCode,
  noticesOf,
  type StandIns,
  SUPERIOR_EMAIL,
  seedCandidate,
  seedElection,
  startStandIns,
} from './candidate-fixtures.ts';

let env: StandIns;

beforeAll(async () => {
  env = await startStandIns();
}, 60_000);
afterAll(() => env?.stop());

const HOUR = 3_600_000;
const objection = (candidateId = 'm1', text = '该同志长期不参加组织生活') => ({
  candidateId,
  office: 'secretary' as const,
  text,
});

/** An election in its preliminary notice with m1 and m2 published. */
const noticeElection = async (): Promise<ElectionRecord> => {
  const id = await seedElection(env.rollId, 'preliminary-notice');
  await seedCandidate(id, { memberId: 'm1', status: 'preliminary' });
  await seedCandidate(id, { memberId: 'm2', status: 'preliminary' });
  return (await getElection(id)) as ElectionRecord;
};

/** Every item of the election's partition, as JSON: "nothing stored" compares these. */
const partition = async (electionId: string) =>
  (await scanTable())
    .filter((item) => item.pk === `ELECTION#${electionId}`)
    .map((item) => JSON.stringify(item))
    .sort();

const refusal = async (filing: Promise<unknown>): Promise<DomainError> => {
  const error = await filing.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DomainError);
  return error as DomainError;
};

// Dozens of transactions each: slow on a busy machine.
describe('objection rate limits', { timeout: 120_000 }, () => {
  it('refuses the 11th objection an hour from one address over HTTP: 429, Retry-After, nothing stored', async () => {
    // Not across an hour's end: the window would reset in the middle of the test.
    const left = HOUR - (Date.now() % HOUR);
    if (left < 15_000) await new Promise((resolve) => setTimeout(resolve, left + 100));
    const election = await noticeElection();
    const path = `/v1/elections/${election.id}/objections`;
    for (let i = 0; i < OBJECTION_LIMITS.perSource; i++) {
      expect((await env.api.call('POST', path, { body: objection() })).status).toBe(201);
    }
    const before = await partition(election.id);

    const over = await env.api.call('POST', path, { body: objection('m2') });
    expect(over.status).toBe(429);
    expect(errorCode(over.body)).toBe('too-many-objections');
    const retryAfter = Number(over.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(3600);
    const message = (over.body as { error: { message: string } }).error.message;
    expect(message).toContain('同一来源每小时对本次选举最多提交 10 件异议');
    expect(message).toContain('Too many objections');

    // The board's form gets a page with the same status and Retry-After.
    const form = await env.api.call('POST', path, {
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(objection('m2')).toString(),
    });
    expect(form.status).toBe(429);
    expect(form.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(form.text).toContain('提交过于频繁');

    expect(await partition(election.id)).toEqual(before);
    expect((await auditActions(election.id)).filter((a) => a === 'objection-filed')).toHaveLength(
      OBJECTION_LIMITS.perSource,
    );
  });

  it('takes at most 60 an hour per election from all addresses, then again the next hour', async () => {
    const election = await noticeElection();
    const hour = Math.floor(Date.parse('2026-03-29T02:00:00Z') / HOUR) * HOUR;
    const at = (ms: number) => new Date(hour + ms);
    for (let i = 0; i < OBJECTION_LIMITS.perElection; i++) {
      await fileObjection(election, objection(), `10.0.${i >> 3}.${i}`, at(i * 1000));
    }
    const before = await partition(election.id);
    const error = await refusal(
      fileObjection(election, objection(), '10.9.9.9', at(HOUR - 90_000)),
    );
    expect(error.kind).toBe('too-many-requests');
    expect(error.message).toContain('本次选举每小时最多受理 60 件异议');
    expect(error.details).toEqual([{ retryAfterSeconds: 90 }]);
    expect(await partition(election.id)).toEqual(before);

    // The next hour, the same address is welcome again.
    await expect(fileObjection(election, objection(), '10.9.9.9', at(HOUR))).resolves.toMatchObject(
      { id: expect.any(String) },
    );
  });

  it('counts an address per election: its cap on one election leaves another open', async () => {
    const [a, b] = [await noticeElection(), await noticeElection()];
    const at = new Date(Date.parse('2026-03-29T05:00:00Z'));
    for (let i = 0; i < OBJECTION_LIMITS.perSource; i++) {
      await fileObjection(a, objection(), '192.0.2.7', at);
    }
    expect((await refusal(fileObjection(a, objection(), '192.0.2.7', at))).code).toBe(
      'too-many-objections',
    );
    await expect(fileObjection(b, objection(), '192.0.2.7', at)).resolves.toBeDefined();
    // Another address on the same election is not held back by the first one's cap.
    await expect(fileObjection(a, objection(), '192.0.2.8', at)).resolves.toBeDefined();
  });

  it('never stores the address itself', async () => {
    const election = await noticeElection();
    await fileObjection(election, objection(), '203.0.113.99', new Date());
    expect(JSON.stringify(await scanTable())).not.toContain('203.0.113.99');
  });
});

describe('the organizers’ objection digest', { timeout: 60_000 }, () => {
  it('mails one digest per election hour after it ends, listing each objection; a second sweep sends nothing', async () => {
    const election = await noticeElection();
    const hour = Date.parse('2030-03-30T08:00:00Z');
    await sendObjectionDigests(new Date(hour)); // the earlier tests' hours: not this test's
    const filings: [string, string, number][] = [
      ['m1', '学历证明与档案不一致', 15],
      ['m2', '长期不参加组织生活', 40],
      ['m1', '同上', 50],
      ['m2', '下一小时', 61], // the next hour's objection has a digest of its own
    ];
    for (const [i, [candidateId, text, minute]] of filings.entries()) {
      const at = new Date(hour + minute * 60_000);
      await fileObjection(election, objection(candidateId, text), `198.51.100.${i}`, at);
    }
    expect(await noticesOf(election.id)).toEqual([]);

    // Not before the hour has ended and its grace minute passed.
    expect(await sendObjectionDigests(new Date(hour + HOUR + 30_000))).toEqual({
      digests: 0,
      objections: 0,
    });
    const report = await sendObjectionDigests(new Date(hour + HOUR + 61_000));
    expect(report).toEqual({ digests: 1, objections: 3 });
    const [digest, ...others] = await listNotices(election.id);
    expect(others).toEqual([]);
    expect(digest).toMatchObject({
      template: 'objection-digest',
      to: SUPERIOR_EMAIL,
      status: 'sent',
      key: `objection-digest#${election.id}#2030-03-30T08:00:00.000Z#${SUPERIOR_EMAIL}`,
    });
    expect(digest?.subject).toContain('收到异议3件');
    for (const text of ['学历证明与档案不一致', '长期不参加组织生活', '同上', '2件', '1件']) {
      expect(digest?.text).toContain(text);
    }
    expect(digest?.text).not.toContain('下一小时');

    // Swept again (or by a second sweeper): nothing new is recorded or sent.
    expect(await sendObjectionDigests(new Date(hour + HOUR + 120_000))).toEqual({
      digests: 0,
      objections: 0,
    });
    // The second hour's digest comes after that hour.
    expect(await sendObjectionDigests(new Date(hour + 2 * HOUR + 61_000))).toEqual({
      digests: 1,
      objections: 1,
    });
    expect((await listNotices(election.id)).map((n) => n.template)).toEqual([
      'objection-digest',
      'objection-digest',
    ]);
  });

  it('records a digest once even when its mark outlives a crash after recording', async () => {
    const election = await noticeElection();
    const hour = Date.parse('2031-03-31T01:00:00Z');
    await fileObjection(election, objection(), '198.51.100.9', new Date(hour + 1000));
    const sweepAt = new Date(hour + HOUR + 61_000);
    await sendObjectionDigests(sweepAt);
    // Put the mark back as if the sweep died before deleting it: the next sweep records nothing.
    await fileObjection(election, objection(), '198.51.100.9', new Date(hour + 2000));
    await sendObjectionDigests(sweepAt);
    expect(await listNotices(election.id)).toHaveLength(1);
  });
});

// Proves that the local stack (`npm start`, a process of its own) killed with SIGKILL at 13 or
// more points of a whole community election — as each stage arrives (its entry actions and
// e-mails under way), after ballots are entered, after a round is closed, after an approval — and
// started again on the same data, finishes the election with the result the scenario's votes
// give, nothing lost (every round tallied from all its ballots, every notice sent) and nothing
// duplicated (one tally a round, one audit chain that verifies). Mail is at least once: a mail
// SES accepted in the instant before a kill, not yet marked sent, goes again — and only such.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ChildStack, freePort, startChildStack } from '../../scripts/scenario/child-stack.ts';
import { type Api, apiAt, localToken } from '../../scripts/scenario/client.ts';
import { runCommunityElection, type ScenarioResult } from '../../scripts/scenario/community.ts';
import { type AuditEntry, verifyChain } from '../../shared/store/audit-chain.ts';
import { MAX_UNRECORDED_SENDS } from '../../shared/store/outbox.ts';
import { shortDays } from '../bench/support/scenario.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const SECRET = 'zx-reliability-crash-secret-0123';
const DAY_MS = 3000;
const ORG = 'reliability-crashes';

interface Kill {
  at: string;
  seconds: number;
}

let stack: ChildStack;
let port: number;
let dataDir: string;
let run: ScenarioResult;
const kills: Kill[] = [];

const start = () =>
  startChildStack({
    cwd: ROOT,
    dataDir,
    port,
    dayMs: DAY_MS,
    secret: SECRET,
    readyTimeoutMs: 120_000,
    // The outbox sweeper every 2 s, not every minute: what a kill left unsent goes out soon.
    scheduleMs: 2000,
  });

const crashAndRestart = async (at: string) => {
  const begun = performance.now();
  await stack.crash();
  stack = await start();
  kills.push({ at, seconds: Number(((performance.now() - begun) / 1000).toFixed(1)) });
};

/**
 * The people's client, with the crashes: the stack is killed as each stage is first seen, and
 * after the first ballots, close and approval requests answer — never while one of the people's
 * requests is in flight (the scenario makes one at a time), only under the workflow's feet.
 */
const crashing = (api: Api): Api => {
  const seen = new Set<string>();
  const after = new Set<string>();
  return {
    ...api,
    async call<T>(method: string, path: string, token?: string, body?: unknown): Promise<T> {
      const answer = await api.call<T>(method, path, token, body);
      const stage = (answer as { stage?: string } | undefined)?.stage;
      if (method === 'GET' && /^\/v1\/elections\/[^/]+$/.test(path) && stage && !seen.has(stage)) {
        seen.add(stage);
        await crashAndRestart(`stage ${stage} arrived`);
      }
      const step =
        /\/(ballots|close)$/.exec(path)?.[1] ??
        (path.startsWith('/approve/') ? 'approval' : undefined);
      if (method === 'POST' && step && !after.has(step)) {
        after.add(step);
        await crashAndRestart(`after ${step}`);
      }
      return answer;
    },
  };
};

beforeAll(async () => {
  port = await freePort();
  dataDir = mkdtempSync(join(tmpdir(), 'zx-crashes-'));
  stack = await start();
  run = await runCommunityElection({
    api: crashing(shortDays(apiAt(`http://127.0.0.1:${port}`), DAY_MS)),
    secret: SECRET,
    orgId: ORG,
    dayLengthMs: DAY_MS,
    brisk: true,
    stageTimeoutMs: 120_000,
  });
  // The last stage's e-mails may have been under way at the last kill.
  await crashAndRestart('after completion');
}, 900_000);

afterAll(async () => {
  console.info(`crashes: ${JSON.stringify(kills)}`);
  await stack?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

const organizer = () => localToken({ sub: 'auditor', roles: ['organizer'], orgs: [ORG] }, SECRET);
const api = () => apiAt(`http://127.0.0.1:${port}`);

describe('an election whose local stack is killed with SIGKILL and restarted', () => {
  it('was killed at 13 points or more', () => {
    expect(kills.length).toBeGreaterThanOrEqual(13);
  });

  it('completes with the result its votes give: the first formal candidate, and the first two of their list', async () => {
    const [first] = run.run.nominees;
    const list = run.run.suggestions[first?.id ?? ''] ?? [];
    const view = await api().call<{ stage: string; result: unknown }>(
      'GET',
      `/v1/elections/${run.electionId}`,
      await organizer(),
    );
    expect(view.stage).toBe('completed');
    expect(view.result).toEqual({ secretary: first?.id, deputies: [], members: list.slice(0, 2) });
  });

  it('tallied every round from all its ballots, once', async () => {
    const token = await organizer();
    const view = await api().call<{ rounds: { id: string; status: string }[] }>(
      'GET',
      `/v1/elections/${run.electionId}`,
      token,
    );
    expect(view.rounds.map((r) => r.status)).toEqual(['closed', 'closed', 'closed']);
    for (const { id } of view.rounds) {
      const round = await api().call<{ tally: { returned: number; issued: number } }>(
        'GET',
        `/v1/elections/${run.electionId}/rounds/${id}`,
        token,
      );
      expect(round.tally.returned, id).toBe(round.tally.issued);
    }
    const audit = await api().call<AuditEntry[]>(
      'GET',
      `/v1/elections/${run.electionId}/audit`,
      token,
    );
    const closes = audit
      .filter((e) => e.action === 'round-closed')
      .map((e) => (e.data as { roundId: string }).roundId);
    expect(closes.sort()).toEqual(view.rounds.map((r) => r.id).sort());
  });

  it('keeps one audit chain that verifies', async () => {
    const audit = await api().call<AuditEntry[]>(
      'GET',
      `/v1/elections/${run.electionId}/audit`,
      await organizer(),
    );
    expect(verifyChain(audit)).toEqual({ ok: true, length: audit.length });
    expect(audit.filter((e) => e.action === 'election-created')).toHaveLength(1);
  });

  it('sent every notice; a second mail only where a kill cut a send off', async () => {
    type NoticeView = {
      to: string;
      template: string;
      subject: string;
      status: string;
      messageId: string | null;
    };
    const token = await organizer();
    const read = () =>
      api().call<NoticeView[]>('GET', `/v1/elections/${run.electionId}/notices`, token);
    // The outbox sweeper sends what the kills left unsent: wait until the outbox is quiet (or
    // 90 s, past the 60-s lease of a notice claimed when the stack was killed).
    let notices = await read();
    for (let i = 0; i < 45 && notices.some((n) => n.status !== 'sent'); i++) {
      await new Promise((resolve) => setTimeout(resolve, 2000));
      notices = await read();
    }
    const mail = await api().call<{ messageId: string; to: string[]; subject: string }[]>(
      'GET',
      '/local/mail',
    );
    expect(notices.length).toBeGreaterThan(100);
    // Nothing lost: every notice sent, its mail in the store.
    expect(
      notices.filter((n) => n.status !== 'sent').map((n) => `${n.template} → ${n.to}: ${n.status}`),
    ).toEqual([]);
    const delivered = new Set(mail.map((m) => m.messageId));
    expect(notices.filter((n) => !delivered.has(n.messageId ?? '')).map((n) => n.to)).toEqual([]);
    // SES takes no idempotency key: a mail it accepted just before a kill, not yet marked sent,
    // goes again after its lease. Any other mail is a repeat of a recorded notice, and there are
    // at most as many as sends were in flight at the kills.
    const recorded = new Set(notices.map((n) => n.messageId));
    const repeats = mail.filter((m) => !recorded.has(m.messageId));
    const noticeOf = new Set(notices.map((n) => `${n.to} ${n.subject}`));
    expect(repeats.map((m) => `${m.to[0]} ${m.subject}`).filter((k) => !noticeOf.has(k))).toEqual(
      [],
    );
    expect(repeats.length).toBeLessThanOrEqual(kills.length * MAX_UNRECORDED_SENDS);
    expect(mail.length).toBe(notices.length + repeats.length);
    console.info(`crashes: ${repeats.length} of ${mail.length} mails were repeats after a kill`);
  }, 120_000);
});

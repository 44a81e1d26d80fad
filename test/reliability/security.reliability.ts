// Proves, on a whole community election run through the local stack with markup planted in every
// text a person types (organization and member names, statements, objections, comments): no
// ballot item holds a voter identity; approval ids are single-use and expire; forged, expired and
// wrong-role tokens are refused on every protected route, changing nothing; the board, the
// approval pages and the e-mails escape the markup; the audit chain detects a tampered entry.
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiGroups } from '../../functions/api/index.ts';
import type { Api } from '../../scripts/scenario/client.ts';
import { runCommunityElection, type ScenarioResult } from '../../scripts/scenario/community.ts';
import type { AnyEndpoint } from '../../shared/http/endpoint.ts';
import { type AuditEntry, verifyChain } from '../../shared/store/audit-chain.ts';
import { documentClient } from '../../shared/store/client.ts';
import { keys } from '../../shared/store/keys.ts';
import { tableName } from '../../shared/store/table.ts';
import { readAudit } from '../../shared/store/transact.ts';
import { shortDays } from '../bench/support/scenario.ts';
import {
  BENCH_SECRET,
  type BenchStack,
  startBenchStack,
  workflowsEnded,
} from '../bench/support/stack.ts';
import { seedApproval } from '../integration/api/approval-fixtures.ts';
import { scanTable } from '../support/inspect.ts';

// Days long enough for an approval link to outlive the page load (7 days); the organizers close
// each notice window once its work is done (brisk), so the calendar does not set the pace.
const DAY_MS = 2000;
const SCRIPT = '<script>alert("zx")</script>';
const IMG = '<img src=x onerror=alert(1)>';
/** What must never reach a page or an e-mail unescaped. */
const RAW_MARKUP = /<script>alert|<img src=x onerror/;

/** The people type markup wherever they type text. */
const hostile = (api: Api): Api => ({
  ...api,
  call(method, path, token, body) {
    const b = body as Record<string, unknown> | undefined;
    if (method === 'POST' && path === '/v1/organizations' && b) {
      return api.call(method, path, token, { ...b, name: `${b.name}${IMG}` });
    }
    if (method === 'PUT' && path.endsWith('/roll') && b) {
      const members = (b.members as { name: string }[]).map((m, i) =>
        i % 2 === 0 ? { ...m, name: `${SCRIPT}${m.name}` } : { ...m, name: `${m.name}${IMG}` },
      );
      return api.call(method, path, token, { ...b, members });
    }
    if (method === 'POST' && /\/(statements|objections)$/.test(path) && b) {
      return api.call(method, path, token, { ...b, text: `${b.text}${SCRIPT}` });
    }
    if (method === 'POST' && path.startsWith('/approve/') && b) {
      return api.call(method, path, token, { ...b, comment: `${b.comment ?? ''}${SCRIPT}` });
    }
    return api.call(method, path, token, body);
  },
});

const scanAll = scanTable;

const snapshot = async () => (await scanAll()).map((item) => JSON.stringify(item)).sort();

let bench: BenchStack;
let run: ScenarioResult;

beforeAll(async () => {
  bench = await startBenchStack({ dayLengthMs: DAY_MS });
  run = await runCommunityElection({
    api: hostile(shortDays(bench.api, DAY_MS)),
    secret: BENCH_SECRET,
    orgId: 'reliability-security',
    dayLengthMs: DAY_MS,
    brisk: true,
  });
  // The workflow sends the final results after `completed` shows: wait for its end.
  await workflowsEnded(bench.stack);
}, 300_000);

afterAll(async () => {
  await bench?.stop();
});

describe('ballot secrecy', () => {
  it('no ballot item in the table holds who cast it: only serial, content and validity', async () => {
    const items = await scanAll();
    const ballots = items.filter((item) => String(item.pk).startsWith('BALLOTS#'));
    expect(ballots.length).toBeGreaterThan(200);
    // Whoever acted in the election and is not on the roll (tellers, organizers, scrutineers):
    // members may be named on a ballot, as the candidates it marks.
    const members = new Set(run.roll.map((m) => m.id));
    const actors = new Set(
      (await readAudit(`ELECTION#${run.electionId}`))
        .map((entry) => entry.actor)
        .filter((actor) => !members.has(actor)),
    );
    expect(actors.size).toBeGreaterThan(0);
    for (const ballot of ballots) {
      if (String(ballot.sk).startsWith('VOTED#')) {
        // An electronic voter's marker: the voter, never the ballot.
        expect(Object.keys(ballot).sort()).not.toContain('serial');
        continue;
      }
      expect(
        Object.keys(ballot).filter(
          (k) => !['pk', 'sk', 'serial', 'content', 'valid', 'reason'].includes(k),
        ),
      ).toEqual([]);
      const content = ballot.content as Record<string, unknown>;
      expect(
        Object.keys(content).filter(
          (k) => !['constituency', 'choices', 'marks', 'writeIns', 'ratings'].includes(k),
        ),
      ).toEqual([]);
      // Nobody who entered or closed anything is named on a ballot.
      const text = JSON.stringify(ballot);
      for (const actor of actors) expect(text.includes(`"${actor}"`), actor).toBe(false);
    }
  });
});

describe('approval links', () => {
  const approvals = async () =>
    (await scanAll()).filter(
      (item) => String(item.pk).startsWith('APPROVAL#') && item.sk === 'APPROVAL',
    ) as {
      id: string;
      status: string;
    }[];

  it('every approval of the election is decided or expired: its page shows no form, a second decision is refused with 409 and changes nothing', async () => {
    const all = await approvals();
    expect(all.length).toBeGreaterThanOrEqual(3);
    expect(all.filter((a) => a.status === 'approved').length).toBe(3);
    const before = await snapshot();
    for (const approval of all) {
      expect(['approved', 'expired', 'rejected'], approval.id).toContain(approval.status);
      const page = await fetch(`${bench.url}/approve/${approval.id}`);
      expect(page.status).toBe(200);
      expect(await page.text()).not.toContain('<form');
      const again = await fetch(`${bench.url}/approve/${approval.id}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ decision: 'reject', comment: '再次提交' }),
      });
      expect(again.status, `${approval.id} (${approval.status})`).toBe(409);
    }
    expect(await snapshot()).toEqual(before);
  });

  it('an approval id past its expiry is refused (409) and shows no form, even before the workflow marks it expired', async () => {
    const approval = await seedApproval(
      { id: run.electionId },
      {
        kind: 'secretary',
        stage: 'secretary-approval',
        ref: 'expiry-check', // its own slot: the election's real secretary approval has one
        expiresAt: new Date(Date.now() - 60_000).toISOString(),
      },
    );
    const page = await fetch(`${bench.url}/approve/${approval.id}`);
    expect(await page.text()).not.toContain('<form');
    const decided = await fetch(`${bench.url}/approve/${approval.id}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ decision: 'approve', comment: '过期后批准' }),
    });
    expect(decided.status).toBe(409);
  });

  it('an approval id that never existed is a 404 page', async () => {
    const page = await fetch(`${bench.url}/approve/${'A'.repeat(43)}`);
    expect(page.status).toBe(404);
  });
});

describe('tokens', () => {
  const protectedEndpoints = Object.values(apiGroups)
    .flatMap((group) => group.endpoints as readonly AnyEndpoint[])
    .filter((endpoint) => endpoint.auth !== 'public');
  const pathOf = (endpoint: AnyEndpoint) =>
    endpoint.path
      .replace('{id}', run.electionId)
      .replace('{orgId}', run.orgId)
      .replace(/\{roundId\}/, 'secretary-election-1')
      .replace(/\{\w+\}/g, 'x');
  const sign = (
    claims: Record<string, unknown>,
    secret = BENCH_SECRET,
    expires: string | number = '1h',
  ) => {
    const jwt = new SignJWT(claims)
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('intruder')
      .setIssuedAt();
    if (expires !== 0) jwt.setExpirationTime(expires);
    return jwt.sign(new TextEncoder().encode(secret));
  };
  const unsigned = (claims: Record<string, unknown>) => {
    const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const exp = Math.floor(Date.now() / 1000) + 3600;
    return `${part({ alg: 'none', typ: 'JWT' })}.${part({ sub: 'intruder', exp, ...claims })}.`;
  };
  const call = (endpoint: AnyEndpoint, token?: string) =>
    fetch(`${bench.url}${pathOf(endpoint)}`, {
      method: endpoint.method,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(endpoint.method === 'GET' ? {} : { 'content-type': 'application/json' }),
      },
      ...(endpoint.method === 'GET' ? {} : { body: '{}' }),
    });

  it(`are refused on every protected route (${protectedEndpoints.length}): none, forged, alg none, expired, without exp → 401; no role or a wrong role → 403; nothing changes`, async () => {
    const before = await snapshot();
    const all = { roles: ['organizer', 'teller', 'scrutineer', 'approver', 'member'], orgs: ['*'] };
    const refusals: string[] = [];
    const expect401 = [
      ['none', undefined],
      ['forged', await sign(all, 'not-the-secret-0123456789abcdef')],
      ['alg none', unsigned(all)],
      ['expired', await sign(all, BENCH_SECRET, Math.floor(Date.now() / 1000) - 300)],
      ['without exp', await sign(all, BENCH_SECRET, 0)],
      ['garbage', 'not.a.jwt'],
    ] as const;
    for (const endpoint of protectedEndpoints) {
      const route = `${endpoint.method} ${endpoint.path}`;
      for (const [what, token] of expect401) {
        const answer = await call(endpoint, token);
        if (answer.status !== 401) refusals.push(`${route} ${what}: ${answer.status}`);
      }
      const roles = endpoint.auth as readonly string[];
      const noRole = await call(endpoint, await sign({ roles: [], orgs: ['*'] }));
      if (noRole.status !== 403) refusals.push(`${route} roles []: ${noRole.status}`);
      const wrong = all.roles.filter((role) => !roles.includes(role));
      if (wrong.length > 0) {
        const answer = await call(endpoint, await sign({ roles: wrong, orgs: ['*'] }));
        if (answer.status !== 403) refusals.push(`${route} roles ${wrong}: ${answer.status}`);
      }
      if (endpoint.method === 'GET' && endpoint.path.startsWith('/v1/elections/{id}')) {
        const answer = await call(endpoint, await sign({ roles, orgs: ['another-org'] }));
        if (answer.status !== 403) refusals.push(`${route} another org: ${answer.status}`);
      }
    }
    expect(refusals).toEqual([]);
    expect(await snapshot()).toEqual(before);
  }, 120_000);
});

describe('markup typed by people', () => {
  it('is escaped on the public board (HTML), which still shows the names', async () => {
    const html = await (await fetch(`${bench.url}/public/elections/${run.electionId}`)).text();
    expect(html).not.toMatch(RAW_MARKUP);
    expect(html).toContain('&lt;script&gt;');
  });

  it('is escaped on every approval page', async () => {
    const ids = (await scanAll())
      .filter((i) => String(i.pk).startsWith('APPROVAL#'))
      .map((i) => String(i.id));
    for (const id of ids) {
      const html = await (await fetch(`${bench.url}/approve/${id}`)).text();
      expect(html, id).not.toMatch(RAW_MARKUP);
    }
  });

  it('is escaped in the HTML of every e-mail sent', async () => {
    const mail = (await bench.stack?.ses.listMail()) ?? [];
    expect(mail.length).toBeGreaterThan(100);
    const raw = mail.filter((m) => RAW_MARKUP.test(m.html ?? '')).map((m) => m.subject);
    expect(raw).toEqual([]);
  });
});

describe('the audit chain', () => {
  const scope = () => `ELECTION#${run.electionId}`;
  const verifyStored = async () => verifyChain(await readAudit(scope()));

  it('verifies as stored after the whole election', async () => {
    const check = await verifyStored();
    expect(check).toEqual({ ok: true, length: expect.any(Number) });
    expect((check as { length: number }).length).toBeGreaterThan(20);
  });

  /** A forger with table access: one attribute of a stored item overwritten, nothing else. */
  const overwrite = (key: Record<string, string>, field: string, value: unknown) =>
    documentClient().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: key,
        UpdateExpression: 'SET #field = :value',
        ExpressionAttributeNames: { '#field': field },
        ExpressionAttributeValues: { ':value': value },
      }),
    );

  it('detects an entry whose data was changed in the table, and one re-sealed to hide it', async () => {
    const entries = await readAudit(scope());
    const target = entries.find((e) => e.action === 'round-closed') as AuditEntry;
    const key = keys.auditEntry(scope(), target.seq);
    const tampered = { ...(target.data as Record<string, unknown>), forged: true };
    await overwrite(key, 'data', tampered);
    expect(await verifyStored()).toEqual({
      ok: false,
      seq: target.seq,
      reason: expect.stringMatching(/hash/),
    });

    // Re-sealed (the forger recomputes the entry's hash): the next entry no longer follows.
    const { hashEntry } = await import('../../shared/store/audit-chain.ts');
    const resealed = hashEntry({ ...target, data: tampered });
    await overwrite(key, 'hash', resealed);
    expect(await verifyStored()).toEqual({
      ok: false,
      seq: target.seq + 1,
      reason: expect.stringMatching(/prevHash/),
    });
  });
});

// Proves that the virtual clock survives a crash: a community election on real days (a day of
// 86 400 000 ms) on `npm start` with ZX_CLOCK=virtual is advanced 3 days into its announcement,
// the stack is killed with `kill -9` and started again on the same data directory; the clock
// resumes at the instant it had reached, the workflow parked on it resumes, and the next advance
// brings the nomination stage at the announcement's deadline — not before, and not stalled.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import {
  type ChildStack,
  freePort,
  startChildStack,
} from '../../../scripts/scenario/child-stack.ts';
import { apiAt } from '../../../scripts/scenario/client.ts';
import { startElection } from '../../../scripts/scenario/session.ts';
import { advanceUntil, clockOf, signingAfresh } from '../../support/clock.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'zx-clock-restart-'));
let child: ChildStack | undefined;
const SECRET = 'zx-clock-restart-secret-0123456789';
const DAY_MS = 86_400_000;

afterAll(async () => {
  await child?.stop();
  rmSync(dataDir, { recursive: true, force: true });
}, 30_000);

it('resumes the clock and the parked workflow after kill -9 between two advances', async () => {
  const port = await freePort();
  const start = async () => {
    child = await startChildStack({
      cwd: resolve(import.meta.dirname, '../../..'),
      dataDir,
      port,
      dayMs: DAY_MS,
      secret: SECRET,
      env: { ZX_CLOCK: 'virtual' },
    });
  };
  await start();
  const raw = apiAt(`http://127.0.0.1:${port}`);
  // This process's clock is real and the stack's runs ahead: the stack signs the tokens
  // (POST /local/token, the console's local sign-in), on its own clock.
  const api = signingAfresh(raw, async (claims) => {
    const { token } = await raw.call<{ token: string }>('POST', '/local/token', undefined, claims);
    return token;
  });
  const clock = clockOf(raw);
  const session = await startElection({ api, secret: SECRET, dayLengthMs: DAY_MS, rollSize: 30 });
  const { calendar } = await session.view();
  const announcementEnds = Date.parse(calendar.announcement?.until ?? '');

  const first = (await clock.settle()) + 3 * DAY_MS;
  await clock.advance(first);
  expect((await session.view()).stage).toBe('announcement');

  await child?.crash();
  await start();
  expect(await raw.call('GET', '/local/clock')).toMatchObject({
    mode: 'virtual',
    now: new Date(first).toISOString(),
  });

  const reached = await advanceUntil(clock, session.view, 'nomination', (view) => {
    return view.stage === 'nomination';
  });
  const now = await clock.settle();
  expect(reached.stage).toBe('nomination');
  // The workflow looks at a deadline at least hourly (1/24 of a day).
  expect(now).toBeGreaterThanOrEqual(announcementEnds);
  expect(now).toBeLessThanOrEqual(announcementEnds + DAY_MS / 24);
}, 240_000);

// Proves that on the virtual clock (ZX_CLOCK=virtual) a whole `community` election on real days
// (a day of 86 400 000 ms, no short days) runs its calendar in seconds: its people act through
// the HTTP API (the scenario drivers of scripts/scenario/), and between their actions the test
// only moves the clock with POST /local/clock — to the current stage's deadline, or to the next
// timer — until the stage they act in arrives; the election completes with its seats filled.
import { afterAll, beforeAll, expect, it, onTestFailed } from 'vitest';
import { localToken } from '../../../scripts/scenario/client.ts';
import {
  COMMUNITY_PHASES,
  PHASES,
  startCommunityElection,
} from '../../../scripts/scenario/community.ts';
import { startInProcess } from '../../../scripts/scenario/in-process.ts';
import { advanceUntil, clockOf, signingAfresh } from '../../support/clock.ts';

const SECRET = 'zx-clock-election-secret-0123456789';
const DAY_MS = 86_400_000;

let stack: Awaited<ReturnType<typeof startInProcess>>;

beforeAll(async () => {
  stack = await startInProcess(SECRET, { clock: 'virtual' });
}, 60_000);

afterAll(async () => {
  await stack?.stop();
});

const withinRealMs = <T>(ms: number, what: string, work: Promise<T>): Promise<T> => {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: still waiting after ${ms} ms`)), ms);
  });
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
};

it('runs a community election on real days through its calendar in seconds', async () => {
  const log: string[] = [];
  onTestFailed(() => console.log(log.join('\n')));
  const clock = clockOf(stack.api);
  const started = performance.now();
  const run = await startCommunityElection({
    // This process's Date is the stack's: its tokens are signed on the stack's clock.
    api: signingAfresh(stack.api, (claims) => localToken(claims, SECRET)),
    secret: SECRET,
    dayLengthMs: DAY_MS,
    log: (line) => log.push(line),
  });
  const { session } = run;
  const startedAt = Date.now();
  for (const phase of PHASES) {
    await advanceUntil(clock, session.view, phase, (view) => view.stage === phase);
    // The drivers' own waits time out by Date, which stands still here: a real-time bound.
    await withinRealMs(60_000, phase, COMMUNITY_PHASES[phase](run));
  }
  const final = await advanceUntil(
    clock,
    session.view,
    'completed',
    (view) => view.stage === 'completed',
  );
  const realSeconds = (performance.now() - started) / 1000;
  const virtualDays = (Date.now() - startedAt) / DAY_MS;
  console.log(
    `[clock] a community election of ${virtualDays.toFixed(1)} virtual days ran in ` +
      `${realSeconds.toFixed(1)} s: ${clock.moves.advances} advances, ${clock.moves.fired} timers fired; ` +
      `stages ${session.stagesSeen.join(' → ')}`,
  );
  expect(final.stage).toBe('completed');
  expect(final.result?.secretary).toBeDefined();
  expect(virtualDays).toBeGreaterThan(20);
  expect(session.stagesSeen).toEqual(expect.arrayContaining([...PHASES]));
}, 600_000);

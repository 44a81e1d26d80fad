// The model-based tests of issue 16: random sequences of real requests of every role against the
// whole local stack in this process, each answer checked against the model (model.ts) and every
// invariant (invariants.ts) checked after each step; a failure is shrunk by fast-check and printed
// with its seed and path for replay. Run by `npm run test:model` (run.ts), never by `npm test`.
import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  advanceArb,
  approveArb,
  attendanceArb,
  ballotsArb,
  cancelArb,
  closeArb,
  createArb,
  decideArb,
  faultsArb,
  inspectArb,
  moveDeadlineArb,
  nominateArb,
  objectArb,
  proposeArb,
  resolveArb,
  restartArb,
  resumeArb,
  roundDecisionArb,
  suggestArb,
} from './commands.ts';
import type { Model } from './model.ts';
import { progressArb } from './progress.ts';
import { type ModelStack, startModelStack } from './stack.ts';
import { byElectionArb, commitArb, goalProgressArb, recallArb } from './supervision.ts';
import { clockOf, newStats, retire, type Stats, type World } from './world.ts';

const SECRET = 'zx-model-secret-0123456789abcdef';
const env = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
const SEED = env('MODEL_SEED', 16_016);
const RUNS = env('MODEL_RUNS', 5);
const MAX_COMMANDS = env('MODEL_MAX_COMMANDS', 50);
/** `--soak 30m`: run sequences until this many ms have passed (0: the fixed runs only). */
const SOAK_MS = env('MODEL_SOAK_MS', 0);
/** fast-check's `path` of a failure, to replay it alone. */
const PATH = process.env.MODEL_PATH;
/** fast-check's `replayPath` of the failing command list (the commands' own shrink path). */
const REPLAY_PATH = process.env.MODEL_REPLAY_PATH;

/**
 * Every command, weighted: what people do most, and `progress` often enough that sequences
 * reach the assemblies, approvals and what follows them.
 */
const allCommands = [
  createArb,
  nominateArb,
  nominateArb,
  decideArb,
  objectArb,
  resolveArb,
  moveDeadlineArb,
  cancelArb,
  resumeArb,
  attendanceArb,
  ballotsArb,
  closeArb,
  roundDecisionArb,
  inspectArb,
  proposeArb,
  suggestArb,
  approveArb,
  advanceArb,
  progressArb,
  progressArb,
  progressArb,
  progressArb,
  commitArb,
  goalProgressArb,
  recallArb,
  recallArb,
  byElectionArb,
  restartArb,
  faultsArb,
];

let stack: ModelStack | undefined;
beforeAll(async () => {
  stack = await startModelStack(SECRET);
}, 120_000);
afterAll(() => stack?.stop(), 60_000);

const report = (stats: Stats, startedAt: number) =>
  [
    `model-based run: ${stats.sequences} sequences, ${stats.steps} steps in ${Math.round((performance.now() - startedAt) / 1000)} s`,
    `  refused as the model said: ${stats.refused}; answers raced by real time (tolerated): ${stats.raced}`,
    `  commands: ${JSON.stringify(stats.commands)}`,
    `  answers: ${JSON.stringify(stats.answers)}`,
    `  stages seen after steps: ${JSON.stringify(stats.stages)}`,
    `  elections at the end of their sequence: ${JSON.stringify(stats.final)}`,
    `  faults injected: ${JSON.stringify(stack?.injected())}`,
  ].join('\n');

it(
  'random sequences of every role’s requests answer as the model says and keep every invariant',
  async () => {
    if (!stack) throw new Error('the stack did not start');
    const live = stack;
    const { url } = stack;
    const clock = await clockOf(url);
    const stats = newStats();
    // Real time (the stack's `Date` may be the virtual clock): a soak lasts what it was asked.
    const startedAt = performance.now();
    const runId = Date.now().toString(36);
    const property = fc.asyncProperty(
      // Every sequence opens with an election, so no command waits idle for one to exist.
      createArb,
      fc.commands(allCommands, {
        maxCommands: MAX_COMMANDS,
        size: 'max',
        ...(REPLAY_PATH ? { replayPath: REPLAY_PATH } : {}),
      }),
      async (first, commands) => {
        stats.sequences++;
        const world: World = {
          url,
          secret: SECRET,
          clock,
          stats,
          prefix: `mb${runId}-${stats.sequences}`,
          created: 0,
          stack: live,
        };
        const model: Model = { elections: [] };
        try {
          await first.run(model, world);
          await fc.asyncModelRun(() => ({ model, real: world }), commands);
        } catch (error) {
          // Printed at once: shrinking replays sequences on real time and may outlast a soak.
          if (!stats.firstFailure) {
            stats.firstFailure = `${first} then ${commands}: ${error}`;
            console.error(`sequence ${stats.sequences} failed: ${stats.firstFailure}`);
          }
          throw error;
        } finally {
          live.faults({ dynamoDb: null, ses: null });
          for (const e of model.elections) {
            const at = `${e.preset} ${e.stage}`;
            stats.final[at] = (stats.final[at] ?? 0) + 1;
          }
          // The sequence's elections end with it: their workflows would load the next ones.
          await Promise.all(model.elections.map((e) => retire(world, e.orgId, e.id)));
        }
      },
    );
    try {
      if (SOAK_MS > 0) {
        // Batches of runs, each with its own seed (printed on failure), until the time is up.
        for (let batch = 0; performance.now() - startedAt < SOAK_MS; batch++) {
          await fc.assert(property, { seed: SEED + batch, numRuns: 5 });
          console.log(report(stats, startedAt));
        }
      } else {
        await fc.assert(property, {
          seed: SEED,
          numRuns: RUNS,
          ...(PATH ? { path: PATH, endOnFailure: true } : {}),
        });
      }
    } catch (error) {
      // fast-check's report names the seed and the shrunk path: the line to replay it alone.
      const replay = /seed: (-?\d+), path: "([^"]+)"/.exec(String(error));
      const commands = /replayPath="([^"]*)"/.exec(String(error));
      if (replay) {
        console.error(
          `replay: npm run test:model -- --seed ${replay[1]} --path ${replay[2]}` +
            (commands ? ` --replay-path '${commands[1]}'` : ''),
        );
      }
      throw error;
    } finally {
      console.log(report(stats, startedAt));
    }
    expect(stats.steps).toBeGreaterThan(0);
  },
  // The soak's time, and a failure's shrinking (each try replays a sequence on the stack).
  Math.max(SOAK_MS, 170_000) + 30 * 60_000,
);

// Proves, on the real local stack through the HTTP API, that a long calendar never reaches Step
// Functions' history quota (25 000 events a Standard execution, which the local service enforces
// like AWS): the API bounds neither how far ahead an election may start nor how far a deadline
// may move, so an election created 120 calendar days before its start whose first deadline is
// then postponed by 90 days waits ~218 days in its first stage. Its workflow continues as new
// every 30 calendar days (workflows/README.md, "History"): every execution of it stays far
// under the quota, and the chain carries the election on into its next stage.
//
// Why the old single execution failed: an hourly deadline check costs 9 events (check-deadline
// Task 5 + Choice 2 + Wait 2), 216 a real day, so one execution waiting 218 real days would
// write ~47 000 events — it failed with States.Runtime at 25 000, i.e. ~115 days into the wait.
// Here a calendar day is DAY ms and checks come every second (the interval's floor), so the
// chain is shorter in loops than on real days; the 500-loop bound of each execution (≤ 9 525
// events) is what holds on real days, and every execution here must stay under it too. The
// stack runs on the virtual clock (issue 16): the 218 days pass in a few seconds of real time.
import { describe, expect, it } from 'vitest';
import { localStateMachineArn } from '../../../infra/local/sfn/service.ts';
import { eventually, startElection } from '../../../scripts/scenario/session.ts';
import { advanceUntil, clockOf } from '../../support/clock.ts';
import { superiorOf, useStack } from '../../support/e2e.ts';

const SECRET = 'e2e-long-calendar-secret';
/** A calendar day (218 of them are ~87 s of the stack's virtual clock). */
const DAY = 400;
const AHEAD_DAYS = 120;
const POSTPONED_DAYS = 90;
/** workflows/README.md: 500 loops × 19 events + 25 at the ends. */
const MAX_EVENTS_PER_EXECUTION = 9_525;
const HISTORY_QUOTA = 25_000;

const stack = useStack(SECRET, { clock: 'virtual' });

interface Described {
  executionArn: string;
  name: string;
  status: string;
  input: string;
  startDate: number;
  /** The local service's count of the AWS history events (not an AWS field). */
  historyEventCount: number;
}

/** A Step Functions call on the local endpoint, read raw (the SDK drops historyEventCount). */
const sfnCall = async <T>(operation: string, input: unknown): Promise<T> => {
  const endpoint = process.env.AWS_ENDPOINT_URL_SFN;
  if (!endpoint) throw new Error('the local stack is not started');
  const response = await fetch(endpoint, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-amz-json-1.0',
      'x-amz-target': `AWSStepFunctions.${operation}`,
    },
    body: JSON.stringify(input),
  });
  if (!response.ok) throw new Error(`${operation}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
};

/** Every execution of the election, oldest first (by its input: names are not relied on). */
const executionsOf = async (electionId: string): Promise<Described[]> => {
  const stateMachineArn = localStateMachineArn('zx-election');
  const all: { executionArn: string }[] = [];
  let nextToken: string | undefined;
  do {
    const page = await sfnCall<{ executions: { executionArn: string }[]; nextToken?: string }>(
      'ListExecutions',
      { stateMachineArn, maxResults: 1000, ...(nextToken ? { nextToken } : {}) },
    );
    all.push(...page.executions);
    nextToken = page.nextToken;
  } while (nextToken);
  const described = await Promise.all(
    all.map((e) => sfnCall<Described>('DescribeExecution', { executionArn: e.executionArn })),
  );
  return described
    .filter((e) => (JSON.parse(e.input) as { electionId?: string }).electionId === electionId)
    .sort((a, b) => a.startDate - b.startDate);
};

describe('a long calendar', () => {
  it(`an election created ${AHEAD_DAYS} days ahead, its first deadline postponed by ${POSTPONED_DAYS} days: the workflow continues as new, every execution stays under the history quota, and the election goes on`, async () => {
    const orgId = 'e2e-long-calendar';
    const session = await startElection({
      api: stack.api,
      secret: SECRET,
      orgId,
      dayLengthMs: DAY,
      startsInMs: AHEAD_DAYS * DAY,
      rollSize: 20,
      superiorEmails: superiorOf(orgId),
    });
    const planned = (await session.view()).calendar.announcement?.until;
    if (!planned) throw new Error('no announcement in the calendar');
    const postponed = new Date(Date.parse(planned) + POSTPONED_DAYS * DAY);
    const moved = await session.moveDeadline('announcement', postponed);
    expect(moved.calendar.announcement?.until).toBe(postponed.toISOString());
    const waitDays = (postponed.getTime() - Date.now()) / DAY;
    expect(waitDays).toBeGreaterThan(AHEAD_DAYS + POSTPONED_DAYS);

    // The wait ends only through the chain of executions: the next stage begins.
    await advanceUntil(clockOf(stack.api), session.view, 'the nomination', (view) =>
      ['nomination', 'eligibility-review', 'halted'].includes(view.stage),
    );
    expect((await session.view()).stage).toBe('nomination');

    const executions = await eventually(
      'the chain of executions',
      async () => {
        const found = await executionsOf(session.electionId);
        return found.length > 0 ? found : undefined;
      },
      10_000,
    );
    const table = executions.map((e) => `${e.name} ${e.status} ${e.historyEventCount}`);
    console.info(table.join('\n'));
    // An execution lives 30–33 calendar days (the check after its 30th): ≥ 6 of them.
    expect(executions.length).toBeGreaterThanOrEqual(Math.floor(waitDays / 33));
    expect(executions.length).toBeGreaterThanOrEqual(2);
    // One runs the election (in nomination); every one before it handed over and succeeded.
    expect(executions.filter((e) => e.status === 'RUNNING')).toHaveLength(1);
    expect(executions.at(-1)?.status).toBe('RUNNING');
    for (const e of executions.slice(0, -1)) expect(e.status, e.name).toBe('SUCCEEDED');
    for (const e of executions) {
      expect(e.historyEventCount, e.name).toBeGreaterThan(0);
      expect(e.historyEventCount, e.name).toBeLessThanOrEqual(MAX_EVENTS_PER_EXECUTION);
      expect(e.historyEventCount, e.name).toBeLessThan(HISTORY_QUOTA);
    }
  }, 120_000);
});

import * as z from 'zod';
import { releaseToken } from '../aws/step-functions.ts';
import { electionScope } from '../election/access.ts';
import {
  expireApproval,
  findCurrentApproval,
  requestApproval,
} from '../election/approvals/approval.ts';
import { beginStage as startInCalendar } from '../rules/index.ts';
import { approvalTimeoutSeconds, deadlineWait, remindAfterSeconds } from '../rules/timing.ts';
import { StaleElection, saveElection, setAwaiting, setDeadlineWait } from '../store/elections.ts';
import { setCurrentExecution } from '../store/executions.ts';
import type { ElectionRecord } from '../store/records.ts';
import { stageContext } from './context.ts';
import { ageBound, nextLoop } from './continuation.ts';
import { remindOrganizers } from './remind.ts';
import { STAGE_LOGIC } from './stages/index.ts';
import { type LoopTaskInput, loadElection, StageTaskInput } from './task-handler.ts';

/**
 * What the state machine's tasks do within a stage (workflows/election-workflow.ts), one
 * function a task, each asking the stage's logic (STAGE_LOGIC): functions/tasks/*.ts only hand
 * each its parsed input. Every one may be re-run (a retry, a resumed run) and then does nothing
 * twice. The election's own moves, which need no stage logic, are in election-tasks.ts (apart,
 * so their functions do not bundle — nor get the grants of — every stage's code).
 */

export const AwaitInput = StageTaskInput.extend({ token: z.string().min(1), reason: z.string() });
export const ApprovalTaskInput = StageTaskInput.extend({ token: z.string().min(1) });
export const ReminderInput = StageTaskInput.extend({ reason: z.string() });
export const AwaitDeadlineInput = StageTaskInput.extend({
  token: z.string().min(1),
  deadline: z.string().min(1),
});

/**
 * A stage's entry: its actual start in the calendar, then its entry actions (notices, …), once.
 * The start is recorded first (`begun.entering`): a retry — the save after the actions may
 * meet an organizer's concurrent change — or a re-run after a crash begins at that same start,
 * so the notices keyed by it are not sent again. Re-run once the actions are done it does
 * nothing; a stage resumed after a halt (a new start in its calendar entry) begins again.
 */
export const beginStage = async ({ electionId, stage }: StageTaskInput) => {
  let election = await loadElection(electionId);
  const entry = election.calendar[stage];
  const recorded = election.begun?.stage === stage && election.begun.from === entry?.from;
  if (recorded && !election.begun?.entering) return {};
  if (!recorded) {
    const now = new Date();
    const calendar =
      election.begun?.stage === stage || !entry
        ? election.calendar
        : startInCalendar(
            election.calendar,
            stage,
            now.toISOString(),
            election.rules,
            election.dayLengthMs,
          );
    const from = calendar[stage]?.from ?? now.toISOString();
    election = await saveElection(
      { ...election, calendar, begun: { stage, from, entering: true } },
      {
        scope: electionScope(electionId),
        actor: 'workflow',
        action: 'stage-begun',
        data: { stage, from, until: calendar[stage]?.until },
      },
    );
  }
  const from = election.begun?.from as string;
  await STAGE_LOGIC[stage].begin?.(stageContext(election, stage, new Date()));
  // The actions are done: marked so, on the election as it is now (an organizer may have moved
  // a deadline meanwhile).
  for (let attempt = 1; ; attempt++) {
    try {
      await saveElection(
        { ...election, begun: { stage, from } },
        {
          scope: electionScope(electionId),
          actor: 'workflow',
          action: 'stage-entered',
          data: { stage, from },
        },
      );
      return {};
    } catch (error) {
      if (!(error instanceof StaleElection) || attempt >= 5) throw error;
      election = await loadElection(electionId);
      if (election.begun?.stage !== stage || election.begun.from !== from) return {};
    }
  }
};

/** The loop's count, and whether to continue as new (none for an execution that sends no position). */
const loop = (input: LoopTaskInput, election: ElectionRecord, now: Date) =>
  input.steps === undefined || !input.execution || !input.startedAt
    ? { steps: input.steps ?? 0, continueAs: null }
    : nextLoop(
        { steps: input.steps, execution: input.execution, startedAt: input.startedAt },
        election,
        now,
      );

/**
 * The successor this loop hands over to becomes the election's current execution before the
 * state machine starts it: the failure handler then knows this execution superseded.
 */
const handOver = async (electionId: string, continueAs: string | null) => {
  if (continueAs) await setCurrentExecution(electionId, continueAs);
  return continueAs;
};

/**
 * Re-reads the stage's deadline (an organizer may have moved it): passed, or how to wait for
 * it — a long wait a move wakes (`wakeable`, `timeoutSeconds`), the last seconds exactly
 * (`waitUntil`) — or, after this execution's bound of loops or age, continue as new
 * (`continueAs`). Every field the state machine's Choice reads is always there.
 */
export const checkDeadline = async (input: LoopTaskInput) => {
  const { electionId, stage } = input;
  const election = await loadElection(electionId);
  const now = new Date();
  const deadline = election.calendar[stage]?.until;
  const { startedAt } = input;
  const bound = startedAt ? ageBound({ startedAt }, election.dayLengthMs) : undefined;
  const wait =
    !STAGE_LOGIC[stage].timed || !deadline
      ? ({ passed: true, waitUntil: now.toISOString() } as const)
      : deadlineWait(deadline, now, bound);
  const next = loop(input, election, now);
  // A passed deadline closes the stage in this execution: no successor just to close it.
  const continueAs = await handOver(electionId, wait.passed ? null : next.continueAs);
  return {
    wakeable: false,
    timeoutSeconds: 0,
    ...wait,
    deadline: deadline ?? '',
    ...next,
    continueAs,
  };
};

/**
 * Waits for the deadline until the state machine's timeout, or until an organizer moves it: the
 * token is stored where the API finds it (`wakeDeadlineWait`), then the deadline is read once
 * more — a move made before the token was stored would otherwise wait for the old deadline.
 */
export const awaitDeadline = async ({
  electionId,
  stage,
  token,
  deadline,
}: z.infer<typeof AwaitDeadlineInput>) => {
  await setDeadlineWait(electionId, { stage, deadline, token, since: new Date().toISOString() });
  const election = await loadElection(electionId);
  if (election.calendar[stage]?.until !== deadline) await releaseToken(token);
  return {};
};

/**
 * Closes the stage if the people's work is done — or says what it waits for. The pacing of the
 * waits that may follow travels with the answer (the state machine reads it as a path). When
 * it would wait again after this execution's bound of loops, it answers `continueAs` instead:
 * the successor closes (idempotently) and waits.
 */
export const closeStage = async (input: LoopTaskInput) => {
  const { electionId, stage } = input;
  const election = await loadElection(electionId);
  const logic = STAGE_LOGIC[stage];
  const ctx = stageContext(election, stage);
  const open = (await logic.waitingFor?.(ctx)) ?? null;
  const outcome = open ? { outcome: 'await' as const, reason: open } : await logic.finish(ctx);
  const next = loop(input, election, new Date());
  const waits = outcome.outcome === 'await' || outcome.outcome === 'approval';
  const continueAs = await handOver(electionId, waits ? next.continueAs : null);
  return {
    reason: '',
    ...outcome,
    stage,
    remindAfterSeconds: remindAfterSeconds(election),
    approvalTimeoutSeconds: approvalTimeoutSeconds(election),
    steps: next.steps,
    continueAs,
  };
};

/**
 * Parks the workflow until people act: the token is stored where the API finds it, then the
 * work is looked at once more — an action that came before the token was stored would
 * otherwise go unnoticed until the next reminder.
 */
export const awaitPeople = async ({
  electionId,
  stage,
  token,
  reason,
}: z.infer<typeof AwaitInput>) => {
  await setAwaiting(electionId, { reason, stage, token, since: new Date().toISOString() });
  const election = await loadElection(electionId);
  const logic = STAGE_LOGIC[stage];
  const open = await logic.waitingFor?.(stageContext(election, stage));
  if (!open) {
    await releaseToken(token);
    return {};
  }
  // A stage kept open past its deadline tells the organizers at once, not a day later.
  const deadline = election.calendar[stage]?.until;
  if (logic.timed && deadline && Date.parse(deadline) <= Date.now()) {
    await remindOrganizers(election, stage, open);
  }
  return {};
};

/** Nobody acted for a calendar day: the organizers are told what is open. */
export const remind = async ({ electionId, stage, reason }: z.infer<typeof ReminderInput>) => {
  await remindOrganizers(await loadElection(electionId), stage, reason);
  return {};
};

/**
 * Asks the superior: the token is kept under a random, single-use approval id, and the link to
 * it is e-mailed. A retried or re-run request keeps the pending id and mails nobody again.
 */
export const requestStageApproval = async ({
  electionId,
  stage,
  token,
}: z.infer<typeof ApprovalTaskInput>) => {
  const election = await loadElection(electionId);
  const approval = STAGE_LOGIC[stage].approval;
  if (!approval) throw new Error(`stage ${stage} asks for no approval`);
  const ctx = stageContext(election, stage);
  await requestApproval({
    election,
    kind: approval.kind,
    stage,
    subject: await approval.subject(ctx),
    token,
    timeoutSeconds: approvalTimeoutSeconds(election),
  });
  return {};
};

/** The approval's task timed out: its id expires (the next request mails a reminder with a new one). */
export const expireStageApproval = async ({ electionId, stage }: StageTaskInput) => {
  const kind = STAGE_LOGIC[stage].approval?.kind;
  if (!kind) return {};
  const approval = await findCurrentApproval({ electionId, kind, stage });
  if (approval?.status === 'pending') await expireApproval(approval.id);
  return {};
};

import { conflict, DomainError, fromViolations } from '../../errors.ts';
import type { Principal } from '../../principal.ts';
import {
  broken,
  type Checked,
  moveDeadline as moveCalendarDeadline,
  ok,
  Stage,
  type Violation,
} from '../../rules/index.ts';
import { StaleElection, saveElection } from '../../store/elections.ts';
import type { ElectionRecord } from '../../store/records.ts';
import { electionScope, loadElection } from '../access.ts';
import { wakeDeadlineWait } from '../wake.ts';

/** Stands in for a planned deadline that cannot have passed yet. */
const FAR_FUTURE = '9999-12-31T00:00:00.000Z';

/** Elections that have ended: nothing of their calendar moves any more. */
const ENDED = new Set(['completed', 'cancelled']);

/**
 * An organizer moves one stage's deadline (PUT …/deadlines/{stage}), decided without the table.
 * Refused with `unknown-stage` when the election does not run that stage, `election-ended` /
 * `stage-closed` (conflicts) when the election or that stage is over, and the rules'
 * `deadline-passed` (conflict), `deadline-not-in-future`, `deadline-before-start`.
 */
export const moveElectionDeadline = (
  election: ElectionRecord,
  stage: string,
  deadline: string,
  now: Date,
): Checked<ElectionRecord> => {
  const parsed = Stage.safeParse(stage);
  if (!parsed.success || !election.calendar[parsed.data]) {
    return broken([
      { rule: 'unknown-stage', message: `本次选举没有阶段 ${stage},无法调整其截止时间` },
    ]);
  }
  if (ENDED.has(election.stage)) {
    return broken([
      {
        rule: 'election-ended',
        message: `选举已结束(${election.stage}),不能再调整截止时间`,
        conflict: true,
      },
    ]);
  }
  const stages: readonly string[] = election.rules.stages;
  const current = stages.indexOf(election.stage);
  if (current >= 0 && stages.indexOf(parsed.data) < current) {
    return broken([
      {
        rule: 'stage-closed',
        message: `阶段 ${stage} 已经结束(当前阶段 ${election.stage}),不能再调整其截止时间`,
        conflict: true,
      },
    ]);
  }
  // A later stage has only a planned deadline: behind schedule, it may lie in the past without
  // having passed (the stage has not run), and moving it is still allowed.
  const begun = current < 0 || stages.indexOf(parsed.data) <= current;
  const entry = election.calendar[parsed.data];
  const calendar =
    begun || !entry
      ? election.calendar
      : { ...election.calendar, [parsed.data]: { ...entry, until: FAR_FUTURE } };
  const moved = moveCalendarDeadline(calendar, parsed.data, deadline, now.toISOString());
  if (!moved.ok) return moved;
  return ok({ ...election, calendar: moved.value });
};

/** A stage this election does not run is a deadline that does not exist: 404. */
const refuseMove = (violations: Violation[]): DomainError => {
  const unknown = violations.find((v) => v.rule === 'unknown-stage');
  return unknown
    ? new DomainError('not-found', 'not-found', unknown.message, [{ rule: unknown.rule }])
    : fromViolations(violations);
};

const ATTEMPTS = 5;

/**
 * Moves one stage's deadline and saves it with its audit entry. The workflow saves the election
 * too (a stage begins, a result is recorded): a change elsewhere is retried, and so is the stage
 * beginning when it leaves the deadline as it was (only `from` recorded); a change to this
 * deadline (another organizer's move, a late notice stage keeping its full length) is a
 * conflict for the organizer, who chose the new one against the old.
 */
export const moveDeadline = async (
  electionId: string,
  principal: Principal,
  input: { stage: string; deadline: string },
): Promise<ElectionRecord> => {
  let election = await loadElection(electionId, principal);
  const stage = input.stage as Stage;
  const deadlineOf = (read: ElectionRecord) => {
    const entry = read.calendar[stage];
    return JSON.stringify([entry?.until, entry?.moved]);
  };
  const asRead = deadlineOf(election);
  for (let attempt = 1; ; attempt++) {
    const moved = moveElectionDeadline(election, input.stage, input.deadline, new Date());
    if (!moved.ok) throw refuseMove(moved.violations);
    try {
      const saved = await saveElection(moved.value, {
        scope: electionScope(election.id),
        actor: principal.sub,
        action: 'deadline-moved',
        data: { stage, from: election.calendar[stage]?.until, to: input.deadline },
      });
      // The workflow waits for the current stage's deadline: it waits for the new one at once.
      if (saved.stage === stage) await wakeDeadlineWait(saved.id);
      return saved;
    } catch (error) {
      if (!(error instanceof StaleElection)) throw error;
      election = await loadElection(electionId, principal);
      if (attempt >= ATTEMPTS || deadlineOf(election) !== asRead) {
        throw conflict(
          'stale-election',
          'the deadline was changed meanwhile; read it and try again',
        );
      }
    }
  }
};

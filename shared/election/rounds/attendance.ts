import { conflict, fromViolations } from '../../errors.ts';
import { type AttendanceReport, resolveAttendance } from '../../rules/index.ts';
import type { ElectionRecord, RoundRecord } from '../../store/records.ts';
import { putAttendance } from '../../store/rounds.ts';
import { ConditionFailed, commit } from '../../store/transact.ts';
import { electionScope } from '../access.ts';
import { loadRound, requireOpen } from './access.ts';
import { rollOfRound } from './roll.ts';

/**
 * A round's attendance (到会情况) as the teller reports it: checked by the rules
 * (shared/rules/attendance-report.ts `resolveAttendance`, on the round's roll), then stored.
 */

// The report's shape and its check are rules; re-exported for the API and the tests.
export {
  type AttendanceInput,
  AttendanceReport,
  ConstituencyReport,
  resolveAttendance,
} from '../../rules/index.ts';

/**
 * Records the attendance of an open round, or replaces it while no ballot is entered yet (a
 * teller's correction, audited with what it replaces). Once ballots are entered it is frozen:
 * 409. The write is conditional on exactly that, so it cannot slip past a first ballot.
 */
export const recordAttendance = async (
  election: ElectionRecord,
  round: RoundRecord,
  report: AttendanceReport,
  actor: string,
): Promise<RoundRecord> => {
  requireOpen(round);
  if (round.ballotsEntered) throw frozen(round.id);
  const checked = resolveAttendance({
    round,
    rules: election.rules,
    roll: await rollOfRound(election, round),
    report,
    recordedBy: actor,
    at: new Date().toISOString(),
  });
  if (!checked.ok) throw fromViolations(checked.violations);
  const attendance = checked.value;
  try {
    await commit([putAttendance(election.id, round.id, attendance)], {
      scope: electionScope(election.id),
      actor,
      action: round.attendance ? 'round-attendance-replaced' : 'round-attendance',
      data: { roundId: round.id, attendance, replaces: round.attendance },
    });
  } catch (error) {
    if (!(error instanceof ConditionFailed)) throw error;
    const current = await loadRound(election.id, round.id);
    requireOpen(current);
    throw frozen(round.id);
  }
  return { ...round, attendance };
};

const frozen = (roundId: string) =>
  conflict(
    'ballots-entered',
    `round ${roundId}: ballots are already entered, the attendance can no longer be changed`,
  );

import { conflict, notFound } from '../../errors.ts';
import type { RoundRecord } from '../../store/records.ts';
import { getRound } from '../../store/rounds.ts';

/** The round a request acts on (404 when the election has none by that id). */
export const loadRound = async (electionId: string, roundId: string): Promise<RoundRecord> => {
  const round = await getRound(electionId, roundId);
  if (!round) throw notFound(`round ${roundId}`);
  return round;
};

/** 409: the round is closed (or void, or without quorum) — nothing more can be entered. */
export const roundNotOpen = (round: Pick<RoundRecord, 'id' | 'status'>) =>
  conflict('round-not-open', `round ${round.id} is not open (status ${round.status})`, [
    { roundId: round.id, status: round.status },
  ]);

export const requireOpen = (round: RoundRecord): void => {
  if (round.status !== 'open') throw roundNotOpen(round);
};

/** 409: ballots are entered and the round closed against the attendance recorded first. */
export const requireAttendance = (round: RoundRecord, what: string) => {
  if (!round.attendance) {
    throw conflict('attendance-missing', `round ${round.id}: record the attendance before ${what}`);
  }
  return round.attendance;
};

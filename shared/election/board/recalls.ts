import type { Office } from '../../rules/index.ts';
import type { RecallRecord, RecallStatus } from '../../store/records.ts';
import { listRecalls } from '../../store/supervision.ts';

/**
 * Recalls on the public board (公示栏): whom a petition concerns and what became of it — a
 * recall that failed says so, and that the holder stays in office. Like objections, the board
 * shows no petition text, no signatories' names and no comment of the superior: their count
 * and the outcome only (those concerned had them by e-mail). The section's HTML is
 * pages/board-recalls.ts.
 */

interface Person {
  memberId: string;
  name: string;
}

export interface BoardRecall {
  holder: Person;
  office: Office;
  status: RecallStatus;
  signatories: number;
  filedAt: string;
  decidedAt?: string;
  settledAt?: string;
  roundId?: string;
  /** Committee members who left office with a recalled secretary. */
  membersRemoved: Person[];
  newElectionId?: string;
  byElection?: { status: NonNullable<RecallRecord['byElection']>['status']; elected: Person[] };
}

const boardRecall = (recall: RecallRecord, toPerson: (id: string) => Person): BoardRecall => ({
  holder: toPerson(recall.officeHolderId),
  office: recall.office,
  status: recall.status,
  signatories: recall.signatoryIds.length,
  filedAt: recall.filedAt,
  ...(recall.decidedAt ? { decidedAt: recall.decidedAt } : {}),
  ...(recall.settledAt ? { settledAt: recall.settledAt } : {}),
  ...(recall.roundId ? { roundId: recall.roundId } : {}),
  membersRemoved: (recall.membersRemoved ?? []).map(toPerson),
  ...(recall.newElectionId ? { newElectionId: recall.newElectionId } : {}),
  ...(recall.byElection
    ? {
        byElection: {
          status: recall.byElection.status,
          elected:
            recall.byElection.status === 'approved'
              ? (recall.byElection.elected ?? []).map(toPerson)
              : [],
        },
      }
    : {}),
});

/** The election's recalls as the board shows them, oldest first. */
export const boardRecalls = async (
  electionId: string,
  toPerson: (id: string) => Person,
): Promise<BoardRecall[]> =>
  (await listRecalls(electionId)).map((recall) => boardRecall(recall, toPerson));

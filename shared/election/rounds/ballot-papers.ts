import canonicalize from 'canonicalize';
import { conflict, unprocessable } from '../../errors.ts';
import {
  type BallotPapers,
  type BallotPapersRequest,
  checkPrintedSerial,
  expectedAttendance,
  planBallotPapers,
} from '../../rules/index.ts';
import type { ElectionRecord, RoundRecord } from '../../store/records.ts';
import { putBallotPapers } from '../../store/rounds.ts';
import { ConditionFailed, commit } from '../../store/transact.ts';
import { electionScope } from '../access.ts';
import { loadRound, requireOpen } from './access.ts';
import { rollOfRound } from './roll.ts';

/**
 * A round's printed ballot papers (印制选票): how many, numbered with a check digit
 * (shared/rules/serials.ts), a recommendation round's in one range per constituency. Recorded
 * before the first ballot; from then on a ballot whose serial is not one of them is refused at
 * entry (`checkSerials`), so a mistyped serial never counts as another paper.
 */

// The request's schema is a rule (the console checks its form with it).
export { BallotPapersRequest } from '../../rules/index.ts';

const refuse = (rule: string, message: string, path: (string | number)[] = []) =>
  unprocessable(rule, message, [{ rule, message, path }]);

/** A recommendation round's ranges: as asked, else the attendance's 应到, else the one roll. */
const recommendationPapers = async (
  election: ElectionRecord,
  round: RoundRecord,
  asked: BallotPapersRequest['constituencies'],
) => {
  const known = election.rules.recommendation.constituencies;
  if (asked) {
    const ids = asked.map(({ id }, i) => {
      const found = known.find((c) => c.id === id || c.name === id);
      if (!found) {
        throw refuse(
          'constituency-unknown',
          `推荐单位 ${id} 不是本次选举的推荐单位(${known.map((c) => c.name).join('、')})`,
          ['constituencies', i, 'id'],
        );
      }
      return found.id;
    });
    const missing = known.filter((c) => !ids.includes(c.id));
    if (missing.length > 0 || new Set(ids).size !== ids.length) {
      throw refuse(
        'constituencies-required',
        `须为每个推荐单位各填一次选票张数(${known.map((c) => c.name).join('、')})`,
        ['constituencies'],
      );
    }
    return planBallotPapers(
      0,
      known.map((c) => ({ id: c.id, count: asked[ids.indexOf(c.id)]?.count ?? 0 })),
    );
  }
  const reported = round.attendance?.constituencies;
  if (reported) {
    return planBallotPapers(
      0,
      reported.map(({ id, expected }) => ({ id, count: expected })),
    );
  }
  const [only] = known;
  if (known.length === 1 && only) {
    const count = expectedAttendance(await rollOfRound(election, round));
    return planBallotPapers(0, [{ id: only.id, count }]);
  }
  throw refuse(
    'constituencies-required',
    `推荐大会的选票按推荐单位分别印制:请填写各推荐单位(${known.map((c) => c.name).join('、')})的张数`,
    ['constituencies'],
  );
};

/** The papers a request asks for, computed before anything is stored (422 naming the field). */
export const planRoundPapers = async (
  election: ElectionRecord,
  round: RoundRecord,
  request: BallotPapersRequest,
): Promise<BallotPapers> => {
  if (round.kind === 'recommendation') {
    const papers = await recommendationPapers(election, round, request.constituencies);
    if (request.count !== undefined && request.count !== papers.count) {
      throw refuse(
        'count-mismatch',
        `总张数 ${request.count} 与各推荐单位合计 ${papers.count} 不符`,
        ['count'],
      );
    }
    return papers;
  }
  if (request.constituencies) {
    throw refuse(
      'constituencies-not-applicable',
      '只有推荐大会的选票按推荐单位印制:不填 constituencies',
      ['constituencies'],
    );
  }
  if (request.count !== undefined) return planBallotPapers(request.count);
  if (round.kind === 'evaluation') {
    const employees = round.attendance?.constituencies?.[0]?.expected;
    if (employees === undefined) {
      throw refuse('count-required', '满意度测评的选票张数须填写(非党员工应到人数)', ['count']);
    }
    return planBallotPapers(employees);
  }
  const expected = expectedAttendance(await rollOfRound(election, round));
  if (expected < 1)
    throw refuse('count-required', '名册中没有有选举权的党员:请填写张数', ['count']);
  return planBallotPapers(expected);
};

const ballotsEntered = (roundId: string) =>
  conflict(
    'ballots-entered',
    `round ${roundId}: ballots are already entered, the printed papers can no longer be changed`,
  );

/**
 * Records the papers of an open round, audited `ballot-papers-printed`. Asked again for the same
 * papers it answers the round as it is (nothing written); a different count replaces them while
 * no ballot is entered (audited with what it replaces), else 409 `ballots-entered`.
 */
export const recordBallotPapers = async (
  election: ElectionRecord,
  round: RoundRecord,
  request: BallotPapersRequest,
  actor: string,
): Promise<RoundRecord> => {
  requireOpen(round);
  const papers = await planRoundPapers(election, round, request);
  if (round.ballotPapers && canonicalize(round.ballotPapers) === canonicalize(papers)) return round;
  if (round.ballotsEntered) throw ballotsEntered(round.id);
  try {
    await commit([putBallotPapers(election.id, round.id, papers)], {
      scope: electionScope(election.id),
      actor,
      action: 'ballot-papers-printed',
      data: {
        roundId: round.id,
        ballotPapers: papers,
        ...(round.ballotPapers ? { replaces: round.ballotPapers } : {}),
      },
    });
  } catch (error) {
    if (!(error instanceof ConditionFailed)) throw error;
    requireOpen(await loadRound(election.id, round.id));
    throw ballotsEntered(round.id);
  }
  return { ...round, ballotPapers: papers };
};

/**
 * The serial check at entry, for a round with printed papers: 422 naming every bad serial
 * (`ballots.i.serial`, the rule and why), the whole request refused. A round without papers takes
 * any serial (SPEC §9).
 */
export const checkSerials = (
  round: Pick<RoundRecord, 'ballotPapers'>,
  ballots: readonly { serial: string; constituency?: string }[],
  constituencyId: (label: string) => string = (label) => label,
): void => {
  const papers = round.ballotPapers;
  if (!papers) return;
  const details = ballots.flatMap(({ serial, constituency }, i) => {
    const checked = checkPrintedSerial(
      papers,
      serial,
      constituency === undefined ? undefined : constituencyId(constituency),
    );
    return checked.ok
      ? []
      : [{ path: ['ballots', i, 'serial'], rule: checked.rule, message: checked.message }];
  });
  const [first] = details;
  if (first) {
    throw unprocessable(first.rule, details.map((d) => d.message).join('; '), details);
  }
};

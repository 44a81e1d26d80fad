import {
  ballotsLine,
  type CountedRound,
  type CountRules,
  countHeading,
  countOutcome,
  countRows,
} from '../../shared/notices/count-reading.ts';

/**
 * A closed round's count as the 计票人 reads it out at the assembly, as terminal lines: the
 * words and numbers are shared/notices/count-reading.ts's (the console shows the same as a
 * table); here they are laid out in aligned columns. The demo and the scenarios print it.
 */

export {
  type CountedRound,
  type CountRules,
  nameLookup,
} from '../../shared/notices/count-reading.ts';

/** Columns in a terminal: CJK characters and full-width forms take two. */
const displayWidth = (text: string): number =>
  [...text].reduce((width, char) => width + (WIDE.test(char) ? 2 : 1), 0);
const WIDE =
  /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6\u{20000}-\u{3fffd}]/u;
const padEnd = (text: string, width: number) =>
  text + ' '.repeat(Math.max(0, width - displayWidth(text)));
const padStart = (text: string, width: number) =>
  ' '.repeat(Math.max(0, width - displayWidth(text))) + text;

/** One line per candidate, by votes (by rate where a rate ranks), columns aligned. */
const candidateLines = (rows: ReturnType<typeof countRows>['rows']): string[] => {
  const names = rows.map((r) => r.name + (r.writeIn ? '(另选)' : ''));
  const nameWidth = Math.max(...names.map(displayWidth));
  const votesWidth = Math.max(...rows.map((r) => String(r.votes).length));
  const shareWidth = Math.max(...rows.map((r) => r.shown.length));
  return rows.map((r, i) =>
    [
      padEnd(names[i] ?? '', nameWidth),
      `${padStart(String(r.votes), votesWidth)} 票`,
      padStart(r.shown, shareWidth),
      r.mark,
    ]
      .join('  ')
      .trimEnd(),
  );
};

/** The count of a closed round, line by line (the first line unindented). */
export const tallyReport = (
  round: CountedRound,
  rules: CountRules,
  nameOf: (id: string) => string,
): string[] => {
  const counted = round.tally.status === 'valid';
  const { basis, rows } = countRows(round, rules, nameOf);
  const { result, next } = countOutcome(round, nameOf);
  return [
    countHeading(round),
    `  ${ballotsLine(round)}`,
    ...(counted ? [`  ${basis}`, ...candidateLines(rows).map((l) => `  ${l}`)] : []),
    `  结果:${result} → ${next}`,
  ];
};

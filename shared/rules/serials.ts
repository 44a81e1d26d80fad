import * as z from 'zod';

/**
 * Printed ballot serials (选票编号): the ballot's number, zero-padded to the papers' width (at
 * least 3 digits), followed by one Damm check digit — so a teller's mistyped serial (any single
 * wrong digit, any two neighbours swapped) is refused at entry instead of counted under another
 * paper's number. Damm rather than Luhn: Luhn misses the 09 ↔ 90 swap.
 */

/** Damm's quasigroup of order 10 (weakly totally anti-symmetric). */
const DAMM: readonly (readonly number[])[] = [
  [0, 3, 1, 7, 5, 9, 8, 6, 4, 2],
  [7, 0, 9, 2, 1, 5, 4, 8, 6, 3],
  [4, 2, 0, 6, 8, 7, 1, 3, 5, 9],
  [1, 7, 5, 0, 9, 8, 3, 4, 2, 6],
  [6, 1, 2, 3, 0, 4, 5, 9, 7, 8],
  [3, 6, 7, 4, 2, 0, 9, 5, 8, 1],
  [5, 8, 6, 9, 7, 2, 0, 1, 3, 4],
  [8, 9, 4, 5, 3, 6, 2, 0, 1, 7],
  [9, 4, 3, 8, 6, 1, 7, 2, 0, 5],
  [2, 5, 8, 1, 4, 3, 6, 7, 9, 0],
];

/** The interim digit after running `digits` through the table; 0 for a valid checked string. */
const interim = (digits: string): number => {
  let state = 0;
  for (const digit of digits) state = DAMM[state]?.[Number(digit)] ?? 0;
  return state;
};

/** The Damm check digit of a string of decimal digits. */
export const dammDigit = (digits: string): number => interim(digits);

/** The fewest digits a printed number has (before its check digit). */
export const MIN_SERIAL_WIDTH = 3;

/** The width of the numbers 1…count: at least 3 digits, enough for the last one. */
export const serialWidth = (count: number): number =>
  Math.max(MIN_SERIAL_WIDTH, String(Math.max(1, Math.trunc(count))).length);

const PrintedNumber = z.strictObject({ n: z.int().min(1), width: z.int().min(1).max(15) });

/** The serial printed on paper number `n` (1-based) of papers `width` digits wide. */
export const printedSerial = (n: number, width: number = MIN_SERIAL_WIDTH): string => {
  const valid = PrintedNumber.parse({ n, width });
  const digits = String(valid.n).padStart(valid.width, '0');
  return `${digits}${dammDigit(digits)}`;
};

/** Why a typed serial is not a printed one. */
export type SerialFault = 'serial-check-digit' | 'serial-not-printed';

/**
 * The paper number a typed serial stands for, or why it stands for none: not digits or a wrong
 * check digit (`serial-check-digit`); the wrong length for papers `width` wide, when given
 * (`serial-not-printed`: 01273 and 1273 would be two serials for one paper).
 */
export const parsePrintedSerial = (
  serial: string,
  width?: number,
): { ok: true; n: number } | { ok: false; rule: SerialFault } => {
  if (!/^\d{2,16}$/.test(serial) || interim(serial) !== 0) {
    return { ok: false, rule: 'serial-check-digit' };
  }
  if (width !== undefined && serial.length !== width + 1) {
    return { ok: false, rule: 'serial-not-printed' };
  }
  const n = Number(serial.slice(0, -1));
  return n >= 1 ? { ok: true, n } : { ok: false, rule: 'serial-not-printed' };
};

/** The printed papers of a round: `count` numbered 1…count; a recommendation's, by constituency. */
export const BallotPapers = z.strictObject({
  count: z.int().min(1),
  width: z.int().min(MIN_SERIAL_WIDTH),
  /** Consecutive ranges in the rules' order of constituencies (recommendation). */
  constituencies: z
    .array(z.strictObject({ id: z.string(), from: z.int().min(1), count: z.int().min(1) }))
    .optional(),
});
export type BallotPapers = z.infer<typeof BallotPapers>;

const PaperCount = z.int().min(1).max(100_000);

/** `POST …/ballot-papers`: the count (default: the round's 应到会), or per constituency. */
export const BallotPapersRequest = z.strictObject({
  count: PaperCount.optional(),
  /** Recommendation: each of the rules' constituencies (by id or name) with its papers. */
  constituencies: z
    .array(z.strictObject({ id: z.string().min(1), count: PaperCount }))
    .min(1)
    .optional(),
});
export type BallotPapersRequest = z.infer<typeof BallotPapersRequest>;

/**
 * The papers for `count` ballots, or one consecutive range per constituency (in the order
 * given) when `constituencies` is given (their counts add up to the total).
 */
export const planBallotPapers = (
  count: number,
  constituencies?: readonly { id: string; count: number }[],
): BallotPapers => {
  if (!constituencies) return { count, width: serialWidth(count) };
  let next = 1;
  const ranges = constituencies.map(({ id, count: own }) => {
    const range = { id, from: next, count: own };
    next += own;
    return range;
  });
  const total = next - 1;
  return { count: total, width: serialWidth(total), constituencies: ranges };
};

/** Every serial of the papers in order, with its constituency's id where there are ranges. */
export const papersSerials = (papers: BallotPapers): { serial: string; constituency?: string }[] =>
  papers.constituencies
    ? papers.constituencies.flatMap(({ id, from, count }) =>
        Array.from({ length: count }, (_, i) => ({
          serial: printedSerial(from + i, papers.width),
          constituency: id,
        })),
      )
    : Array.from({ length: papers.count }, (_, i) => ({
        serial: printedSerial(i + 1, papers.width),
      }));

/**
 * Whether a typed serial is one of the printed papers (and, for a recommendation ballot, of its
 * constituency's range); the rule it breaks otherwise, with a Chinese message naming it.
 */
export const checkPrintedSerial = (
  papers: BallotPapers,
  serial: string,
  constituency?: string,
): { ok: true } | { ok: false; rule: SerialFault | 'serial-constituency'; message: string } => {
  const parsed = parsePrintedSerial(serial, papers.width);
  if (!parsed.ok) {
    return parsed.rule === 'serial-check-digit'
      ? { ok: false, rule: parsed.rule, message: `编号 ${serial} 校验位不符:请核对选票上的编号` }
      : {
          ok: false,
          rule: parsed.rule,
          message: `编号 ${serial} 不是本轮印制的选票编号(应为 ${papers.width + 1} 位)`,
        };
  }
  if (parsed.n > papers.count) {
    return {
      ok: false,
      rule: 'serial-not-printed',
      message: `编号 ${serial} 不是本轮印制的选票编号(本轮印制 ${papers.count} 张)`,
    };
  }
  if (papers.constituencies && constituency !== undefined) {
    const range = papers.constituencies.find((c) => c.id === constituency);
    if (!range || parsed.n < range.from || parsed.n >= range.from + range.count) {
      return {
        ok: false,
        rule: 'serial-constituency',
        message: `编号 ${serial} 不在该推荐单位的选票编号范围内`,
      };
    }
  }
  return { ok: true };
};

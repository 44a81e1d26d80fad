// Builders and helpers the rules tests share; each test file keeps the fixtures only it uses.
import { expect } from 'vitest';
import { ZodError } from 'zod';
import type { ElectionBallot } from '../../../shared/rules/ballots-schema.ts';
import type { Checked } from '../../../shared/rules/violations.ts';

export { ALL_DOCUMENTS, member } from '../../support/builders.ts';

/** Election or recall ballots: groups of `n` identical ballots, serials s0, s1, … across groups. */
export const ballots = (
  ...groups: [number, ElectionBallot['marks'], string[]?][]
): ElectionBallot[] => {
  let serial = 0;
  return groups.flatMap(([n, marks, writeIns]) =>
    Array.from({ length: n }, () => ({
      serial: `s${serial++}`,
      marks,
      ...(writeIns ? { writeIns } : {}),
    })),
  );
};

/** A full house: everyone expected is present, takes a ballot and returns it. */
export const everyone = (n: number) => ({ expected: n, present: n, issued: n });

/** The rules a result breaks, in order; none when it is ok. */
export const brokenRules = (result: Checked<unknown>): string[] =>
  result.ok ? [] : result.violations.map((v) => v.rule);

/** The issues of the ZodError `run` throws; anything else fails the test. */
export const zodIssues = (run: () => unknown): ZodError['issues'] => {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ZodError);
    return (error as ZodError).issues;
  }
  throw new Error('expected a ZodError');
};

/** The paths of those issues, dotted: `ballots.1.serial`. */
export const zodPaths = (run: () => unknown): string[] =>
  zodIssues(run).map((issue) => issue.path.join('.'));

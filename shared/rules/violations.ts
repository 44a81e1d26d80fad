/**
 * A broken rule, named so the API can pass it through unchanged: `rule` is a stable code
 * (e.g. `party-age`, `too-few-supporters`), `message` says it in Chinese for people.
 * `conflict` marks a clash with what is already recorded (HTTP 409) rather than input that
 * breaks a rule by itself (HTTP 422).
 */
export interface Violation {
  rule: string;
  message: string;
  conflict?: boolean;
  /** The field of the input it concerns, when one does (e.g. `['constituencies', 1, 'present']`). */
  path?: (string | number)[];
}

export type Checked<T> = { ok: true; value: T } | { ok: false; violations: Violation[] };

export const ok = <T>(value: T): Checked<T> => ({ ok: true, value });
export const broken = <T = never>(violations: Violation[]): Checked<T> => ({
  ok: false,
  violations,
});

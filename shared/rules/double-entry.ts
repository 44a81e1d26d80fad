import * as z from 'zod';

/**
 * Double entry (双人录入): two tellers enter every paper ballot of a round independently. The
 * first entry of a serial is pass 1; an entry by another person is pass 2, which counts the
 * ballot when it holds the same marks and is a mismatch when it does not; anything more is a
 * duplicate. The 监票人 settles a serial left open (one entry, or two that differ) by choosing a
 * version or neither. Entries hold what the paper says and who typed it — never a voter.
 */

/** One teller's reading of one paper: the content as checked, and who entered it when. */
export interface EntryVersion {
  content: Record<string, unknown>;
  valid: boolean;
  reason?: string;
  /** The principal (token `sub`) who entered it. */
  by: string;
  at: string;
}

export const EntryStatus = z.enum(['single', 'matched', 'mismatched', 'resolved']);
export type EntryStatus = z.infer<typeof EntryStatus>;

export const EntryChoice = z.enum(['first', 'second', 'neither']);
export type EntryChoice = z.infer<typeof EntryChoice>;

/** The entries of one serial. */
export interface SerialEntries {
  serial: string;
  first: EntryVersion;
  second?: EntryVersion;
  status: EntryStatus;
  resolution?: { choose: EntryChoice; reason: string; by: string; at: string };
}

/** Open: the serial keeps the round from closing until a second entry or the 监票人 settles it. */
export const isOpen = (entries: Pick<SerialEntries, 'status'>): boolean =>
  entries.status === 'single' || entries.status === 'mismatched';

/** The version the count holds for a settled serial (none while open, or when neither). */
export const countedVersion = (entries: SerialEntries): EntryVersion | undefined => {
  if (entries.status === 'matched') return entries.first;
  if (entries.status !== 'resolved') return undefined;
  const choose = entries.resolution?.choose;
  return choose === 'first' ? entries.first : choose === 'second' ? entries.second : undefined;
};

/** What an entry of a serial is, given the serial's entries so far. */
export type EntryPlan =
  | { kind: 'first' }
  | { kind: 'second'; matched: boolean }
  /** Resend: the same person sent what they entered before, or what the count holds. */
  | { kind: 'duplicate'; alreadyStored?: { valid: boolean; reason?: string } };

/**
 * Plans one entry by `by` of `content` (compared by `same`, e.g. canonical JSON: a map's key
 * order is not kept). Only another person's entry of a single serial is a second pass: the same
 * person again, a third entry, or one after the 监票人's choice is a duplicate, "already stored"
 * when it holds what that person entered (a retried request) or what the count holds.
 */
export const planEntry = (
  existing: SerialEntries | undefined,
  by: string,
  content: Record<string, unknown>,
  same: (a: Record<string, unknown>, b: Record<string, unknown>) => boolean,
): EntryPlan => {
  if (!existing) return { kind: 'first' };
  if (existing.status === 'single' && existing.first.by !== by) {
    return { kind: 'second', matched: same(existing.first.content, content) };
  }
  const own = [existing.first, existing.second].find((version) => version?.by === by);
  const reference = own ?? countedVersion(existing);
  if (!reference || !same(reference.content, content)) return { kind: 'duplicate' };
  const { valid, reason } = reference;
  return { kind: 'duplicate', alreadyStored: reason === undefined ? { valid } : { valid, reason } };
};

/** Why a resolution cannot be made, or the version it counts (undefined: neither is counted). */
export type ResolutionPlan =
  | { refused: 'not-open' | 'no-second-entry' }
  | { refused?: undefined; counted: EntryVersion | undefined };

/** The 监票人's choice on one serial: only an open one; `second` only when there is one. */
export const planResolution = (entries: SerialEntries, choose: EntryChoice): ResolutionPlan => {
  if (!isOpen(entries)) return { refused: 'not-open' };
  if (choose === 'neither') return { counted: undefined };
  if (choose === 'second' && !entries.second) return { refused: 'no-second-entry' };
  return { counted: choose === 'first' ? entries.first : entries.second };
};

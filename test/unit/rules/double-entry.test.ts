// Proves the double-entry rules (双人录入): only another person's entry of a single serial is a
// second pass, matching or not; the same person again, a third person or an entry after the
// 监票人's choice is a duplicate, "already stored" only when it holds what that person entered
// or what the count holds; the 监票人 settles open serials only, `second` only where there is
// one; and the rules field defaults to single entry.
import { describe, expect, it } from 'vitest';
import {
  countedVersion,
  type EntryVersion,
  planEntry,
  planResolution,
  type SerialEntries,
} from '../../../shared/rules/double-entry.ts';
import { PRESETS } from '../../../shared/rules/presets.ts';
import { Rules, RulesOverrides } from '../../../shared/rules/rules.ts';

const same = (a: Record<string, unknown>, b: Record<string, unknown>) =>
  JSON.stringify(a) === JSON.stringify(b);
const FOR = { marks: { m01: 'for' } };
const AGAINST = { marks: { m01: 'against' } };
const version = (by: string, content = FOR, valid = true): EntryVersion => ({
  content,
  valid,
  by,
  at: '2026-03-31T08:00:00Z',
});
const single: SerialEntries = { serial: 'S1', first: version('a'), status: 'single' };
const mismatched: SerialEntries = {
  serial: 'S1',
  first: version('a'),
  second: version('b', AGAINST),
  status: 'mismatched',
};

describe('planEntry', () => {
  it('a new serial is the first pass', () => {
    expect(planEntry(undefined, 'a', FOR, same)).toEqual({ kind: 'first' });
  });

  it('another person’s entry of a single serial is the second pass, matched or not', () => {
    expect(planEntry(single, 'b', FOR, same)).toEqual({ kind: 'second', matched: true });
    expect(planEntry(single, 'b', AGAINST, same)).toEqual({ kind: 'second', matched: false });
  });

  it('the same person again is a duplicate, already stored when it holds what they entered', () => {
    expect(planEntry(single, 'a', FOR, same)).toEqual({
      kind: 'duplicate',
      alreadyStored: { valid: true },
    });
    expect(planEntry(single, 'a', AGAINST, same)).toEqual({ kind: 'duplicate' });
    expect(planEntry(mismatched, 'b', AGAINST, same)).toEqual({
      kind: 'duplicate',
      alreadyStored: { valid: true },
    });
  });

  it('a third person is a duplicate, already stored only when it holds what the count holds', () => {
    const matched: SerialEntries = { ...single, second: version('b'), status: 'matched' };
    expect(planEntry(matched, 'c', FOR, same)).toEqual({
      kind: 'duplicate',
      alreadyStored: { valid: true },
    });
    expect(planEntry(mismatched, 'c', FOR, same)).toEqual({ kind: 'duplicate' });
  });

  it('after the 监票人 chose, an entry is a duplicate — of the chosen version, or of none', () => {
    const resolution = { reason: '核对原票', by: 's', at: '2026-03-31T09:00:00Z' };
    const chosen: SerialEntries = {
      ...mismatched,
      status: 'resolved',
      resolution: { ...resolution, choose: 'second' },
    };
    expect(countedVersion(chosen)?.content).toEqual(AGAINST);
    expect(planEntry(chosen, 'c', AGAINST, same)).toMatchObject({ alreadyStored: { valid: true } });
    const none: SerialEntries = {
      ...single,
      status: 'resolved',
      resolution: { ...resolution, choose: 'neither' },
    };
    expect(countedVersion(none)).toBeUndefined();
    expect(planEntry(none, 'b', FOR, same)).toEqual({ kind: 'duplicate' });
  });

  it('an invalid ballot already stored says so with its reason', () => {
    const invalid = { ...single, first: { ...version('a'), valid: false, reason: 'too-many' } };
    expect(planEntry(invalid, 'a', FOR, same)).toEqual({
      kind: 'duplicate',
      alreadyStored: { valid: false, reason: 'too-many' },
    });
  });
});

describe('planResolution', () => {
  it('counts the chosen version, or none', () => {
    expect(planResolution(mismatched, 'second')).toEqual({ counted: mismatched.second });
    expect(planResolution(mismatched, 'first')).toEqual({ counted: mismatched.first });
    expect(planResolution(single, 'neither')).toEqual({ counted: undefined });
  });

  it('refuses a settled serial and a second version that does not exist', () => {
    expect(planResolution({ ...mismatched, status: 'matched' }, 'first')).toEqual({
      refused: 'not-open',
    });
    expect(planResolution(single, 'second')).toEqual({ refused: 'no-second-entry' });
  });
});

describe('the doubleEntry rules field', () => {
  it('every preset enters once (SPEC §8); rules stored without the field read as none', () => {
    for (const rules of Object.values(PRESETS)) expect(rules.doubleEntry).toEqual([]);
    const { doubleEntry: _omitted, ...older } = PRESETS.community;
    expect(Rules.parse(older).doubleEntry).toEqual([]);
  });

  it('an override names each round kind once, and leaving it out keeps the preset’s', () => {
    expect(RulesOverrides.parse({ doubleEntry: ['election'] })).toEqual({
      doubleEntry: ['election'],
    });
    expect(RulesOverrides.parse({})).toEqual({});
    expect(RulesOverrides.safeParse({ doubleEntry: ['election', 'election'] }).success).toBe(false);
    expect(RulesOverrides.safeParse({ doubleEntry: ['ballot'] }).success).toBe(false);
  });
});

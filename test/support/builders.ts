// Records the tests build by hand: members and rolls, elections and rounds. Each test passes the
// fields its assertions depend on as overrides, so what a test reads is written in the test.
import { type Member, PRESETS, planCalendar, type Rules } from '../../shared/rules/index.ts';
import type { ElectionRecord, NominationRecord, RoundRecord } from '../../shared/store/records.ts';

/** An entitled member: 正式党员 with normal rights, 组织关系 here, 本科, born 1975, declared healthy. */
export const member = (id: string, overrides: Partial<Member> = {}): Member => ({
  id,
  name: `党员${id}`,
  birthDate: '1975-06-01',
  education: 'bachelor',
  status: 'full',
  fullSince: '2010-07-01',
  orgRelationLocal: true,
  healthy: true,
  ...overrides,
});

/** The same member with an e-mail address `${id}@example.org` (notices reach them). */
export const mailedMember = (id: string, overrides: Partial<Member> = {}): Member =>
  member(id, { email: `${id}@example.org`, ...overrides });

/** Without the keys whose value is undefined (as the store gives a record back). */
export const stored = <T>(record: T): T => JSON.parse(JSON.stringify(record)) as T;

/** A nominee's papers, all brought (第六条 2). */
export const ALL_DOCUMENTS = { idCard: true, householdRegister: true, diploma: true, photo: true };

const EDUCATION: Member['education'][] = ['senior', 'associate', 'bachelor', 'junior', 'master'];

/** A roll of `n` full members (ids `m01`…), ages and education varied but predictable. */
export const roll = (n: number, prefix = 'm'): Member[] =>
  Array.from({ length: n }, (_, i) => ({
    id: `${prefix}${String(i + 1).padStart(2, '0')}`,
    name: `党员${i + 1}`,
    email: `${prefix}${i + 1}@example.org`,
    birthDate: `${1970 + (i % 20)}-06-15`,
    education: EDUCATION[i % EDUCATION.length] as Member['education'],
    status: 'full' as const,
    fullSince: '2010-07-01',
    orgRelationLocal: true,
    healthy: true,
  }));

/** The start of the elections tests seed: the secretary election falls on 2026-03-31 (Shanghai). */
export const SEEDED_START = '2026-03-01T00:00:00.000Z';

/**
 * A community election (1 secretary, 2 members) on real days from 2026-03-01, version 1. The
 * calendar follows `rules` unless given.
 */
export const electionRecord = (
  overrides: Partial<ElectionRecord> & Pick<ElectionRecord, 'id' | 'orgId' | 'rollId'>,
): ElectionRecord => {
  // A field given as undefined takes its default (callers pass their options through).
  const given = Object.fromEntries(
    Object.entries(overrides).filter(([, value]) => value !== undefined),
  ) as typeof overrides;
  const rules: Rules = given.rules ?? PRESETS.community;
  const startsAt = given.startsAt ?? SEEDED_START;
  const dayLengthMs = given.dayLengthMs ?? 86_400_000;
  return {
    preset: rules.preset,
    seats: { secretary: 1, deputies: 0, members: 2 },
    rules,
    calendar: planCalendar({ startsAt, dayLengthMs }, rules),
    stage: 'recommendation',
    version: 1,
    dayLengthMs,
    startsAt,
    createdAt: '2026-02-20T00:00:00.000Z',
    createdBy: 'test',
    ...given,
  };
};

/** The first secretary election round between `a` and `b` (one seat), closed. */
export const roundRecord = (overrides: Partial<RoundRecord> = {}): RoundRecord => ({
  id: 'secretary-election-1',
  kind: 'election',
  office: 'secretary',
  stage: 'secretary-election',
  number: 1,
  status: 'closed',
  candidates: ['a', 'b'],
  seats: 1,
  revotesSoFar: 0,
  openedAt: '2026-04-14T01:00:00.000Z',
  ...overrides,
});

/** A committee (委员) election round among `a`, `b` and `c` for two seats, closed. */
export const committeeRound = (overrides: Partial<RoundRecord> = {}): RoundRecord =>
  roundRecord({
    office: 'member',
    stage: 'member-election',
    candidates: ['a', 'b', 'c'],
    seats: 2,
    ...overrides,
  });

/** A secretary nomination of one kind with every document, passing the check, no supporters. */
export const nominationRecord = (
  nomineeId: string,
  kind: NominationRecord['kind'],
  overrides: Partial<NominationRecord> = {},
): NominationRecord => ({
  id: `${nomineeId}-${kind}`,
  kind,
  office: 'secretary',
  nomineeId,
  supporterIds: [],
  documents: ALL_DOCUMENTS,
  check: { eligible: true, failures: [] },
  enteredBy: 'organizer',
  at: '2026-03-23T00:00:00.000Z',
  ...overrides,
});

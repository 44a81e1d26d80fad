// Proves the election calendar (SPEC §7, §9): planned windows from the start date on any day
// length, notice periods that keep their 7 days when they begin late, organizers' deadline
// moves and their refusals, the election day and display in Asia/Shanghai time.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  beginStage,
  type Calendar,
  DEFAULT_DAY_LENGTH_MS,
  deadlineOf,
  electionDay,
  formatShanghai,
  isPast,
  moveDeadline,
  planCalendar,
  shanghaiDate,
} from '../../../shared/rules/calendar.ts';
import { PRESETS } from '../../../shared/rules/presets.ts';
import type { Stage } from '../../../shared/rules/stages.ts';
import { zodPaths } from './fixtures.ts';

const DAY = DEFAULT_DAY_LENGTH_MS;
const community = PRESETS.community;
const START = '2026-03-15T01:00:00.000Z'; // 3月15日 09:00 in Shanghai

const at = (start: string, days: number, dayLengthMs = DAY): string =>
  new Date(Date.parse(start) + days * dayLengthMs).toISOString();

/** A stage's window as days after the start, to compare with the table of SPEC §7. */
const daysOf = (calendar: Calendar, stage: Stage, start = START, dayLengthMs = DAY) => {
  const entry = calendar[stage];
  if (!entry) throw new Error(`no ${stage}`);
  const day = (iso: string) => (Date.parse(iso) - Date.parse(start)) / dayLengthMs;
  return [day(entry.from), day(entry.until)];
};

const entryOf = (calendar: Calendar, stage: Stage) => {
  const entry = calendar[stage];
  if (!entry) throw new Error(`no ${stage}`);
  return entry;
};

const plan = (dayLengthMs = DAY) => planCalendar({ startsAt: START, dayLengthMs }, community);

describe('planCalendar', () => {
  it('reproduces the community calendar of SPEC §7 from the start date', () => {
    const calendar = plan();
    expect(daysOf(calendar, 'announcement')).toEqual([0, 8]);
    expect(daysOf(calendar, 'nomination')).toEqual([8, 12]);
    expect(daysOf(calendar, 'eligibility-review')).toEqual([12, 13]);
    expect(daysOf(calendar, 'preliminary-notice')).toEqual([13, 20]);
    expect(daysOf(calendar, 'recommendation')[0]).toBe(21);
    expect(daysOf(calendar, 'formal-notice')).toEqual([23, 30]);
    expect(daysOf(calendar, 'secretary-election')[0]).toBe(30);
  });

  it('plans the member election on the same assembly day as the secretary election', () => {
    const calendar = plan();
    expect(entryOf(calendar, 'member-election').from).toBe(
      entryOf(calendar, 'secretary-election').from,
    );
  });

  it('puts a 3月15日 start on the seed dates: self-nomination 3月23日, direct election 4月14日', () => {
    const calendar = planCalendar({ startsAt: '2026-03-15T09:00:00+08:00' }, community);
    expect(shanghaiDate(entryOf(calendar, 'announcement').from)).toBe('2026-03-15');
    expect(shanghaiDate(entryOf(calendar, 'nomination').from)).toBe('2026-03-23');
    expect(shanghaiDate(entryOf(calendar, 'secretary-election').from)).toBe('2026-04-14');
  });

  it('plans every stage the rules run, in their order, and no other', () => {
    for (const rules of Object.values(PRESETS)) {
      const calendar = planCalendar({ startsAt: START }, rules);
      expect(Object.keys(calendar)).toEqual(rules.stages);
    }
    expect(plan()['deputy-election']).toBeUndefined();
  });

  it('a day defaults to a real day (86 400 000 ms)', () => {
    const calendar = planCalendar({ startsAt: START }, community);
    expect(entryOf(calendar, 'nomination').from).toBe('2026-03-23T01:00:00.000Z');
  });

  it('a 1-second day gives the same shape scaled down', () => {
    const calendar = plan(1000);
    expect(entryOf(calendar, 'announcement')).toEqual({
      from: START,
      until: '2026-03-15T01:00:08.000Z',
    });
    expect(daysOf(calendar, 'preliminary-notice', START, 1000)).toEqual([13, 20]);
    expect(daysOf(calendar, 'secretary-election', START, 1000)).toEqual([30, 31]);
  });

  it('writes times in UTC with milliseconds whatever zone the start was given in', () => {
    const calendar = planCalendar({ startsAt: '2026-03-15T09:00:00+08:00' }, community);
    expect(entryOf(calendar, 'announcement').from).toBe('2026-03-15T01:00:00.000Z');
  });

  it('refuses bad input with a ZodError naming the field', () => {
    expect(zodPaths(() => planCalendar({ startsAt: START, dayLengthMs: 0 }, community))).toEqual([
      'dayLengthMs',
    ]);
    expect(zodPaths(() => planCalendar({ startsAt: START, dayLengthMs: 1.5 }, community))).toEqual([
      'dayLengthMs',
    ]);
    expect(zodPaths(() => planCalendar({ startsAt: 'tomorrow' }, community))).toEqual(['startsAt']);
    // A time without a zone is ambiguous (Shanghai or UTC?), so it is refused.
    expect(zodPaths(() => planCalendar({ startsAt: '2026-03-15T09:00:00' }, community))).toEqual([
      'startsAt',
    ]);
  });

  it('keeps every stage length and the order of fromDays for any start and day length', () => {
    const window = fc.record({
      fromDay: fc.integer({ min: 0, max: 60 }),
      days: fc.integer({ min: 1, max: 14 }),
    });
    fc.assert(
      fc.property(
        fc.date({ min: new Date('2000-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }),
        fc.integer({ min: 1, max: DAY }),
        fc.oneof(
          fc.constantFrom(...Object.values(PRESETS)),
          fc.array(window, { minLength: 1, maxLength: 8 }).map((windows) => {
            // The community order's first stages (up to secretary-election: at most 8 windows).
            const stages = PRESETS.community.stages.slice(0, windows.length) as Stage[];
            return { stages, calendar: Object.fromEntries(stages.map((s, i) => [s, windows[i]])) };
          }),
        ),
        (start, dayLengthMs, rules) => {
          const startsAt = start.toISOString();
          const calendar = planCalendar({ startsAt, dayLengthMs }, rules);
          const windows = rules.stages.map((stage) => {
            const planned = rules.calendar[stage];
            const entry = entryOf(calendar, stage);
            if (!planned) throw new Error(`no window for ${stage}`);
            return { planned, from: Date.parse(entry.from), until: Date.parse(entry.until) };
          });
          for (const w of windows) {
            expect(w.until - w.from).toBe(w.planned.days * dayLengthMs);
            expect(w.from - start.getTime()).toBe(w.planned.fromDay * dayLengthMs);
          }
          for (const a of windows) {
            for (const b of windows) {
              expect(Math.sign(a.from - b.from)).toBe(
                Math.sign(a.planned.fromDay - b.planned.fromDay),
              );
            }
          }
        },
      ),
    );
  });
});

describe('beginStage', () => {
  const notice = 'preliminary-notice';

  it('a notice begun two days late still lasts its full 7 days', () => {
    const planned = plan();
    const late = at(entryOf(planned, notice).from, 2);
    const begun = entryOf(beginStage(planned, notice, late, community, DAY), notice);
    expect(begun).toEqual({ from: late, until: at(late, 7) });
  });

  /** The notice's deadline moved to `movedTo` days after its start, then begun `lateBy` days late. */
  const movedThenBegunLate = (movedTo: number, lateBy: number) => {
    const planned = plan();
    const from = entryOf(planned, notice).from;
    const moved = moveDeadline(planned, notice, at(from, movedTo), START);
    if (!moved.ok) throw new Error('move refused');
    const late = at(from, lateBy);
    const begun = entryOf(beginStage(moved.value, notice, late, community, DAY), notice);
    return { from, late, begun };
  };

  it('a notice begun on time keeps its planned deadline', () => {
    const planned = plan();
    const entry = entryOf(planned, notice);
    expect(entryOf(beginStage(planned, notice, entry.from, community, DAY), notice)).toEqual(entry);
  });

  it('a moved notice deadline is honoured even if the notice begins late', () => {
    const { from, late, begun } = movedThenBegunLate(10, 2);
    expect(begun).toEqual({ from: late, until: at(from, 10), moved: true });
  });

  it('a stage that is not a notice keeps its planned deadline when it begins late', () => {
    const planned = plan();
    const { from, until } = entryOf(planned, 'nomination');
    const late = at(from, 1);
    const begun = entryOf(beginStage(planned, 'nomination', late, community, DAY), 'nomination');
    expect(begun).toEqual({ from: late, until });
  });

  it('a stage whose deadline passed before it began gets its full length', () => {
    const planned = plan();
    const { until } = entryOf(planned, 'eligibility-review');
    const late = at(until, 2);
    const begun = beginStage(planned, 'eligibility-review', late, community, DAY);
    expect(entryOf(begun, 'eligibility-review')).toEqual({ from: late, until: at(late, 1) });
  });

  it('a moved deadline that passed before the stage began gives way to the full length', () => {
    const { late, begun } = movedThenBegunLate(3, 5);
    expect(begun).toEqual({ from: late, until: at(late, 7) });
  });

  it('beginning the same stage again at the same instant changes nothing (a retried task)', () => {
    const planned = plan();
    const late = at(entryOf(planned, notice).from, 2);
    const once = beginStage(planned, notice, late, community, DAY);
    expect(beginStage(once, notice, late, community, DAY)).toEqual(once);
  });

  it('beginning one stage leaves the others and the input calendar as they were', () => {
    const planned = plan();
    const copy = structuredClone(planned);
    const begun = beginStage(planned, notice, at(START, 15), community, DAY);
    expect(planned).toEqual(copy);
    expect({ ...begun, [notice]: undefined }).toEqual({ ...planned, [notice]: undefined });
  });

  it('scales the full length with the day length', () => {
    const planned = plan(1000);
    const late = at(entryOf(planned, notice).from, 2, 1000);
    const begun = entryOf(beginStage(planned, notice, late, community, 1000), notice);
    expect(begun.until).toBe(at(late, 7, 1000));
  });

  it('refuses a stage missing from the calendar or a bad instant with a ZodError naming it', () => {
    const planned = plan();
    expect(zodPaths(() => beginStage(planned, 'deputy-election', START, community, DAY))).toEqual([
      'stage',
    ]);
    expect(zodPaths(() => beginStage(planned, notice, 'now', community, DAY))).toEqual(['at']);
    expect(zodPaths(() => beginStage(planned, notice, START, community, 0))).toEqual([
      'dayLengthMs',
    ]);
  });
});

describe('moveDeadline', () => {
  const notice = 'preliminary-notice';

  it('moves the deadline of a stage that has not started, and marks it moved', () => {
    const planned = plan();
    const deadline = at(START, 25);
    const moved = moveDeadline(planned, notice, deadline, START);
    expect(moved).toEqual({
      ok: true,
      value: {
        ...planned,
        [notice]: { from: entryOf(planned, notice).from, until: deadline, moved: true },
      },
    });
  });

  it('moving one deadline leaves the others', () => {
    const planned = plan();
    const moved = moveDeadline(planned, 'nomination', at(START, 14), START);
    if (!moved.ok) throw new Error('move refused');
    for (const stage of community.stages.filter((s) => s !== 'nomination')) {
      expect(moved.value[stage]).toEqual(planned[stage]);
    }
  });

  it('refuses to move a deadline that has passed, as a conflict (409)', () => {
    const planned = plan();
    const now = at(START, 9); // the announcement closed on day 8
    expect(moveDeadline(planned, 'announcement', at(START, 10), now)).toEqual({
      ok: false,
      violations: [expect.objectContaining({ rule: 'deadline-passed', conflict: true })],
    });
  });

  it('a deadline reached at this very instant counts as passed', () => {
    const planned = plan();
    const now = entryOf(planned, 'announcement').until;
    const moved = moveDeadline(planned, 'announcement', at(now, 1), now);
    expect(moved.ok || moved.violations.map((v) => v.rule)).toEqual(['deadline-passed']);
  });

  it('refuses a new deadline that is not in the future (422, not a conflict)', () => {
    const planned = plan();
    const now = at(START, 2);
    for (const deadline of [at(START, 1), now]) {
      const moved = moveDeadline(planned, 'announcement', deadline, now);
      expect(moved).toEqual({
        ok: false,
        violations: [{ rule: 'deadline-not-in-future', message: expect.any(String) }],
      });
    }
  });

  it('refuses a new deadline that is not after the start of the stage', () => {
    const planned = plan();
    const moved = moveDeadline(planned, notice, entryOf(planned, notice).from, START);
    expect(moved.ok || moved.violations.map((v) => v.rule)).toEqual(['deadline-before-start']);
  });

  it('names every rule a new deadline breaks', () => {
    const planned = plan();
    const moved = moveDeadline(planned, notice, at(START, 1), at(START, 2));
    expect(moved.ok || moved.violations.map((v) => v.rule)).toEqual([
      'deadline-not-in-future',
      'deadline-before-start',
    ]);
  });

  it('refuses a stage the election does not run as unknown-stage', () => {
    const planned = plan();
    for (const stage of ['deputy-election', 'no-such-stage']) {
      const moved = moveDeadline(planned, stage, at(START, 40), START);
      expect(moved.ok || moved.violations.map((v) => v.rule)).toEqual(['unknown-stage']);
    }
  });

  it('a moved deadline may be moved again while it has not passed', () => {
    const first = moveDeadline(plan(), notice, at(START, 25), START);
    if (!first.ok) throw new Error('move refused');
    const second = moveDeadline(first.value, notice, at(START, 22), at(START, 14));
    expect(second.ok && second.value[notice]?.until).toBe(at(START, 22));
  });

  it('stores the new deadline in UTC with milliseconds and leaves the input calendar alone', () => {
    const planned = plan();
    const copy = structuredClone(planned);
    const moved = moveDeadline(planned, notice, '2026-04-10T18:00:00+08:00', START);
    expect(moved.ok && moved.value[notice]?.until).toBe('2026-04-10T10:00:00.000Z');
    expect(planned).toEqual(copy);
  });

  it('refuses a malformed deadline with a ZodError naming it', () => {
    expect(zodPaths(() => moveDeadline(plan(), notice, 'next week', START))).toEqual(['deadline']);
    expect(zodPaths(() => moveDeadline(plan(), notice, START, ''))).toEqual(['now']);
  });
});

describe('deadlines and Shanghai time', () => {
  it('deadlineOf is the until of the stage, undefined for a stage not run', () => {
    const planned = plan();
    expect(deadlineOf(planned, 'nomination')).toBe(at(START, 12));
    expect(deadlineOf(planned, 'evaluation')).toBeUndefined();
  });

  it('isPast: a deadline is past from the instant it is reached', () => {
    expect(isPast(START, at(START, -1 / DAY))).toBe(false);
    expect(isPast(START, START)).toBe(true);
    expect(isPast(START, at(START, 1))).toBe(true);
    expect(isPast('2026-03-15T09:00:00+08:00', START)).toBe(true);
  });

  it('electionDay is the planned secretary-election day in Shanghai, not in UTC', () => {
    // 16:30 UTC on 3月14日 is already 00:30 on 3月15日 in Shanghai.
    const calendar = planCalendar({ startsAt: '2026-03-14T16:30:00Z' }, community);
    expect(entryOf(calendar, 'secretary-election').from.slice(0, 10)).toBe('2026-04-13');
    expect(electionDay(calendar)).toBe('2026-04-14');
  });

  it('every preset has an election day', () => {
    for (const rules of Object.values(PRESETS)) {
      expect(electionDay(planCalendar({ startsAt: START }, rules))).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
  });

  it('formatShanghai shows the wall-clock time in Shanghai in zh-CN style', () => {
    expect(formatShanghai('2026-12-01T01:00:00.000Z')).toBe('2026年12月1日 09:00');
    expect(formatShanghai('2026-03-14T16:30:00.000Z')).toBe('2026年3月15日 00:30');
    expect(formatShanghai('2026-03-15T15:59:00.000Z')).toBe('2026年3月15日 23:59');
  });

  it('shanghaiDate is YYYY-MM-DD in Shanghai', () => {
    expect(shanghaiDate('2026-03-14T16:00:00.000Z')).toBe('2026-03-15');
    expect(shanghaiDate('2026-03-14T15:59:59.999Z')).toBe('2026-03-14');
    expect(shanghaiDate('2026-12-31T16:00:00.000Z')).toBe('2027-01-01');
  });
});

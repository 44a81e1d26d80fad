import * as z from 'zod';
import type { Rules } from './rules.ts';
import { NOTICE_STAGES, Stage } from './stages.ts';
import { broken, type Checked, ok, type Violation } from './violations.ts';

/**
 * The election calendar (SPEC §7, §9): every stage's window as instants. `from` is when the
 * stage began (planned until it begins); `until` is its deadline, the instant the workflow
 * waits for. Times are ISO-8601 in UTC with milliseconds, as `Date#toISOString` writes them;
 * they are shown to people in Asia/Shanghai time.
 *
 * A deadline an organizer moved carries `moved: true` on its entry, so the mark is stored with
 * the calendar and survives a restart: when the stage begins late, a moved deadline is honoured
 * instead of being pushed out to the stage's full length.
 */

export const DEFAULT_DAY_LENGTH_MS = 86_400_000;
export const SHANGHAI = 'Asia/Shanghai';

/** The length of a calendar "day"; shorter than a real day only to run demos and tests fast. */
export const DayLengthMs = z
  .int()
  .positive()
  .max(DEFAULT_DAY_LENGTH_MS, { error: 'a day cannot be longer than 86 400 000 ms' });

/** An instant with a zone (Z or ±hh:mm), normalized to UTC with milliseconds. */
export const Instant = z.iso
  .datetime({
    offset: true,
    error: 'must be an ISO-8601 date-time with a zone, e.g. 2026-03-15T01:00:00.000Z',
  })
  .transform((text) => new Date(text).toISOString());

export const CalendarEntry = z.strictObject({
  from: Instant,
  until: Instant,
  /** Set when an organizer moved the deadline (PUT …/deadlines/{stage}). */
  moved: z.literal(true).optional(),
});
export type CalendarEntry = z.infer<typeof CalendarEntry>;

export const Calendar = z.partialRecord(Stage, CalendarEntry);
export type Calendar = z.infer<typeof Calendar>;

export const CalendarPlan = z.strictObject({
  startsAt: Instant,
  dayLengthMs: DayLengthMs.default(DEFAULT_DAY_LENGTH_MS),
});
export type CalendarPlan = z.input<typeof CalendarPlan>;

type CalendarRules = Pick<Rules, 'stages' | 'calendar'>;

const ms = (iso: string): number => Date.parse(iso);

/** Out of Date's range only with absurd windows; say so rather than write "Invalid Date". */
const toIso = (time: number): string => {
  const date = new Date(time);
  if (Number.isNaN(date.getTime())) throw new RangeError(`time ${time} is out of range`);
  return date.toISOString();
};

/** Rounded so a fractional window on a short day still lands on a whole millisecond. */
const span = (days: number, dayLengthMs: number): number => Math.round(days * dayLengthMs);

/** A ZodError naming a field, for checks a plain schema cannot express. */
const fieldError = (path: string, message: string, input: unknown): z.ZodError =>
  new z.ZodError([{ code: 'custom', path: [path], message, input }]);

/**
 * The planned calendar of an election: each stage in `rules.stages` from `startsAt + fromDay`
 * for `days` calendar days. Planned windows may overlap (the member election shares the
 * secretary election's assembly day). Throws a ZodError naming the field on bad input.
 */
export const planCalendar = (plan: CalendarPlan, rules: CalendarRules): Calendar => {
  const { startsAt, dayLengthMs } = CalendarPlan.parse(plan);
  const start = ms(startsAt);
  const calendar: Calendar = {};
  for (const stage of rules.stages) {
    const window = rules.calendar[stage];
    if (!window) throw fieldError('stages', `stage ${stage} has no planned window`, stage);
    const from = start + span(window.fromDay, dayLengthMs);
    calendar[stage] = { from: toIso(from), until: toIso(from + span(window.days, dayLengthMs)) };
  }
  return calendar;
};

const BeginInput = z.strictObject({
  calendar: Calendar,
  stage: Stage,
  at: Instant,
  dayLengthMs: DayLengthMs,
});

/**
 * The calendar once `stage` has actually begun `at`: its `from` becomes `at`. Its deadline:
 * - a notice stage (公示) begun after its planned start keeps its full length
 *   (`until` = `at` + days), unless an organizer moved the deadline;
 * - any other stage, or a moved one, keeps its deadline;
 * - a deadline that is already past when the stage begins is replaced by `at` + days (a stage
 *   never opens already closed), and the stale `moved` mark goes with it.
 * Beginning again at the same instant changes nothing, so a retried task is harmless.
 */
export const beginStage = (
  calendar: Calendar,
  stage: Stage,
  at: string,
  rules: Pick<Rules, 'calendar'>,
  dayLengthMs: number,
): Calendar => {
  const input = BeginInput.parse({ calendar, stage, at, dayLengthMs });
  const entry = input.calendar[input.stage];
  const window = rules.calendar[input.stage];
  if (!entry) throw fieldError('stage', `stage ${input.stage} is not in the calendar`, stage);
  if (!window) throw fieldError('stage', `stage ${input.stage} has no planned window`, stage);

  const begun = ms(input.at);
  const fullLength = toIso(begun + span(window.days, input.dayLengthMs));
  const late = begun > ms(entry.from);
  let next: CalendarEntry = { ...entry, from: input.at };
  if (NOTICE_STAGES.includes(input.stage) && late && !entry.moved) {
    next = { from: input.at, until: fullLength };
  }
  if (ms(next.until) <= begun) next = { from: input.at, until: fullLength };
  return { ...input.calendar, [input.stage]: next };
};

const MoveInput = z.strictObject({
  calendar: Calendar,
  stage: z.string(),
  deadline: Instant,
  now: Instant,
});

/**
 * An organizer moves the deadline of one stage (PUT …/deadlines/{stage}); the others stay.
 * Refused with `deadline-passed` (a conflict, 409) once that deadline has passed; with
 * `deadline-not-in-future` / `deadline-before-start` (422) when the new deadline is not after
 * now / after the stage's start. A stage that has not started may be moved.
 */
export const moveDeadline = (
  calendar: Calendar,
  stage: string,
  newDeadline: string,
  now: string,
): Checked<Calendar> => {
  const input = MoveInput.parse({ calendar, stage, deadline: newDeadline, now });
  const parsedStage = Stage.safeParse(input.stage);
  const entry = parsedStage.success ? input.calendar[parsedStage.data] : undefined;
  if (!parsedStage.success || !entry) {
    return broken([
      { rule: 'unknown-stage', message: `本次选举没有阶段 ${input.stage},无法调整其截止时间` },
    ]);
  }
  if (isPast(entry.until, input.now)) {
    return broken([
      {
        rule: 'deadline-passed',
        message: `阶段 ${input.stage} 的截止时间(${formatShanghai(entry.until)})已过,不能再调整`,
        conflict: true,
      },
    ]);
  }
  const violations: Violation[] = [];
  if (!(ms(input.deadline) > ms(input.now))) {
    violations.push({
      rule: 'deadline-not-in-future',
      message: `新的截止时间(${formatShanghai(input.deadline)})必须晚于当前时间`,
    });
  }
  if (!(ms(input.deadline) > ms(entry.from))) {
    violations.push({
      rule: 'deadline-before-start',
      message: `新的截止时间必须晚于阶段 ${input.stage} 的开始时间(${formatShanghai(entry.from)})`,
    });
  }
  if (violations.length > 0) return broken(violations);
  return ok({
    ...input.calendar,
    [parsedStage.data]: { from: entry.from, until: input.deadline, moved: true },
  });
};

/** The deadline of a stage, or undefined when the election does not run it. */
export const deadlineOf = (calendar: Calendar, stage: Stage): string | undefined =>
  calendar[stage]?.until;

/** Whether `instant` has passed at `now`; a deadline reached is passed (the Wait state fires then). */
export const isPast = (instant: string, now: string): boolean =>
  ms(Instant.parse(instant)) <= ms(Instant.parse(now));

const shanghaiParts = new Intl.DateTimeFormat('en-US', {
  timeZone: SHANGHAI,
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
  hour: 'numeric',
  minute: 'numeric',
  hourCycle: 'h23',
});

/** Year, month, day, hour and minute of an instant on the wall clock in Shanghai. */
const wallClock = (instant: string) => {
  const parts = shanghaiParts.formatToParts(new Date(Instant.parse(instant)));
  const part = (type: Intl.DateTimeFormatPartTypes): number =>
    Number(parts.find((p) => p.type === type)?.value);
  return {
    year: part('year'),
    month: part('month'),
    day: part('day'),
    hour: part('hour'),
    minute: part('minute'),
  };
};

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** An instant for people, in Shanghai time: '2026年3月15日 09:00'. */
export const formatShanghai = (instant: string): string => {
  const t = wallClock(instant);
  return `${t.year}年${t.month}月${t.day}日 ${pad(t.hour)}:${pad(t.minute)}`;
};

/** The calendar date of an instant in Shanghai: 'YYYY-MM-DD'. */
export const shanghaiDate = (instant: string): string => {
  const t = wallClock(instant);
  return `${pad(t.year, 4)}-${pad(t.month)}-${pad(t.day)}`;
};

/** The date of `now` in Shanghai, `YYYY-MM-DD` (the caller passes the clock: rules read none). */
export const shanghaiToday = (now: Date): string => shanghaiDate(now.toISOString());

/**
 * The election day (SPEC §9): the Shanghai date on which `secretary-election` begins — its
 * planned day until it begins. Age and party age are computed as of this day. Every preset
 * runs `secretary-election`; a calendar without it is a programming error and throws.
 */
export const electionDay = (calendar: Calendar): string => {
  const entry = Calendar.parse(calendar)['secretary-election'];
  if (!entry) throw fieldError('calendar', 'the calendar has no secretary-election', calendar);
  return shanghaiDate(entry.from);
};

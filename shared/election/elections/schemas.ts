import * as z from 'zod';
import { testClockOn } from '../../deployment.ts';
import { DayLengthMs, Instant, PresetName, RulesOverrides } from '../../rules/index.ts';

/** Request shapes shared by the elections and batches routes (and their OpenAPI document). */

/** An organization id: any text without `#` (the table's key separator), `/` or spaces. */
export const OrgId = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[^#/\s]+$/u, { error: 'an organization id has no #, / or spaces' });

/** Seats to fill: one 书记, some 副书记, some 委员. */
export const Seats = z.strictObject({
  secretary: z.literal(1, { error: 'an organization elects exactly one secretary' }),
  deputies: z.int().min(0).max(10),
  members: z.int().min(0).max(50),
});
export type Seats = z.infer<typeof Seats>;

/** What every new election needs beside its organization. */
export const ElectionPlan = z.strictObject({
  preset: PresetName,
  seats: Seats,
  startsAt: Instant,
  /**
   * Wins over the `ZX_DAY_MS` default. A test knob: refused (400 naming `body.dayLengthMs`) on
   * an AWS stack deployed without the test clock (shared/deployment.ts).
   */
  dayLengthMs: DayLengthMs.refine(() => testClockOn(), {
    error:
      'dayLengthMs is a test setting: this deployment runs on real days (deploy the stack with ' +
      '`-c testClock=true` to allow it)',
  }).optional(),
  /** Overrides of the preset's rules; unknown keys are refused. */
  rules: RulesOverrides.optional(),
});
export type ElectionPlan = z.infer<typeof ElectionPlan>;

/** `POST /v1/elections/{id}/cancel` (撤销): why, told to every member and kept in the audit log. */
export const CancelBody = z.strictObject({ reason: z.string().trim().min(1).max(500) });
export type CancelBody = z.infer<typeof CancelBody>;

// Proves the nanjing batch on the local stack through the HTTP API: one POST /v1/batches starts
// the elections of 20 communities, each on its own roll; GET /v1/batches/{id} shows every one of
// them and, once the nominations are in, the statistics 第一篇 reports — how people were
// nominated, why nominees failed the check, the age and education of the rolls.
import { expect, it } from 'vitest';
import { ApiFailure } from '../../../scripts/scenario/client.ts';
import { countByKind, NANJING_SEATS, runNanjingBatch } from '../../../scripts/scenario/nanjing.ts';
import { peopleOf } from '../../../scripts/scenario/steps.ts';
import {
  ageOn,
  electionDay,
  isCollegeEducated,
  PRESETS,
  planCalendar,
} from '../../../shared/rules/index.ts';
import { useStack } from '../../support/e2e.ts';

const SECRET = 'e2e-nanjing-batch-secret';
const DAY = 300;
const COMMUNITIES = 20;

const stack = useStack(SECRET);

it('starts 20 elections with one request and reports them with the statistics after nominations', async () => {
  const run = await runNanjingBatch({
    api: stack.api,
    secret: SECRET,
    count: COMMUNITIES,
    dayLengthMs: DAY,
    stageTimeoutMs: 120_000,
  });
  const { report } = run;
  expect(new Set(run.electionIds).size).toBe(COMMUNITIES);
  expect(report.id).toBe(run.batchId);
  expect(report.elections.map((e) => [e.orgId, e.electionId])).toEqual(
    run.orgIds.map((orgId, index) => [orgId, run.electionIds[index]]),
  );
  // Every one running, its nomination window held open while its people nominate.
  expect(report.elections.map((e) => e.stage)).toEqual(run.orgIds.map(() => 'nomination'));

  const casts = Object.values(run.casts);
  expect(casts).toHaveLength(COMMUNITIES);
  const entered = { self: 0, joint: 0, organization: 0 };
  for (const cast of casts) {
    const counts = countByKind(cast);
    for (const kind of ['self', 'joint', 'organization'] as const) entered[kind] += counts[kind];
  }
  const total = entered.self + entered.joint + entered.organization;
  expect(entered).toEqual({ self: 80, joint: 20, organization: 40 });
  expect(report.stats.nominations).toMatchObject({ ...entered, total });
  // 第一篇's shares are of 报名人选 (persons); a batch community names each person once.
  const persons = new Set(casts.flatMap((cast) => cast.nominations.map((n) => n.nomineeId)));
  expect(report.stats.nominees).toMatchObject({ ...entered, total: persons.size });
  expect(report.stats.nominees.shares.self).toBeCloseTo(entered.self / persons.size);
  expect(report.stats.nominees.shares.joint).toBeCloseTo(entered.joint / persons.size);
  // One probationary member's self-nomination in each community fails 正式党员.
  expect(report.stats.eligibilityFailures['full-member']).toBe(COMMUNITIES);
  expect(report.stats.turnout).toEqual([]);
  expect(report.stats.elected).toMatchObject({ count: 0, averageAge: null });

  // The rolls' age (on each election's day) and share with 大专以上 education.
  const day = electionDay(
    planCalendar({ startsAt: run.startsAt, dayLengthMs: DAY }, PRESETS.nanjing),
  );
  const everyone = Object.values(run.rolls).flat();
  const averageAge =
    everyone.reduce((sum, m) => sum + ageOn(m.birthDate, day), 0) / everyone.length;
  const college = everyone.filter((m) => isCollegeEducated(m.education)).length / everyone.length;
  expect(report.stats.roll.count).toBe(everyone.length);
  expect(report.stats.roll.averageAge).toBeCloseTo(averageAge, 6);
  expect(report.stats.roll.collegeShare).toBeCloseTo(college, 6);
}, 150_000);

it('starts nothing for a batch naming an unknown organization (404)', async () => {
  const people = await peopleOf(['*'], SECRET);
  const refused = await stack.api
    .call('POST', '/v1/batches', people.organizer, {
      preset: 'nanjing',
      orgIds: ['no-such-community'],
      seats: NANJING_SEATS,
      startsAt: new Date(Date.now() + 60_000).toISOString(),
    })
    .catch((error: unknown) => error);
  expect(refused).toBeInstanceOf(ApiFailure);
  expect((refused as ApiFailure).status).toBe(404);
});

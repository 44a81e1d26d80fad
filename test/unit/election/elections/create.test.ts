// Proves how a new election is planned: the preset's first stage, its rules with the overrides,
// the calendar from startsAt and the day length (body, else ZX_DAY_MS, else a real day), the
// organization's current roll — and the refusals (400 at body.rules.<field>, 422) before any write.
import { describe, expect, it } from 'vitest';
import {
  defaultDayLengthMs,
  type NewElection,
  planElection,
} from '../../../../shared/election/elections/create.ts';
import { type ApiError, asApiError } from '../../../../shared/http/errors.ts';
import { PRESETS } from '../../../../shared/rules/index.ts';
import type { OrganizationRecord } from '../../../../shared/store/records.ts';

const org: OrganizationRecord = {
  id: 'org-1',
  name: '鼓楼社区党支部',
  level: 'branch',
  superior: { name: '街道党工委', emails: ['s@example.org'] },
  rollVersion: 2,
  rollId: 'roll-2',
  createdAt: '2026-01-01T00:00:00.000Z',
};

const input = (extra: Partial<NewElection> = {}): NewElection => ({
  orgId: 'org-1',
  preset: 'community',
  seats: { secretary: 1, deputies: 0, members: 2 },
  startsAt: '2026-03-15T00:00:00.000Z',
  ...extra,
});

const now = new Date('2026-03-01T00:00:00.000Z');

const refusal = (run: () => unknown): ApiError => {
  try {
    run();
  } catch (error) {
    const refusal = asApiError(error);
    if (refusal) return refusal;
    throw error;
  }
  throw new Error('expected a refusal');
};

describe('planElection', () => {
  it('starts in the preset’s first stage, at version 1, on the organization’s current roll', () => {
    const election = planElection(input(), org, 'organizer-1', { id: 'e1', now, env: {} });
    expect(election).toMatchObject({
      id: 'e1',
      orgId: 'org-1',
      stage: 'announcement',
      version: 1,
      rollId: 'roll-2',
      createdBy: 'organizer-1',
      createdAt: now.toISOString(),
      dayLengthMs: 86_400_000,
    });
    expect(election.rules).toEqual(PRESETS.community);
    const yuyang = planElection(input({ preset: 'yuyang' }), org, 'o', { now, env: {} });
    expect(yuyang.stage).toBe(PRESETS.yuyang.stages[0]);
  });

  it('plans every stage of the preset from startsAt in days of the election’s length', () => {
    const election = planElection(input({ dayLengthMs: 1000 }), org, 'o', { now, env: {} });
    expect(Object.keys(election.calendar)).toEqual(PRESETS.community.stages);
    expect(election.calendar['secretary-election']).toEqual({
      from: '2026-03-15T00:00:30.000Z',
      until: '2026-03-15T00:00:31.000Z',
    });
  });

  it('takes the day length from the body, else ZX_DAY_MS, else a real day', () => {
    const env = { ZX_DAY_MS: '5000' };
    expect(planElection(input({ dayLengthMs: 250 }), org, 'o', { now, env }).dayLengthMs).toBe(250);
    expect(planElection(input(), org, 'o', { now, env }).dayLengthMs).toBe(5000);
    expect(defaultDayLengthMs({})).toBe(86_400_000);
    expect(defaultDayLengthMs({ ZX_DAY_MS: 'soon' })).toBe(86_400_000);
    expect(defaultDayLengthMs({ ZX_DAY_MS: '-3' })).toBe(86_400_000);
  });

  it('normalizes startsAt to UTC', () => {
    const election = planElection(input({ startsAt: '2026-03-15T08:00:00+08:00' }), org, 'o', {
      now,
      env: {},
    });
    expect(election.startsAt).toBe('2026-03-15T00:00:00.000Z');
  });

  it('refuses rules that break each other with 400 naming body.rules.<field>', () => {
    const error = refusal(() =>
      planElection(input({ rules: { inspectionCount: 4 } }), org, 'o', { now, env: {} }),
    );
    expect(error.status).toBe(400);
    expect(error.details).toContainEqual(
      expect.objectContaining({ path: ['body', 'rules', 'inspectionCount'] }),
    );
  });

  it('refuses an organization without a roll with 422 no-roll', () => {
    const error = refusal(() =>
      planElection(input(), { ...org, rollId: null }, 'o', { now, env: {} }),
    );
    expect([error.status, error.code]).toEqual([422, 'no-roll']);
  });

  it('refuses deputies when the preset has no deputy election (422), accepts them for nanjing', () => {
    const seats = { secretary: 1 as const, deputies: 2, members: 3 };
    const error = refusal(() => planElection(input({ seats }), org, 'o', { now, env: {} }));
    expect([error.status, error.code]).toEqual([422, 'seats-deputies']);
    expect(
      planElection(input({ seats, preset: 'nanjing' }), org, 'o', { now, env: {} }).seats,
    ).toEqual(seats);
  });

  it('keeps the batch and the recalled election it replaces', () => {
    const replaces = { electionId: 'old', recallId: 'rc1' };
    const election = planElection(input({ batchId: 'b1', replaces }), org, 'o', { now, env: {} });
    expect(election).toMatchObject({ batchId: 'b1', replaces });
  });
});

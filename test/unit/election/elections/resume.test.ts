// Proves resuming a halted election: only from halted (a conflict otherwise), only into a stage
// its preset runs, until a deadline in the future; the stage runs from now, its deadline marked
// moved so the workflow keeps it, and the halt reason is gone.
import { describe, expect, it } from 'vitest';
import { resumeElection } from '../../../../shared/election/elections/resume.ts';
import { electionRecord } from '../../../support/builders.ts';

const startsAt = '2026-03-15T00:00:00.000Z';
const halted = electionRecord({
  id: 'e1',
  orgId: 'org-1',
  rollId: 'r',
  stage: 'halted',
  haltReason: '初步候选人不足 3 人',
  version: 7,
  dayLengthMs: 86_400_000,
  startsAt,
  createdAt: startsAt,
  createdBy: 'o',
});
const now = new Date('2026-03-28T00:00:00.000Z');
const deadline = '2026-04-01T00:00:00.000Z';

describe('resumeElection', () => {
  it('puts the election into the stage from now until the deadline, without its halt reason', () => {
    const resumed = resumeElection(halted, 'nomination', deadline, now);
    if (!resumed.ok) throw new Error('refused');
    expect(resumed.value.stage).toBe('nomination');
    expect(resumed.value.calendar.nomination).toEqual({
      from: now.toISOString(),
      until: deadline,
      moved: true,
    });
    expect(resumed.value).not.toHaveProperty('haltReason');
    expect(resumed.value.calendar.announcement).toEqual(halted.calendar.announcement);
  });

  it('refuses an election that is not halted as a conflict', () => {
    const running = resumeElection({ ...halted, stage: 'nomination' }, 'nomination', deadline, now);
    expect(running.ok ? [] : running.violations.map((v) => [v.rule, v.conflict])).toEqual([
      ['not-halted', true],
    ]);
  });

  it('refuses a stage the preset does not run, and a deadline not in the future', () => {
    const result = resumeElection(halted, 'evaluation', '2026-03-27T00:00:00.000Z', now);
    expect(result.ok ? [] : result.violations.map((v) => v.rule)).toEqual([
      'unknown-stage',
      'deadline-not-in-future',
    ]);
  });
});

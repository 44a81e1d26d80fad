// Proves the pure parts of supervision after the election: who stays in office after a recall
// (a secretary's nominees leave with them), who joins after a by-election, the by-election's
// 差额 and eligibility rules, the annual report's year and figures, its events, and its page.
import { describe, expect, it } from 'vitest';
import { renderReportPage } from '../../../shared/pages/report.ts';
import { type Member, PRESETS } from '../../../shared/rules/index.ts';
import type {
  ElectionRecord,
  GoalRecord,
  ProgressRecord,
  RecallRecord,
} from '../../../shared/store/records.ts';
import {
  checkByElectionCandidates,
  withByElected,
} from '../../../shared/supervision/by-elections.ts';
import { reckonedOn } from '../../../shared/supervision/context.ts';
import { withoutHolder } from '../../../shared/supervision/recall-vote.ts';
import { type AnnualReport, goalInYear, recallEvents } from '../../../shared/supervision/report.ts';
import { member as entitled } from '../../support/builders.ts';

const result = { secretary: 's1', deputies: ['d1'], members: ['m1', 'm2', 'm3'] };

describe('withoutHolder', () => {
  it('a recalled secretary leaves with the members they nominated; the others stay', () => {
    expect(
      withoutHolder(result, { officeHolderId: 's1', office: 'secretary' }, ['m1', 'm2']),
    ).toEqual({ secretary: null, deputies: ['d1'], members: ['m3'] });
  });

  it('a recalled committee member or deputy leaves alone', () => {
    expect(withoutHolder(result, { officeHolderId: 'm2', office: 'member' })).toEqual({
      secretary: 's1',
      deputies: ['d1'],
      members: ['m1', 'm3'],
    });
    expect(withoutHolder(result, { officeHolderId: 'd1', office: 'deputy' })).toEqual({
      secretary: 's1',
      deputies: [],
      members: ['m1', 'm2', 'm3'],
    });
  });

  it('someone no longer in office changes nothing', () => {
    expect(withoutHolder(result, { officeHolderId: 'x', office: 'member' })).toEqual(result);
  });
});

describe('withByElected', () => {
  it('adds the by-elected to the vacated office, once', () => {
    expect(withByElected(result, 'member', ['c1', 'm1'])).toEqual({
      ...result,
      members: ['m1', 'm2', 'm3', 'c1'],
    });
    expect(withByElected(result, 'deputy', ['c2']).deputies).toEqual(['d1', 'c2']);
  });
});

const member = (id: string, overrides: Partial<Member> = {}): Member =>
  entitled(id, { name: id, birthDate: '1980-06-01', ...overrides });

describe('checkByElectionCandidates', () => {
  const roll = [
    member('c1'),
    member('c2'),
    member('c3'),
    member('m1'),
    member('old', { birthDate: '1960-01-01' }),
    member('new', { fullSince: '2026-01-01' }),
  ];
  const check = (ids: string[], rules = PRESETS.community) =>
    checkByElectionCandidates(ids, { roll, result, rules, day: '2026-11-01' }).map((v) => v.rule);

  it('one seat needs ceil(1 × 1.2) = 2 eligible candidates (差额)', () => {
    expect(check(['c1', 'c2'])).toEqual([]);
    expect(check(['c1'])).toEqual(['too-few-candidates']);
  });

  it('a wider margin asks for more: 150% → 3 for one seat', () => {
    const rules = { ...PRESETS.community, competitionMarginPercent: 150 };
    expect(check(['c1', 'c2'], rules)).toEqual(['too-few-candidates']);
    expect(check(['c1', 'c2', 'c3'], rules)).toEqual([]);
  });

  it('over 55 on the day, too short a party age, in office, not on the roll, repeated: each named', () => {
    expect(check(['c1', 'c2', 'old'])).toEqual(['not-eligible']);
    expect(check(['c1', 'c2', 'new'])).toEqual(['not-eligible']);
    expect(check(['c1', 'c2', 'm1'])).toEqual(['in-office']);
    expect(check(['c1', 'c2', 'zz'])).toEqual(['not-a-member']);
    expect(check(['c1', 'c2', 'c2'])).toEqual(['duplicate-candidate']);
  });
});

const goal: GoalRecord = {
  id: 'g1',
  orgId: 'o',
  electionId: 'e',
  commitmentId: 'c',
  category: 'employment',
  text: '促进就业',
  target: '新增就业岗位 50 个',
  status: 'approved',
  createdAt: '2026-04-01T00:00:00.000Z',
  approvedAt: '2026-04-02T00:00:00.000Z',
};
const progress = (at: string, value?: number): ProgressRecord => ({
  id: `p-${at}`,
  orgId: 'o',
  goalId: 'g1',
  at,
  text: `进展 ${at}`,
  ...(value === undefined ? {} : { value }),
  recordedBy: 'org',
  recordedAt: '2027-01-10T00:00:00.000Z',
});

describe('reckonedOn', () => {
  const election = {
    calendar: {
      'secretary-election': { from: '2026-03-15T01:00:00.000Z', until: '2026-03-16T01:00:00.000Z' },
    },
  } as unknown as ElectionRecord;

  it('SPEC §9: a by-election’s write-ins meet the conditions on the day it opened (as its candidates did), years after the election', () => {
    // 2029-06-30T17:00Z is 2029-07-01 in Shanghai.
    expect(
      reckonedOn(election, { stage: 'by-election', openedAt: '2029-06-30T17:00:00.000Z' }),
    ).toBe('2029-07-01');
    expect(
      reckonedOn(election, { stage: 'member-election', openedAt: '2026-03-15T03:00:00.000Z' }),
    ).toBe('2026-03-15');
  });
});

describe('goalInYear', () => {
  it('keeps the year’s progress in day order and sums its values', () => {
    const year = goalInYear(
      goal,
      [progress('2026-12-31', 5), progress('2027-01-01', 9), progress('2026-03-01', 12)],
      2026,
    );
    expect(year.progress.map((p) => p.at)).toEqual(['2026-03-01', '2026-12-31']);
    expect(year.figures).toEqual({ entries: 2, total: 17 });
  });

  it('gives no total when no entry has a figure', () => {
    expect(goalInYear(goal, [progress('2026-05-01')], 2026).figures).toEqual({ entries: 1 });
  });
});

describe('recallEvents', () => {
  const recall: RecallRecord = {
    id: 'r1',
    electionId: 'e',
    orgId: 'o',
    officeHolderId: 's1',
    office: 'secretary',
    signatoryIds: Array.from({ length: 10 }, (_, i) => `p${i}`),
    reason: '不称职',
    status: 'recalled',
    filedBy: 'p0',
    filedAt: '2026-05-01T02:00:00.000Z',
    decidedAt: '2026-05-10T02:00:00.000Z',
    settledAt: '2026-05-20T02:00:00.000Z',
    membersRemoved: ['m1'],
    newElectionId: 'e2',
    version: 3,
  };
  const name = (id: string) => ({ s1: '王芳', m1: '李强' })[id] ?? id;

  it('a carried recall: filed, approved, recalled (with the nominees who left)', () => {
    const events = recallEvents(recall, name);
    expect(events.map((e) => e.kind)).toEqual(['recall-filed', 'recall-approved', 'recalled']);
    expect(events[2]?.text).toContain('李强');
    expect(events[0]?.text).toContain('10名党员联名提出罢免书记王芳');
  });

  it('a rejected one: filed, rejected; a retained one ends with retained', () => {
    expect(
      recallEvents({ ...recall, status: 'rejected', settledAt: undefined }, name).map(
        (e) => e.kind,
      ),
    ).toEqual(['recall-filed', 'recall-rejected']);
    expect(recallEvents({ ...recall, status: 'retained' }, name).at(-1)?.kind).toBe('retained');
  });
});

describe('renderReportPage', () => {
  const report: AnnualReport = {
    orgId: 'o',
    organization: '新光社区党支部',
    superior: '新光街道党工委',
    year: 2026,
    generatedAt: '2026-12-20T02:00:00.000Z',
    goals: [
      goalInYear({ ...goal, text: '<i>促进就业</i>' }, [progress('2026-03-01', 12)], 2026),
      goalInYear({ ...goal, id: 'g2', category: 'party-building', text: '三会一课' }, [], 2026),
    ],
    events: [
      {
        at: '2026-04-02T00:00:00.000Z',
        kind: 'commitment-approved',
        electionId: 'e',
        text: '任职承诺书获批',
      },
    ],
    openItems: ['“三会一课”本年度尚无进展记录'],
  };
  const page = renderReportPage(report);

  it('is 第二篇’s form: salutation, numbered sections in the order of the commitment, closing and signature', () => {
    expect(page).toContain('<title>新光社区党支部2026年度工作报告</title>');
    expect(page).toContain('党员同志们:');
    const order = [
      '一、加强党组织建设',
      '二、促进充分就业',
      '三、存在的问题和下一步工作',
      '四、本年度大事记',
    ];
    const at = order.map((heading) => page.indexOf(heading));
    expect(at.every((i) => i > 0)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
    expect(page).toContain('3月1日');
    expect(page).toContain('数值合计 12');
    expect(page).toContain('本年度尚无进展记录');
    expect(page).toContain('2026年12月');
  });

  it('escapes what people wrote and carries no script', () => {
    expect(page).toContain('&lt;i&gt;促进就业&lt;/i&gt;');
    expect(page).not.toContain('<script');
  });
});

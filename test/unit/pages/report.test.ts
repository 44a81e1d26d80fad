// Proves the annual report's page: 第二篇's form, and what people wrote escaped.
import { describe, expect, it } from 'vitest';
import { renderReportPage } from '../../../shared/pages/report.ts';
import { type AnnualReport, goalInYear } from '../../../shared/supervision/report.ts';
import { goal, progress } from '../supervision/fixtures.ts';

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

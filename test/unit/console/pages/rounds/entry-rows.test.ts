// Proves the side-by-side of two entries of one paper (双人录入): a row a candidate in words,
// the differing marks flagged, key order and unmarked candidates read alike, write-ins by name,
// and a recommendation's ticks and constituency compared too.
import { describe, expect, it } from 'vitest';
import { entryRows } from '../../../../../console/src/pages/rounds/entry-rows.ts';

const names: Record<string, string> = { m01: '王芳', m02: '李强', m03: '张伟' };
const nameOf = (id: string) => names[id] ?? id;

describe('entryRows', () => {
  it('shows each candidate’s marks in words and flags only those that differ', () => {
    const rows = entryRows(
      'election',
      ['m01', 'm02'],
      { marks: { m01: 'for', m02: 'against' } },
      { marks: { m02: 'against', m01: 'abstain' }, writeIns: ['m03'] },
      nameOf,
    );
    expect(rows).toEqual([
      { key: 'm01', label: '王芳', first: '赞成', second: '弃权', differs: true },
      { key: 'm02', label: '李强', first: '不赞成', second: '不赞成', differs: false },
      { key: 'writeIns', label: '另选他人', first: '', second: '张伟', differs: true },
    ]);
  });

  it('a single entry has nothing to differ from', () => {
    const rows = entryRows(
      'evaluation',
      ['m01'],
      { ratings: { m01: 'basically' } },
      undefined,
      nameOf,
    );
    expect(rows).toEqual([
      { key: 'm01', label: '王芳', first: '基本满意', second: '', differs: false },
    ]);
  });

  it('compares a recommendation’s constituency and ticks', () => {
    const rows = entryRows(
      'recommendation',
      ['m01', 'm02'],
      { constituency: 'units', choices: ['m01'] },
      { constituency: 'residents', choices: ['m01'] },
      nameOf,
    );
    expect(rows.map((r) => [r.label, r.first, r.second, r.differs])).toEqual([
      ['推荐单位', 'units', 'residents', true],
      ['王芳', '✓', '✓', false],
      ['李强', '', '', false],
    ]);
  });
});

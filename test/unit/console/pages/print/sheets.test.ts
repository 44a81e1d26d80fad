// Proves what the print sheets say and how they page: the marking instructions and the 条例's
// invalid-ballot rule of each round kind with the round's number of seats, 另选他人 only on an
// election that is not a re-vote among the tied, and sheets cut into pages of a fixed size.
import { describe, expect, it } from 'vitest';
import {
  hasWriteInLines,
  instructions,
  MARKS,
  pagesOf,
} from '../../../../../console/src/pages/print/sheets.ts';

describe('the marking instructions', () => {
  it('name the seats in the invalid-ballot rule of a recommendation and an election', () => {
    expect(instructions({ kind: 'recommendation', seats: 3 }).join('')).toContain(
      '多于 3 名的为无效票',
    );
    const election = instructions({ kind: 'election', seats: 2 }).join('');
    expect(election).toContain('多于 2 名的为无效票');
    expect(election).toContain('另选他人');
  });

  it('forbid write-ins in a re-vote among the tied and in a recall', () => {
    expect(hasWriteInLines({ kind: 'election' })).toBe(true);
    expect(hasWriteInLines({ kind: 'election', amongTied: true })).toBe(false);
    expect(hasWriteInLines({ kind: 'recall' })).toBe(false);
    expect(instructions({ kind: 'election', seats: 1, amongTied: true }).join('')).toContain(
      '不得另选他人',
    );
    expect(instructions({ kind: 'recall', seats: 1 }).join('')).toContain('不得另选他人');
  });

  it('mark an evaluation 满意/基本满意/不满意, counting 基本满意 only where the rules say', () => {
    expect(MARKS.evaluation).toEqual(['满意', '基本满意', '不满意']);
    expect(instructions({ kind: 'evaluation', seats: 1 }).join('')).toContain('满意票超过');
    expect(
      instructions({ kind: 'evaluation', seats: 1, basicallyCounts: true }).join(''),
    ).toContain('满意和基本满意票合计超过');
  });
});

describe('pages', () => {
  it('cuts rows into pages of a fixed size, and prints an empty sheet for no rows', () => {
    expect(pagesOf([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
    expect(pagesOf([], 20)).toEqual([[]]);
  });
});

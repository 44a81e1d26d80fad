// Proves an approval's subject is read back leniently: the page shows what has the right shape
// and leaves out the rest, so a subject the workflow got slightly wrong never breaks the page.
import { describe, expect, it } from 'vitest';
import { readSubject, subjectCandidateIds } from '../../../../shared/election/approvals/subject.ts';

describe('readSubject', () => {
  it('keeps the fields of the right shape and drops the others', () => {
    const subject = readSubject({
      title: '第二轮选举结果',
      candidates: [
        { memberId: 'c1', name: '王芳', count: 'many', rate: 0.5, inspection: { summary: '好' } },
      ],
      totals: 'not an object',
      result: { secretary: 'c1' },
    });
    expect(subject.title).toBe('第二轮选举结果');
    expect(subject.candidates).toEqual([
      {
        memberId: 'c1',
        name: '王芳',
        count: undefined,
        rate: 0.5,
        inspection: undefined,
        office: undefined,
        elected: undefined,
      },
    ]);
    expect(subject.totals).toBeUndefined();
    expect(subject.result).toEqual({ secretary: 'c1' });
  });

  it('a subject that is no object reads as empty', () => {
    expect(readSubject(null)).toEqual({});
    expect(readSubject('x')).toEqual({});
  });

  it('the candidates asked about are the subject candidates’ member ids', () => {
    expect(
      subjectCandidateIds({ candidates: [{ memberId: 'c1' }, { memberId: 'c2', rate: 0.1 }] }),
    ).toEqual(['c1', 'c2']);
    expect(subjectCandidateIds({})).toEqual([]);
  });
});

// Proves who stays in office after a recall: a secretary's nominees leave with them.
import { describe, expect, it } from 'vitest';
import { withoutHolder } from '../../../shared/supervision/recall-vote.ts';
import { result } from './fixtures.ts';

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

// Proves which candidates are still standing (statements) and whom each public notice
// publishes (objections may be filed only against them).
import { describe, expect, it } from 'vitest';
import { PUBLISHED_STATUS } from '../../../../shared/election/candidates/objections.ts';
import { isCurrent } from '../../../../shared/store/candidates.ts';

describe('isCurrent', () => {
  it('an admitted candidate not yet out or through is current', () => {
    for (const status of ['eligible', 'preliminary', 'recommended', 'formal'] as const) {
      expect(isCurrent(status)).toBe(true);
    }
  });

  it('a nominee not yet reviewed, or one rejected, removed, eliminated or through, is not', () => {
    for (const status of [
      'nominated',
      'rejected',
      'removed',
      'eliminated',
      'elected',
      'not-elected',
    ] as const) {
      expect(isCurrent(status)).toBe(false);
    }
  });
});

describe('PUBLISHED_STATUS', () => {
  it('the preliminary notice publishes preliminary candidates, the formal notice formal ones, nothing else', () => {
    expect(PUBLISHED_STATUS).toEqual({
      'preliminary-notice': 'preliminary',
      'formal-notice': 'formal',
    });
  });
});

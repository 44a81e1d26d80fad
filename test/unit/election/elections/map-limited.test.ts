// Proves mapLimited: results in input order, never more than `limit` calls at once, and no new
// call after one fails.
import { describe, expect, it } from 'vitest';
import { mapLimited } from '../../../../shared/election/elections/map-limited.ts';

const tick = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('mapLimited', () => {
  it('keeps the input order and at most `limit` calls in flight', async () => {
    let inFlight = 0;
    let most = 0;
    const results = await mapLimited([5, 1, 4, 2, 3, 1, 2], 3, async (n, index) => {
      inFlight++;
      most = Math.max(most, inFlight);
      await tick(n);
      inFlight--;
      return `${index}:${n}`;
    });
    expect(results).toEqual(['0:5', '1:1', '2:4', '3:2', '4:3', '5:1', '6:2']);
    expect(most).toBe(3);
  });

  it('answers nothing for nothing', async () => {
    expect(await mapLimited([], 4, async () => 1)).toEqual([]);
  });

  it('throws the failure and begins no new call after it', async () => {
    const begun: number[] = [];
    await expect(
      mapLimited([0, 1, 2, 3, 4, 5], 2, async (n) => {
        begun.push(n);
        await tick(1);
        if (n === 1) throw new Error('boom');
        return n;
      }),
    ).rejects.toThrow('boom');
    expect(begun.length).toBeLessThan(6);
  });
});

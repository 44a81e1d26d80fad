// Proves one sweep at a time without reserved concurrency: a lease in the table is taken by
// one owner, refused to another until released or lapsed, and retaken by its own owner.
import { beforeAll, describe, expect, it } from 'vitest';
import { acquireLease, releaseLease } from '../../../shared/store/leases.ts';
import { freshTable } from '../../support/fresh-table.ts';

beforeAll(freshTable);

const at = (iso: string) => new Date(iso);

describe('leases', () => {
  it('one owner holds a lease; another is refused until it is released', async () => {
    const until = at('2030-01-01T00:02:00Z');
    const now = at('2030-01-01T00:00:00Z');
    expect(await acquireLease('sweep#a', 'run-1', until, now)).toBe(true);
    expect(await acquireLease('sweep#a', 'run-2', until, now)).toBe(false);
    await releaseLease('sweep#a', 'run-1');
    expect(await acquireLease('sweep#a', 'run-2', until, now)).toBe(true);
  });

  it('a lease whose holder died lapses at its time, and the late holder cannot release it', async () => {
    expect(
      await acquireLease('sweep#b', 'dead', at('2030-01-01T00:02:00Z'), at('2030-01-01T00:00:00Z')),
    ).toBe(true);
    const later = at('2030-01-01T00:03:00Z');
    expect(await acquireLease('sweep#b', 'next', at('2030-01-01T00:05:00Z'), later)).toBe(true);
    await releaseLease('sweep#b', 'dead');
    expect(await acquireLease('sweep#b', 'third', at('2030-01-01T00:05:00Z'), later)).toBe(false);
  });

  it('its own owner takes it again (an SDK retry after a lost answer is no rival)', async () => {
    const until = at('2030-01-01T00:02:00Z');
    const now = at('2030-01-01T00:00:00Z');
    expect(await acquireLease('sweep#c', 'run-1', until, now)).toBe(true);
    expect(await acquireLease('sweep#c', 'run-1', until, now)).toBe(true);
  });

  it('leases of different jobs are independent', async () => {
    const until = at('2030-01-01T00:02:00Z');
    const now = at('2030-01-01T00:00:00Z');
    expect(await acquireLease('sweep#d', 'run-1', until, now)).toBe(true);
    expect(await acquireLease('sweep#e', 'run-2', until, now)).toBe(true);
  });
});

// Proves every paper ballot is stored once however many tellers enter it at once, that
// duplicates are reported, and that a ballot never carries who cast it.
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  castElectronicBallot,
  enterBallots,
  readBallots,
  type StoredBallot,
} from '../../../shared/store/ballots.ts';
import { documentClient } from '../../../shared/store/client.ts';
import { tableName } from '../../../shared/store/table.ts';
import { freshTable } from '../../support/fresh-table.ts';

beforeAll(freshTable);

const ballot = (n: number): StoredBallot => ({
  serial: `S${String(n).padStart(5, '0')}`,
  content: { marks: { a: n % 3 === 0 ? 'for' : 'against' } },
  valid: true,
});

const collect = async (electionId: string, roundId: string) => {
  const all: StoredBallot[] = [];
  for await (const b of readBallots(electionId, roundId)) all.push(b);
  return all;
};

describe('paper ballots', () => {
  it('32 tellers entering overlapping sets of 2 000 ballots store each once and report the rest as duplicates', async () => {
    const total = 2000;
    // Teller t enters a window of 125 ballots starting at t × 62.5: every ballot is entered by
    // one or two tellers, so half the entries clash with another teller's.
    const batches = Array.from({ length: 32 }, (_, t) => {
      const from = Math.floor((t * total) / 32);
      return Array.from({ length: 125 }, (_, i) => ballot((from + i) % total));
    });
    const results = await Promise.all(batches.map((b) => enterBallots('e1', 'r1', b)));

    const accepted = results.flatMap((r) => r.accepted);
    const duplicates = results.flatMap((r) => r.duplicates);
    expect(accepted.length).toBe(total);
    expect(new Set(accepted).size).toBe(total);
    expect(accepted.length + duplicates.length).toBe(32 * 125);

    const stored = await collect('e1', 'r1');
    expect(stored.length).toBe(total);
    expect(stored.map((b) => b.serial)).toEqual([...accepted].sort());
  }, 30_000); // 4 000 conditional writes: seconds on a loaded 2-core machine

  it('reports a serial repeated inside one request, storing its first copy', async () => {
    const first = { ...ballot(1), content: { marks: { a: 'for' } } };
    const second = { ...ballot(1), content: { marks: { a: 'against' } } };
    expect(await enterBallots('e1', 'r2', [first, second])).toEqual({
      accepted: [first.serial],
      duplicates: [first.serial],
    });
    expect((await collect('e1', 'r2'))[0]?.content).toEqual(first.content);
  });

  it('never counts a re-entered serial again, whatever its content', async () => {
    await enterBallots('e1', 'r3', [ballot(5)]);
    const again = await enterBallots('e1', 'r3', [{ ...ballot(5), valid: false, reason: 'x' }]);
    expect(again).toEqual({ accepted: [], duplicates: [ballot(5).serial] });
    expect(await collect('e1', 'r3')).toEqual([ballot(5)]);
  });
});

describe('electronic ballots', () => {
  it('writes the has-voted marker and the ballot together; a second vote stores nothing', async () => {
    const first = { serial: 'x-random-1', content: { marks: { a: 'for' } }, valid: true };
    const second = { serial: 'x-random-2', content: { marks: { a: 'against' } }, valid: true };
    expect(await castElectronicBallot('e2', 'r1', 'member-7', first)).toBe('cast');
    expect(await castElectronicBallot('e2', 'r1', 'member-7', second)).toBe('already-voted');
    expect(await collect('e2', 'r1')).toEqual([first]);
  });

  it('no ballot item anywhere in the table holds a voter identity', async () => {
    const { Items = [] } = await documentClient().send(new ScanCommand({ TableName: tableName() }));
    const ballots = Items.filter((item) => String(item.sk).startsWith('BALLOT#'));
    expect(ballots.length).toBeGreaterThan(2000);
    for (const item of ballots) {
      expect(JSON.stringify(item)).not.toContain('member-7');
      expect(Object.keys(item).sort()).toEqual(
        item.reason === undefined
          ? ['content', 'pk', 'serial', 'sk', 'valid']
          : ['content', 'pk', 'reason', 'serial', 'sk', 'valid'],
      );
    }
  });
});

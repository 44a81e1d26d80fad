// Proves the audit chain's hash is the SPEC's (SHA-256 of canonical JSON, 64 zeros before the
// first entry) and that any change to any entry is detected.
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type AuditEntry,
  digestOf,
  GENESIS_HASH,
  hashEntry,
  sealEntry,
  verifyChain,
} from '../../../shared/store/audit-chain.ts';

const chainOf = (events: { actor: string; action: string; data: unknown }[]): AuditEntry[] => {
  const entries: AuditEntry[] = [];
  for (const [index, event] of events.entries()) {
    entries.push(
      sealEntry({
        seq: index + 1,
        at: new Date(Date.UTC(2026, 2, 15, 1, index)).toISOString(),
        ...event,
        prevHash: entries.at(-1)?.hash ?? GENESIS_HASH,
      }),
    );
  }
  return entries;
};

const sample = chainOf([
  { actor: 'org-1', action: 'election-created', data: { preset: 'community' } },
  { actor: 'org-1', action: 'deadline-moved', data: { stage: 'nomination', deadline: 'x' } },
  { actor: 'sc-1', action: 'round-closed', data: { roundId: 'r1', digest: 'abc' } },
]);

describe('audit chain', () => {
  it('hashes the canonical JSON with sorted keys, whatever order the fields were given in', () => {
    const entry = {
      seq: 1,
      at: '2026-03-15T01:00:00.000Z',
      actor: 'a',
      action: 'b',
      data: { z: 1, a: [2, { y: 3, b: 4 }] },
      prevHash: GENESIS_HASH,
    };
    const expected = createHash('sha256')
      .update(
        `{"action":"b","actor":"a","at":"2026-03-15T01:00:00.000Z","data":{"a":[2,{"b":4,"y":3}],"z":1},"prevHash":"${GENESIS_HASH}","seq":1}`,
      )
      .digest('hex');
    expect(hashEntry(entry)).toBe(expected);
  });

  it('starts from 64 zeros and verifies when untouched', () => {
    expect(sample[0]?.prevHash).toBe('0'.repeat(64));
    expect(verifyChain(sample)).toEqual({ ok: true, length: 3 });
  });

  it('detects a changed field in an entry, naming the entry', () => {
    const tampered = sample.map((e) =>
      e.seq === 2 ? { ...e, data: { stage: 'announcement' } } : e,
    );
    expect(verifyChain(tampered)).toMatchObject({ ok: false, seq: 2 });
  });

  it('detects an entry re-hashed after a change: the next one no longer follows', () => {
    const second = sample[1] as AuditEntry;
    const forged = sealEntry({ ...second, actor: 'someone-else' });
    const tampered = [sample[0], forged, sample[2]] as AuditEntry[];
    expect(verifyChain(tampered)).toMatchObject({ ok: false, seq: 3 });
  });

  it('detects a removed entry', () => {
    expect(verifyChain([sample[0], sample[2]] as AuditEntry[])).toMatchObject({
      ok: false,
      seq: 3,
    });
  });

  it('detects any single change to any entry (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ actor: fc.string(), action: fc.string(), data: fc.jsonValue() }), {
          minLength: 1,
          maxLength: 8,
        }),
        fc.nat(),
        fc.string({ minLength: 1 }),
        (events, which, actor) => {
          const chain = chainOf(events);
          const index = which % chain.length;
          const original = chain[index] as AuditEntry;
          fc.pre(original.actor !== actor);
          chain[index] = { ...original, actor };
          expect(verifyChain(chain).ok).toBe(false);
        },
      ),
    );
  });

  it('seals a set of records with a digest that changes when one record does', () => {
    const ballots = [
      { serial: '001', marks: { a: 'for' } },
      { serial: '002', marks: { a: 'against' } },
    ];
    const changed = [ballots[0], { serial: '002', marks: { a: 'for' } }];
    expect(digestOf(ballots)).toMatch(/^[0-9a-f]{64}$/);
    expect(digestOf(changed)).not.toBe(digestOf(ballots));
  });
});

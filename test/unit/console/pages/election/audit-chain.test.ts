// Proves the console verifies an audit chain exactly as the store seals it: entries sealed by the
// store (node:crypto) verify in the page's WebCrypto check, and a changed, removed or reordered
// entry is named as the first that breaks the chain.
import { describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../../../../console/src/pages/election/audit-chain.ts';
import {
  type AuditEntry,
  GENESIS_HASH,
  sealEntry,
  verifyChain,
} from '../../../../../shared/store/audit-chain.ts';

/** A chain as the store writes it: each entry sealed over the hash of the one before. */
const chain = (count: number): AuditEntry[] => {
  const entries: AuditEntry[] = [];
  for (let seq = 1; seq <= count; seq++) {
    entries.push(
      sealEntry({
        seq,
        at: `2026-03-0${seq}T00:00:00.000Z`,
        actor: 'organizer-1',
        action: 'eligibility-decided',
        // Keys out of order and Chinese text: the canonical form sorts and encodes UTF-8.
        data: { reason: `理由 ${seq}`, nomineeId: `m-${seq}`, waived: ['education'] },
        prevHash: entries.at(-1)?.hash ?? GENESIS_HASH,
      }),
    );
  }
  return entries;
};

describe('verifyAuditChain (the page recomputes each hash with WebCrypto)', () => {
  it('finds a chain the store sealed intact, as the store does', async () => {
    const entries = chain(4);
    expect(verifyChain(entries)).toEqual({ ok: true, length: 4 });
    await expect(verifyAuditChain(entries)).resolves.toEqual({ ok: true, length: 4 });
  });

  it('names the first entry whose content no longer matches its hash', async () => {
    const entries = chain(4);
    entries[2] = { ...(entries[2] as AuditEntry), data: { reason: '改过的理由' } };
    await expect(verifyAuditChain(entries)).resolves.toEqual({
      ok: false,
      seq: 3,
      reason: 'hash does not match the entry',
    });
  });

  it('names the entry after a removed one', async () => {
    const entries = chain(4);
    entries.splice(1, 1);
    await expect(verifyAuditChain(entries)).resolves.toMatchObject({ ok: false, seq: 3 });
  });
});

import canonicalize from 'canonicalize';

/**
 * The audit chain without the hashing (SPEC §9): what an entry's hash is taken of, and the walk
 * that names the first entry not following from the one before. No `node:` import, so the
 * console verifies a chain in the browser (WebCrypto) exactly as the store seals it
 * (audit-chain.ts, node:crypto): one definition for both.
 */

export const GENESIS_HASH = '0'.repeat(64);

export interface AuditEntry {
  seq: number;
  at: string;
  actor: string;
  action: string;
  data: unknown;
  prevHash: string;
  hash: string;
}

export type UnsealedEntry = Omit<AuditEntry, 'hash'>;

/** The text an entry's hash is the hex SHA-256 of (UTF-8): RFC 8785 JSON, sorted keys. */
export const canonicalEntry = ({ seq, at, actor, action, data, prevHash }: UnsealedEntry) => {
  const canonical = canonicalize({ seq, at, actor, action, data, prevHash });
  if (canonical === undefined) throw new TypeError('audit entry is not serialisable');
  return canonical;
};

export type ChainCheck = { ok: true; length: number } | { ok: false; seq: number; reason: string };

/**
 * Walks the chain in order, given each entry's recomputed hash (`hashes[i]` of `entries[i]`);
 * the first entry that does not follow from the one before is named.
 */
export const checkChain = (
  entries: readonly AuditEntry[],
  hashes: readonly string[],
): ChainCheck => {
  let prevHash = GENESIS_HASH;
  for (const [index, entry] of entries.entries()) {
    if (entry.seq !== index + 1) {
      return { ok: false, seq: entry.seq, reason: `expected seq ${index + 1}` };
    }
    if (entry.prevHash !== prevHash) {
      return { ok: false, seq: entry.seq, reason: 'prevHash does not match the entry before' };
    }
    if (hashes[index] !== entry.hash) {
      return { ok: false, seq: entry.seq, reason: 'hash does not match the entry' };
    }
    prevHash = entry.hash;
  }
  return { ok: true, length: entries.length };
};

import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';

/**
 * The audit log is append-only and hash-chained (SPEC §9): `hash` is the hex SHA-256 of the
 * canonical JSON (RFC 8785, sorted keys) of `{seq, at, actor, action, data, prevHash}`; the first
 * entry's `prevHash` is 64 zeros. Pure: the store writes entries, this proves them.
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

export const hashEntry = ({ seq, at, actor, action, data, prevHash }: UnsealedEntry): string => {
  const canonical = canonicalize({ seq, at, actor, action, data, prevHash });
  if (canonical === undefined) throw new TypeError('audit entry is not serialisable');
  return createHash('sha256').update(canonical, 'utf8').digest('hex');
};

export const sealEntry = (entry: UnsealedEntry): AuditEntry => ({
  ...entry,
  hash: hashEntry(entry),
});

export type ChainCheck = { ok: true; length: number } | { ok: false; seq: number; reason: string };

/** Walks the chain in order; the first entry that does not follow from the one before is named. */
export const verifyChain = (entries: readonly AuditEntry[]): ChainCheck => {
  let prevHash = GENESIS_HASH;
  for (const [index, entry] of entries.entries()) {
    if (entry.seq !== index + 1) {
      return { ok: false, seq: entry.seq, reason: `expected seq ${index + 1}` };
    }
    if (entry.prevHash !== prevHash) {
      return { ok: false, seq: entry.seq, reason: 'prevHash does not match the entry before' };
    }
    if (hashEntry(entry) !== entry.hash) {
      return { ok: false, seq: entry.seq, reason: 'hash does not match the entry' };
    }
    prevHash = entry.hash;
  }
  return { ok: true, length: entries.length };
};

/** A digest sealing a set of records (e.g. a round's ballots) into one audit entry. */
export const digestOf = (records: readonly unknown[]): string => {
  const hash = createHash('sha256');
  for (const record of records) hash.update(`${canonicalize(record)}\n`, 'utf8');
  return hash.digest('hex');
};

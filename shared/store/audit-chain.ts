import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';

import {
  type AuditEntry,
  type ChainCheck,
  canonicalEntry,
  checkChain,
  type UnsealedEntry,
} from './audit-canonical.ts';

/**
 * The audit log is append-only and hash-chained (SPEC §9): `hash` is the hex SHA-256 of the
 * canonical JSON (RFC 8785, sorted keys) of `{seq, at, actor, action, data, prevHash}`; the first
 * entry's `prevHash` is 64 zeros (audit-canonical.ts, which the console shares). Pure: the store
 * writes entries, this proves them.
 */

export {
  type AuditEntry,
  type ChainCheck,
  GENESIS_HASH,
  type UnsealedEntry,
} from './audit-canonical.ts';

export const hashEntry = (entry: UnsealedEntry): string =>
  createHash('sha256').update(canonicalEntry(entry), 'utf8').digest('hex');

export const sealEntry = (entry: UnsealedEntry): AuditEntry => ({
  ...entry,
  hash: hashEntry(entry),
});

/** Walks the chain in order; the first entry that does not follow from the one before is named. */
export const verifyChain = (entries: readonly AuditEntry[]): ChainCheck =>
  checkChain(entries, entries.map(hashEntry));

/** A digest sealing a set of records (e.g. a round's ballots) into one audit entry. */
export const digestOf = (records: readonly unknown[]): string => {
  const hash = createHash('sha256');
  for (const record of records) hash.update(`${canonicalize(record)}\n`, 'utf8');
  return hash.digest('hex');
};

/** A record's fingerprint: the first 12 hex digits of the SHA-256 of its canonical JSON. */
export const fingerprintOf = (record: unknown): string =>
  createHash('sha256')
    .update(canonicalize(record) ?? '', 'utf8')
    .digest('hex')
    .slice(0, 12);

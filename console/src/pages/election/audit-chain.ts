import {
  type AuditEntry,
  type ChainCheck,
  canonicalEntry,
  checkChain,
} from '../../../../shared/store/audit-canonical.ts';

/** Hex SHA-256 of UTF-8 text, by the browser's WebCrypto. */
const sha256 = async (text: string): Promise<string> => {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, '0')).join('');
};

/**
 * Verifies an audit log in the page, as the store seals it: each entry's hash recomputed from
 * the same canonical form (shared/store/audit-canonical.ts) with WebCrypto, and the chain
 * walked by the same rule — the first entry that does not follow from the one before is named.
 */
export const verifyAuditChain = async (entries: readonly AuditEntry[]): Promise<ChainCheck> =>
  checkChain(entries, await Promise.all(entries.map((entry) => sha256(canonicalEntry(entry)))));

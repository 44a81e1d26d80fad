import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError, call } from '../../api/client.ts';

/**
 * The ballots typed at this table, kept in localStorage (per election and round) from the moment
 * Enter commits them until the API has answered for each: a failed request or a reloaded tab
 * loses nothing, and what was never answered is sent again. The server keeps a serial once;
 * when a resend meets a ballot an earlier request stored (its answer lost), the answer's
 * `alreadyStored` says so, and the ballot shows as entered — not as a duplicate: only another
 * content under a stored serial is a duplicate.
 */

export type EntryState = 'queued' | 'sending' | 'stored' | 'invalid' | 'duplicate' | 'refused';

export interface Entry {
  serial: string;
  ballot: Record<string, unknown>;
  state: EntryState;
  /** Why it is invalid, a duplicate, or refused. */
  reason?: string;
  /** Sent again after a failure, and found stored by the request that seemed to fail. */
  resent?: boolean;
}

/** Most ballots in one request: a small batch answers fast and is cheap to resend. */
const BATCH = 20;
/** A pause before sending, so ballots typed in a burst go together. */
const GATHER_MS = 400;
const RETRY_MS = 3000;

const storageKey = (electionId: string, roundId: string) =>
  `zx.console.ballots.${electionId}.${roundId}`;

const loadEntries = (key: string): Entry[] => {
  try {
    const saved = JSON.parse(localStorage.getItem(key) ?? '[]') as Entry[];
    // A request in flight when the tab closed may or may not have stored them: send them again.
    return saved.map((entry) =>
      entry.state === 'sending' ? { ...entry, state: 'queued', reason: 'unsent' } : entry,
    );
  } catch {
    return [];
  }
};

export const useBallotQueue = (electionId: string, roundId: string) => {
  const key = storageKey(electionId, roundId);
  const entriesRef = useRef<Entry[]>(loadEntries(key));
  const [entries, setEntries] = useState<Entry[]>(entriesRef.current);
  const [problem, setProblem] = useState<string | null>(null);
  const [serverSerials, setServerSerials] = useState<Set<string>>(new Set());
  const sending = useRef(false);
  const [retryAt, setRetryAt] = useState<number | null>(null);

  /** Every change is written to localStorage before it is shown. */
  const update = useCallback(
    (change: (entries: Entry[]) => Entry[]) => {
      const next = change(entriesRef.current);
      entriesRef.current = next;
      localStorage.setItem(key, JSON.stringify(next));
      setEntries(next);
    },
    [key],
  );

  const refreshSerials = useCallback(async () => {
    try {
      const { serials } = await call('GET /v1/elections/{id}/rounds/{roundId}/serials', {
        params: { id: electionId, roundId },
      });
      setServerSerials(new Set(serials));
    } catch {
      // Only the flagging of other tables' serials waits for the next look.
    }
  }, [electionId, roundId]);

  const flush = useCallback(async () => {
    if (sending.current) return;
    const batch = entriesRef.current.filter((e) => e.state === 'queued').slice(0, BATCH);
    if (batch.length === 0) return;
    sending.current = true;
    const serials = new Set(batch.map((e) => e.serial));
    update((all) => all.map((e) => (serials.has(e.serial) ? { ...e, state: 'sending' } : e)));
    try {
      const answer = await call('POST /v1/elections/{id}/rounds/{roundId}/ballots', {
        params: { id: electionId, roundId },
        body: { ballots: batch.map((e) => e.ballot) },
      });
      const invalid = new Map(answer.invalid.map((i) => [i.serial, i.reason]));
      const stored = new Map((answer.alreadyStored ?? []).map((s) => [s.serial, s]));
      const clashes = new Set(answer.duplicates.filter((s) => !stored.has(s)));
      update((all) =>
        all.map((e): Entry => {
          if (!serials.has(e.serial) || e.state !== 'sending') return e;
          const base = { serial: e.serial, ballot: e.ballot };
          if (clashes.has(e.serial)) {
            return { ...base, state: 'duplicate', reason: '该编号已有另一张选票,本张未计入' };
          }
          const earlier = stored.get(e.serial);
          const resent = earlier !== undefined;
          const reason = earlier
            ? earlier.valid
              ? undefined
              : earlier.reason
            : invalid.get(e.serial);
          const state = earlier
            ? earlier.valid
              ? 'stored'
              : 'invalid'
            : reason
              ? 'invalid'
              : 'stored';
          return { ...base, state, ...(reason ? { reason } : {}), ...(resent ? { resent } : {}) };
        }),
      );
      setProblem(null);
      setRetryAt(null);
      void refreshSerials();
    } catch (error) {
      const refusal = error instanceof ApiError ? error : null;
      const retriable = !refusal || refusal.status === 0 || refusal.status >= 500;
      const closed = refusal?.status === 409;
      if (retriable || closed) {
        // Not answered: they may or may not be stored; sent again, the answer will say which.
        update((all) =>
          all.map((e) =>
            serials.has(e.serial) && e.state === 'sending'
              ? { ...e, state: 'queued', reason: 'unsent' }
              : e,
          ),
        );
        setProblem(
          closed
            ? `${refusal?.message}(未送达的选票保存在本机)`
            : `${refusal?.message ?? '发送失败'};${RETRY_MS / 1000} 秒后自动重发,选票保存在本机,不会丢失`,
        );
        if (retriable) setRetryAt(Date.now() + RETRY_MS);
      } else {
        update((all) =>
          all.map((e) =>
            serials.has(e.serial) && e.state === 'sending'
              ? { ...e, state: 'refused', reason: refusal?.message ?? String(error) }
              : e,
          ),
        );
        setProblem(refusal?.message ?? String(error));
      }
    } finally {
      sending.current = false;
    }
  }, [electionId, roundId, update, refreshSerials]);

  // Queued ballots go out after a short gather, or when the retry's time comes.
  useEffect(() => {
    if (!entries.some((e) => e.state === 'queued')) return;
    const wait = retryAt ? Math.max(0, retryAt - Date.now()) : GATHER_MS;
    const timer = setTimeout(() => {
      setRetryAt(null);
      void flush();
    }, wait);
    return () => clearTimeout(timer);
  }, [entries, retryAt, flush]);

  useEffect(() => {
    void refreshSerials();
  }, [refreshSerials]);

  const add = (serial: string, ballot: Record<string, unknown>) =>
    update((all) => [...all, { serial, ballot, state: 'queued' }]);

  /** Drops a ballot the API would not store (a duplicate or a refusal), to type it again. */
  const remove = (serial: string) =>
    update((all) => all.filter((e) => !(e.serial === serial && e.state !== 'stored')));

  /** Whether a serial is already entered here or on the server (a duplicate does not count). */
  const isEntered = (serial: string) =>
    serverSerials.has(serial) ||
    entries.some((e) => e.serial === serial && e.state !== 'duplicate' && e.state !== 'refused');

  const forget = () => {
    localStorage.removeItem(key);
    entriesRef.current = [];
    setEntries([]);
  };

  return {
    entries,
    problem,
    add,
    remove,
    isEntered,
    serverCount: serverSerials.size,
    retryNow: () => {
      setRetryAt(null);
      void flush();
    },
    forget,
  };
};

import { useEffect, useState } from 'react';
import type { AnswerOf } from '../../api/routes.ts';

/** The board as `GET /public/count-boards/{token}` answers it. */
export type CountBoard = AnswerOf<'GET /public/count-boards/{token}'>;

export interface BoardState {
  board?: CountBoard;
  /** The link is unknown or was revoked. */
  gone: boolean;
  /** The last poll failed (the board shown is the last one read). */
  offline: boolean;
}

/** How often the projector asks: the issue asks for updates within about a second. */
const POLL_MS = 1000;

/**
 * Polls the board once a second with the last ETag seen, so an unchanged board costs a 304 and
 * no body. Public: no token is sent. Keeps the last board through a failed poll.
 */
export const useCountBoard = (token: string): BoardState => {
  const [state, setState] = useState<BoardState>({ gone: false, offline: false });
  useEffect(() => {
    let etag: string | null = null;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = async () => {
      try {
        const response = await fetch(`/public/count-boards/${encodeURIComponent(token)}`, {
          headers: { accept: 'application/json', ...(etag ? { 'if-none-match': etag } : {}) },
          cache: 'no-store',
        });
        if (stopped) return;
        if (response.status === 404) {
          setState((s) => ({ ...s, gone: true, offline: false }));
        } else if (response.status === 304) {
          setState((s) => (s.offline ? { ...s, offline: false } : s));
        } else if (response.ok) {
          const board = (await response.json()) as CountBoard;
          etag = response.headers.get('etag');
          setState({ board, gone: false, offline: false });
        } else {
          setState((s) => ({ ...s, offline: true }));
        }
      } catch {
        if (!stopped) setState((s) => ({ ...s, offline: true }));
      }
      if (!stopped) timer = setTimeout(poll, POLL_MS);
    };
    void poll();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [token]);
  return state;
};

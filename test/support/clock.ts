import { decodeJwt } from 'jose';
import type { Api } from '../../scripts/scenario/client.ts';
import type { ElectionView } from '../../scripts/scenario/session.ts';

/**
 * What the virtual-clock tests share: the clock's routes, a driver that moves it until the
 * election shows something, and an API whose tokens are signed afresh on the stack's clock.
 */

export interface ClockDriver {
  /** The stack's now, settled: POST /local/clock to now waits until the stack is quiet. */
  settle(): Promise<number>;
  advance(to: number): Promise<void>;
  /** The earliest pending timer (GET /local/clock `next`). */
  next(): Promise<number | undefined>;
  moves: { advances: number; fired: number };
}

export const clockOf = (api: Api): ClockDriver => {
  const moves = { advances: 0, fired: 0 };
  const advance = async (to: number) => {
    const { fired } = await api.call<{ fired: number }>('POST', '/local/clock', undefined, {
      to: new Date(to).toISOString(),
    });
    moves.advances += 1;
    moves.fired += fired;
  };
  const read = () => api.call<{ now: string; next: string | null }>('GET', '/local/clock');
  return {
    moves,
    advance,
    async settle() {
      await advance(Date.parse((await read()).now));
      return Date.parse((await read()).now);
    },
    async next() {
      const { next } = await read();
      return next === null ? undefined : Date.parse(next);
    },
  };
};

/**
 * Moves the clock until `probe` holds for the election: the stack settled first, then on to the
 * current stage's deadline when it is ahead, else to the next timer (a deadline check, a
 * reminder, an approval's expiry). Throws when nothing is due (the election would stall).
 */
export const advanceUntil = async (
  clock: ClockDriver,
  view: () => Promise<ElectionView>,
  what: string,
  probe: (view: ElectionView) => boolean,
): Promise<ElectionView> => {
  for (let step = 0; step < 2000; step++) {
    const now = await clock.settle();
    const current = await view();
    if (probe(current)) return current;
    if (current.stage === 'halted') throw new Error(`halted before ${what}: ${current.haltReason}`);
    const calendar: Record<string, { until: string } | undefined> = current.calendar;
    const deadline = Date.parse(calendar[current.stage]?.until ?? '');
    const to = deadline > now ? deadline : await clock.next();
    if (to === undefined) throw new Error(`stalled in ${current.stage} before ${what}`);
    await clock.advance(to);
  }
  throw new Error(`${what}: not reached in 2000 moves of the clock`);
};

/**
 * The people's API with each token signed afresh by `sign` on the stack's clock, as a person
 * signs in again as the days pass (tokens live 12 hours; the stack's clock runs days ahead).
 */
export const signingAfresh = (
  api: Api,
  sign: (claims: { sub: string; roles: string[]; orgs: string[] }) => Promise<string>,
): Api => ({
  page: (path) => api.page(path),
  async call(method, path, token, body) {
    if (!token) return api.call(method, path, token, body);
    const { sub, roles, orgs } = decodeJwt(token) as {
      sub: string;
      roles: string[];
      orgs: string[];
    };
    return api.call(method, path, await sign({ sub, roles, orgs }), body);
  },
});

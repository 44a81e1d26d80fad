import * as z from 'zod';
import { DomainError } from '../errors.ts';
import { type ListName, listSortPrefix, type Page } from '../store/lists.ts';

/**
 * Pages of the console's lists: `limit` and an opaque `cursor` in, `{items, next}` out. The
 * cursor is the last item's sort key, base64url-encoded: opaque to clients, and checked on the
 * way back (a cursor of another list, or junk, is a 400 naming `query.cursor`).
 */

export const DEFAULT_LIMIT = 20;
export const MAX_LIMIT = 100;

/** The query fields every list takes. */
export const PageQuery = {
  limit: z.coerce.number().int().min(1).max(MAX_LIMIT).default(DEFAULT_LIMIT),
  cursor: z.string().min(1).max(1000).optional(),
};

export const encodeCursor = (sortKey: string): string =>
  Buffer.from(sortKey, 'utf8').toString('base64url');

const badCursor = () =>
  new DomainError(
    'invalid-input',
    'invalid-input',
    'query.cursor: not a cursor of this list (pass back `next` as it was given)',
    [{ path: ['query', 'cursor'], code: 'invalid_cursor', message: 'not a cursor of this list' }],
  );

/** The sort key a cursor carries, when it is one of `list`'s. */
export const decodeCursor = (list: ListName, cursor: string | undefined): string | undefined => {
  if (cursor === undefined) return undefined;
  if (!/^[A-Za-z0-9_-]+$/.test(cursor)) throw badCursor();
  const sortKey = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!sortKey.startsWith(listSortPrefix(list)) || encodeCursor(sortKey) !== cursor) {
    throw badCursor();
  }
  return sortKey;
};

/** A page as the API answers it. */
export const answerPage = <T, U>(page: Page<T>, view: (item: T) => U) => ({
  items: page.items.map(view),
  next: page.last === null ? null : encodeCursor(page.last),
});

/** The answer of a list: a page of `item`s and the cursor of the next (null at the end). */
export const Paged = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), next: z.string().nullable() });

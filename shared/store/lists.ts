import { paginateQuery } from '@aws-sdk/lib-dynamodb';
import { documentClient } from './client.ts';
import { withoutKeys } from './items.ts';
import { GSI1, GSI2, tableName } from './table.ts';

/**
 * The lists by kind on gsi2 (every organization, election, batch, pending approval) and the
 * pages the console reads of them. A page is cut by its last sort key: the caller turns it into
 * an opaque cursor and back, and a page goes on strictly after (or before) it.
 */

/** Each kind's list: its gsi2 partition, and the sort key of an item in it. */
export const LISTS = {
  organizations: { pk: 'ORGANIZATIONS', sk: (o: { id: string }) => `ORG#${o.id}` },
  elections: {
    pk: 'ELECTIONS',
    sk: (e: { createdAt: string; id: string }) => `ELECTION#${e.createdAt}#${e.id}`,
  },
  batches: {
    pk: 'BATCHES',
    sk: (b: { createdAt: string; id: string }) => `BATCH#${b.createdAt}#${b.id}`,
  },
  /** Sparse: an approval leaves it when decided or expired. */
  pendingApprovals: {
    pk: 'PENDING-APPROVALS',
    sk: (a: { createdAt: string; id: string }) => `APPROVAL#${a.createdAt}#${a.id}`,
  },
} as const;

export type ListName = keyof typeof LISTS;

/** The sort key prefix every cursor of a list starts with (a cursor is checked against it). */
export const listSortPrefix = (list: ListName): string =>
  ({
    organizations: 'ORG#',
    elections: 'ELECTION#',
    batches: 'BATCH#',
    pendingApprovals: 'APPROVAL#',
  })[list];

/** The gsi2 attributes that put an item on its kind's list. */
export const listKeys = <L extends ListName>(
  list: L,
  item: Parameters<(typeof LISTS)[L]['sk']>[0],
) => ({
  [GSI2.pk]: LISTS[list].pk,
  [GSI2.sk]: (LISTS[list].sk as (i: typeof item) => string)(item),
});

export interface Page<T> {
  items: T[];
  /** The sort key of the last item when more may follow; null at the end. */
  last: string | null;
}

export interface PageQuery<T> {
  limit: number;
  /** Go on after this sort key (in the page's order). */
  after?: string;
  /** Newest first (descending sort keys). */
  descending: boolean;
  /** Which items count toward the page (the others are skipped, not counted). */
  keep?: (item: T) => boolean;
}

/** A page of one index partition whose sort keys start with `prefix`. */
const indexPage = async <T>(
  index: typeof GSI1 | typeof GSI2,
  pk: string,
  prefix: string,
  { limit, after, descending, keep = () => true }: PageQuery<T>,
): Promise<Page<T>> => {
  const bound = after === undefined ? '' : descending ? ' AND #sk < :after' : ' AND #sk > :after';
  const pages = paginateQuery(
    { client: documentClient(), pageSize: Math.max(limit, 25) },
    {
      TableName: tableName(),
      IndexName: index.name,
      KeyConditionExpression:
        after === undefined ? '#pk = :pk AND begins_with(#sk, :prefix)' : `#pk = :pk${bound}`,
      ExpressionAttributeNames: { '#pk': index.pk, '#sk': index.sk },
      ExpressionAttributeValues: {
        ':pk': pk,
        ...(after === undefined ? { ':prefix': prefix } : { ':after': after }),
      },
      ScanIndexForward: !descending,
    },
  );
  const items: T[] = [];
  for await (const page of pages) {
    for (const raw of page.Items ?? []) {
      const sk = raw[index.sk] as string;
      // A bound of `<` or `>` may reach past the prefix: the partition holds one kind, but check.
      if (!sk.startsWith(prefix)) continue;
      const item = withoutKeys<T>(raw);
      if (!keep(item)) continue;
      items.push(item);
      if (items.length === limit) return { items, last: sk };
    }
  }
  return { items, last: null };
};

/** A page of a kind's list (gsi2). */
export const listPage = <T>(list: ListName, query: PageQuery<T>): Promise<Page<T>> =>
  indexPage(GSI2, LISTS[list].pk, listSortPrefix(list), query);

/**
 * A page of the elections of some organizations, newest first: each organization's own list
 * (gsi1 `ORG#…`, the same sort keys as the elections' list) read to the page's size, then
 * merged. Cheaper than walking every election for a token of a few organizations.
 */
export const orgElectionsPage = async <T extends { createdAt: string; id: string }>(
  orgIds: readonly string[],
  query: Omit<PageQuery<T>, 'descending'>,
): Promise<Page<T>> => {
  const pages = await Promise.all(
    orgIds.map((orgId) =>
      indexPage<T>(GSI1, `ORG#${orgId}`, 'ELECTION#', { ...query, descending: true }),
    ),
  );
  const merged = pages
    .flatMap((page) => page.items.map((item) => ({ item, sk: LISTS.elections.sk(item) })))
    .sort((a, b) => (a.sk < b.sk ? 1 : a.sk > b.sk ? -1 : 0));
  const items = merged.slice(0, query.limit);
  const more = merged.length > query.limit || pages.some((page) => page.last !== null);
  const last = items.at(-1)?.sk ?? null;
  return { items: items.map((m) => m.item), last: more ? last : null };
};

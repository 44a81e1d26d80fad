import { useMemo } from 'react';
import { call } from '../api/client.ts';
import { useLoad } from './use-load.ts';

/** Pages read at most: an organizer's token names a few organizations, a 街道 a few hundred. */
const MAX_PAGES = 10;

/**
 * The organizations the organizer may act on, whole (following the list's cursor), for the
 * pickers and filters of a page; `nameOf` names one by id.
 */
export const useOrganizations = () => {
  const list = useLoad(async () => {
    const items: Awaited<ReturnType<typeof call<'GET /v1/organizations'>>>['items'] = [];
    let cursor: string | undefined;
    for (let page = 0; page < MAX_PAGES; page++) {
      const answer = await call('GET /v1/organizations', { query: { limit: 100, cursor } });
      items.push(...answer.items);
      if (!answer.next) break;
      cursor = answer.next;
    }
    return items;
  }, 'organizations');
  const organizations = useMemo(() => list.data ?? [], [list.data]);
  const nameOf = useMemo(() => {
    const names = new Map(organizations.map((o) => [o.id, o.name]));
    return (id: string) => names.get(id) ?? id;
  }, [organizations]);
  return { ...list, organizations, nameOf };
};

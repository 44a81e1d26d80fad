import * as z from 'zod';
import type { Principal } from '../../principal.ts';
import { listPage, type Page } from '../../store/lists.ts';
import { countRoll, getOrganization } from '../../store/organizations.ts';
import type { OrganizationRecord } from '../../store/records.ts';
import { answerPage, decodeCursor } from '../paging.ts';

/** The organizations a token may act on, a page at a time, by id (GET /v1/organizations). */

export const OrganizationSummary = z.object({
  id: z.string(),
  name: z.string(),
  level: z.enum(['branch', 'general-branch', 'committee']),
  superior: z.object({ name: z.string(), emails: z.array(z.string()) }),
  /** Members on the current roll (0 before the first import). */
  memberCount: z.number(),
  /** When the roll was last replaced, if it was since counts are kept. */
  updatedAt: z.string().optional(),
});
export type OrganizationSummary = z.infer<typeof OrganizationSummary>;

/** A token's own organizations by id: read one by one (a token names a few, never thousands). */
const grantedPage = async (
  orgIds: readonly string[],
  limit: number,
  after: string | undefined,
): Promise<Page<OrganizationRecord>> => {
  const ids = [...new Set(orgIds)]
    .sort()
    .filter((id) => after === undefined || `ORG#${id}` > after);
  const items: OrganizationRecord[] = [];
  for (let start = 0; start < ids.length; start += limit) {
    const chunk = ids.slice(start, start + limit);
    const found = await Promise.all(chunk.map((id) => getOrganization(id)));
    for (const [i, org] of found.entries()) {
      // A grant may name an organization not created yet: it is not listed.
      if (!org) continue;
      items.push(org);
      if (items.length === limit) {
        const more = start + i + 1 < ids.length;
        return { items, last: more ? `ORG#${org.id}` : null };
      }
    }
  }
  return { items, last: null };
};

const summary = async (org: OrganizationRecord): Promise<OrganizationSummary> => ({
  id: org.id,
  name: org.name,
  level: org.level,
  superior: org.superior,
  memberCount: org.memberCount ?? (org.rollId ? await countRoll(org.id, org.rollId) : 0),
  ...(org.rollReplacedAt ? { updatedAt: org.rollReplacedAt } : {}),
});

export const listOrganizations = async (
  principal: Principal,
  { limit, cursor }: { limit: number; cursor?: string | undefined },
) => {
  const after = decodeCursor('organizations', cursor);
  const page = principal.orgs.includes('*')
    ? await listPage<OrganizationRecord>('organizations', { limit, after, descending: false })
    : await grantedPage(principal.orgs, limit, after);
  const items = await Promise.all(page.items.map(summary));
  return answerPage({ items, last: page.last }, (item) => item);
};

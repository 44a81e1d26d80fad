import * as z from 'zod';
import { knownOrganization } from '../../shared/election/access.ts';
import { OrgId } from '../../shared/election/elections/schemas.ts';
import {
  listOrganizations,
  OrganizationSummary,
} from '../../shared/election/organizations/list.ts';
import { NewOrganization } from '../../shared/election/organizations/schemas.ts';
import { Paged, PageQuery } from '../../shared/election/paging.ts';
import { conflict } from '../../shared/errors.ts';
import { requireOrg } from '../../shared/http/auth.ts';
import { endpoint, routeGroup } from '../../shared/http/endpoint.ts';
import { Roll } from '../../shared/rules/index.ts';
import { normalizeAddress, undeliverableAmong } from '../../shared/store/mailboxes.ts';
import { createOrganization, getRoll } from '../../shared/store/organizations.ts';
import type { OrganizationRecord } from '../../shared/store/records.ts';
import { ConditionFailed } from '../../shared/store/transact.ts';

/** Organizations and their member rolls (党员名册). */

const OrgParams = z.strictObject({ orgId: OrgId });

/** An organization as the API shows it, with the id and version of its current roll. */
const OrganizationView = NewOrganization.extend({
  rollId: z.string().nullable(),
  rollVersion: z.number(),
  createdAt: z.string(),
});

/**
 * A member whose address mail cannot reach (SES reported a permanent bounce or a complaint):
 * notices to it are recorded as failed, not sent. Apart from `members`, so the roll read can
 * be sent back as it is.
 */
const Unreachable = z.object({
  memberId: z.string(),
  email: z.string(),
  kind: z.enum(['bounce', 'complaint']),
  reason: z.string(),
  at: z.string(),
});

const view = (org: OrganizationRecord): z.infer<typeof OrganizationView> => ({
  id: org.id,
  name: org.name,
  level: org.level,
  superior: org.superior,
  rollId: org.rollId,
  rollVersion: org.rollVersion,
  createdAt: org.createdAt,
});

export const { endpoints, handler } = routeGroup([
  endpoint({
    method: 'GET',
    path: '/v1/organizations',
    response: Paged(OrganizationSummary),
    auth: ['organizer'],
    summary:
      'The organizations the token may act on, by id, a page at a time, with their roll size',
    query: z.strictObject(PageQuery),
    handle: async ({ query, principal }) => ({ body: await listOrganizations(principal, query) }),
  }),
  endpoint({
    method: 'POST',
    path: '/v1/organizations',
    response: OrganizationView,
    auth: ['organizer'],
    summary: 'Create an organization (党组织) with its superior; 409 if the id exists',
    body: NewOrganization,
    handle: async ({ body, principal }) => {
      requireOrg(principal, body.id);
      const org: OrganizationRecord = {
        ...body,
        rollVersion: 0,
        rollId: null,
        createdAt: new Date().toISOString(),
      };
      try {
        await createOrganization(org, principal.sub);
      } catch (error) {
        if (error instanceof ConditionFailed) {
          throw conflict('duplicate', `organization ${body.id} already exists`, [
            { path: ['body', 'id'] },
          ]);
        }
        throw error;
      }
      return { status: 201, body: view(org) };
    },
  }),
  endpoint({
    method: 'GET',
    path: '/v1/organizations/{orgId}',
    response: OrganizationView,
    auth: ['organizer'],
    summary: 'An organization, with the id and version of its current roll',
    params: OrgParams,
    handle: async ({ params, principal }) => ({
      body: view(await knownOrganization(params.orgId, principal)),
    }),
  }),
  endpoint({
    method: 'GET',
    path: '/v1/organizations/{orgId}/roll',
    response: z.object({
      rollId: z.string().nullable(),
      count: z.number(),
      members: Roll,
      unreachable: z.array(Unreachable),
    }),
    auth: ['organizer'],
    summary: 'The current member roll, and the members whose e-mail address cannot be reached',
    params: OrgParams,
    handle: async ({ params, principal }) => {
      const org = await knownOrganization(params.orgId, principal);
      const members = await getRoll(org.id, org.rollId);
      const marks = await undeliverableAmong(members.flatMap((m) => (m.email ? [m.email] : [])));
      const unreachable = members.flatMap((member) => {
        const mark = member.email && marks.get(normalizeAddress(member.email));
        if (!mark) return [];
        const { kind, reason, at } = mark;
        return [{ memberId: member.id, email: member.email as string, kind, reason, at }];
      });
      return { body: { rollId: org.rollId, count: members.length, members, unreachable } };
    },
  }),
]);

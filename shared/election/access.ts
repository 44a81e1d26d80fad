import { notFound } from '../errors.ts';
import { type Principal, requireOrg } from '../principal.ts';
import { getElection } from '../store/elections.ts';
import { getOrganization } from '../store/organizations.ts';
import type { ElectionRecord, OrganizationRecord } from '../store/records.ts';

/** The audit chain of an election. */
export const electionScope = (electionId: string): string => `ELECTION#${electionId}`;

/**
 * The election a request acts on: 404 when there is none, 403 when the token may not act on
 * its organization. Public routes pass no principal (they ignore tokens).
 */
export const loadElection = async (
  electionId: string,
  principal: Principal | null,
): Promise<ElectionRecord> => {
  const election = await getElection(electionId);
  if (!election) throw notFound(`election ${electionId}`);
  if (principal) requireOrg(principal, election.orgId);
  return election;
};

/** The election's organization (its name heads every notice; its addresses reach people). */
export const organizationOf = async (
  election: Pick<ElectionRecord, 'orgId'>,
): Promise<OrganizationRecord> => {
  const org = await getOrganization(election.orgId);
  if (!org) throw new Error(`organization ${election.orgId} of an election is missing`);
  return org;
};

/** The organization named in a path (404), once the token may act on it (403). */
export const knownOrganization = async (
  orgId: string,
  principal: Principal,
): Promise<OrganizationRecord> => {
  const org = await getOrganization(orgId);
  if (!org) throw notFound(`organization ${orgId}`);
  requireOrg(principal, org.id);
  return org;
};

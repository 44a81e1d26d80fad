import * as z from 'zod';
import { conflict, notFound } from '../../errors.ts';
import { type Principal, requireOrg } from '../../principal.ts';
import { claimApprovalResend, getApproval } from '../../store/approvals.ts';
import { getElection } from '../../store/elections.ts';
import { listPage } from '../../store/lists.ts';
import { getOrganization } from '../../store/organizations.ts';
import type { ApprovalRecord, ElectionRecord } from '../../store/records.ts';
import { ConditionFailed, commit } from '../../store/transact.ts';
import { electionScope } from '../access.ts';
import { mailSuperior } from './approval.ts';

/**
 * The approvals the superior has not decided yet (GET /v1/approvals), and the organizers'
 * resend of one's mail (POST /v1/approvals/{approvalId}/resend).
 */

export const PendingApproval = z.object({
  id: z.string(),
  electionId: z.string(),
  orgId: z.string(),
  kind: z.string(),
  /** The superior's addresses: the mail went to each. */
  sentTo: z.array(z.string()),
  sentAt: z.string(),
  expiresAt: z.string(),
});
export type PendingApproval = z.infer<typeof PendingApproval>;

/** How long a resend counts as the same one: two clicks in this window mail once. */
export const RESEND_WINDOW_MS = 10 * 60_000;

/** The pending approvals of the organizations the token may act on (one of them if asked). */
export const listPendingApprovals = async (
  principal: Principal,
  { orgId }: { orgId?: string | undefined },
): Promise<PendingApproval[]> => {
  if (orgId) requireOrg(principal, orgId);
  // Pending approvals are the few in flight: the sparse list is read whole.
  const { items } = await listPage<ApprovalRecord>('pendingApprovals', {
    limit: 1000,
    descending: true,
  });
  const elections = new Map<string, Promise<ElectionRecord | undefined>>();
  const orgs = new Map<string, ReturnType<typeof getOrganization>>();
  const once = <T>(
    cache: Map<string, Promise<T>>,
    id: string,
    read: (id: string) => Promise<T>,
  ) => {
    if (!cache.has(id)) cache.set(id, read(id));
    return cache.get(id) as Promise<T>;
  };
  const listed = await Promise.all(
    items.map(async (approval): Promise<PendingApproval | undefined> => {
      const election = await once(elections, approval.electionId, getElection);
      if (!election) return undefined;
      const mine = principal.orgs.includes('*') || principal.orgs.includes(election.orgId);
      if (!mine || (orgId && election.orgId !== orgId)) return undefined;
      const org = await once(orgs, election.orgId, getOrganization);
      return {
        id: approval.id,
        electionId: approval.electionId,
        orgId: election.orgId,
        kind: approval.kind,
        sentTo: org?.superior.emails ?? [],
        sentAt: approval.createdAt,
        expiresAt: approval.expiresAt,
      };
    }),
  );
  return listed.filter((a): a is PendingApproval => a !== undefined);
};

/**
 * Mails the approval's request again to the superior, through the outbox under a ref of its
 * own. Audited `approval-resent` once per window: a second click within RESEND_WINDOW_MS finds
 * the window's claim and mails nothing new (the outbox key is the same), while a later resend
 * mails again. 409 once the approval is decided or expired.
 */
export const resendApproval = async (
  approvalId: string,
  principal: Principal,
  now = new Date(),
): Promise<{ approvalId: string; resent: boolean; sentTo: string[]; at: string }> => {
  const approval = await getApproval(approvalId);
  if (!approval) throw notFound(`approval ${approvalId}`);
  const election = await getElection(approval.electionId);
  if (!election) throw notFound(`election ${approval.electionId}`);
  requireOrg(principal, election.orgId);
  if (approval.status !== 'pending' || Date.parse(approval.expiresAt) <= now.getTime()) {
    throw conflict(
      'approval-closed',
      `approval ${approvalId} is ${approval.status === 'pending' ? 'expired' : approval.status}: a new request, if any, has its own link`,
    );
  }
  const windowId = String(Math.floor(now.getTime() / RESEND_WINDOW_MS));
  let resent = true;
  try {
    await commit([claimApprovalResend(approvalId, windowId, principal.sub, now.toISOString())], {
      scope: electionScope(approval.electionId),
      actor: principal.sub,
      action: 'approval-resent',
      data: { approvalId, kind: approval.kind, window: windowId },
    });
  } catch (error) {
    if (!(error instanceof ConditionFailed)) throw error;
    resent = false;
  }
  // Also when claimed already: a first attempt cut off before its mail is finished here.
  await mailSuperior(approval, `${approvalId}#resend-${windowId}`);
  const org = await getOrganization(election.orgId);
  return { approvalId, resent, sentTo: org?.superior.emails ?? [], at: now.toISOString() };
};

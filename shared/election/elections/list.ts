import * as z from 'zod';
import { type Principal, requireOrg } from '../../principal.ts';
import { ElectionStage, PresetName, Stage, TERMINAL_STAGES } from '../../rules/index.ts';
import { listApprovals } from '../../store/approvals.ts';
import { getAwaiting } from '../../store/elections.ts';
import { listPage, orgElectionsPage } from '../../store/lists.ts';
import { getOrganization } from '../../store/organizations.ts';
import type { ElectionRecord } from '../../store/records.ts';
import { answerPage, decodeCursor } from '../paging.ts';
import { Awaiting, awaitingOf } from './awaiting.ts';

/**
 * The elections list (GET /v1/elections): newest first, of the organizations the token may act
 * on, by organization and stage, each with its next deadline and what its workflow waits for.
 */

export const ElectionSummary = z.object({
  id: z.string(),
  orgId: z.string(),
  orgName: z.string().optional(),
  preset: PresetName,
  stage: ElectionStage,
  startsAt: z.string(),
  /** The current stage's deadline (past when the stage is kept open for work); null when ended. */
  nextDeadline: z.object({ stage: Stage, at: z.string() }).nullable(),
  awaiting: Awaiting.nullable(),
  createdAt: z.string(),
});
export type ElectionSummary = z.infer<typeof ElectionSummary>;

export const ElectionFilter = z.object({
  orgId: z.string().min(1).max(128).optional(),
  stage: ElectionStage.optional(),
});

const ENDED: ReadonlySet<string> = new Set(TERMINAL_STAGES);

const isStage = (stage: string): stage is Stage => Stage.safeParse(stage).success;

const nextDeadlineOf = (election: ElectionRecord): ElectionSummary['nextDeadline'] => {
  const stage = election.stage;
  if (!isStage(stage)) return null;
  const until = election.calendar[stage]?.until;
  return until ? { stage, at: until } : null;
};

/** What the workflow waits for now (awaiting.ts `awaitingOf`, as the election view says it). */
const awaitingNow = async (election: ElectionRecord): Promise<Awaiting | null> => {
  if (ENDED.has(election.stage)) return null;
  const [approvals, parked] = await Promise.all([
    listApprovals(election.id),
    getAwaiting(election.id),
  ]);
  return awaitingOf(election, approvals, parked);
};

export const listElections = async (
  principal: Principal,
  query: z.infer<typeof ElectionFilter> & { limit: number; cursor?: string | undefined },
) => {
  const after = decodeCursor('elections', query.cursor);
  const keep = (e: ElectionRecord) => query.stage === undefined || e.stage === query.stage;
  if (query.orgId) requireOrg(principal, query.orgId);
  const page = query.orgId
    ? await orgElectionsPage<ElectionRecord>([query.orgId], { limit: query.limit, after, keep })
    : principal.orgs.includes('*')
      ? await listPage<ElectionRecord>('elections', {
          limit: query.limit,
          after,
          descending: true,
          keep,
        })
      : await orgElectionsPage<ElectionRecord>(principal.orgs, { limit: query.limit, after, keep });
  const names = new Map<string, Promise<string | undefined>>();
  const nameOf = (orgId: string) => {
    if (!names.has(orgId))
      names.set(
        orgId,
        getOrganization(orgId).then((o) => o?.name),
      );
    return names.get(orgId) as Promise<string | undefined>;
  };
  const items = await Promise.all(
    page.items.map(async (election): Promise<ElectionSummary> => {
      const [orgName, awaiting] = await Promise.all([
        nameOf(election.orgId),
        awaitingNow(election),
      ]);
      return {
        id: election.id,
        orgId: election.orgId,
        ...(orgName ? { orgName } : {}),
        preset: election.preset,
        stage: election.stage,
        startsAt: election.startsAt,
        nextDeadline: nextDeadlineOf(election),
        awaiting,
        createdAt: election.createdAt,
      };
    }),
  );
  return answerPage({ items, last: page.last }, (item) => item);
};

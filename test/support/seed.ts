// Records written straight to the store, in whatever state a test needs (no workflow runs).
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { createdEntryData } from '../../shared/election/elections/create.ts';
import type { Member } from '../../shared/rules/index.ts';
import { documentClient } from '../../shared/store/client.ts';
import { putNewElection } from '../../shared/store/elections.ts';
import { keys } from '../../shared/store/keys.ts';
import {
  createOrganization,
  getOrganization,
  replaceRoll,
} from '../../shared/store/organizations.ts';
import type {
  CandidateRecord,
  ElectionRecord,
  OrganizationRecord,
  RoundRecord,
} from '../../shared/store/records.ts';
import { tableName } from '../../shared/store/table.ts';
import { commit } from '../../shared/store/transact.ts';

export type OrganizationSeed = Pick<OrganizationRecord, 'id' | 'name' | 'level' | 'superior'> &
  Partial<Pick<OrganizationRecord, 'createdAt'>>;

/** Creates the organization (created 2026-02-01 unless given) with its roll; answers the roll id. */
export const seedOrganization = async (
  organization: OrganizationSeed,
  members: Member[],
  actor = 'test',
): Promise<string> => {
  await createOrganization(
    { rollVersion: 0, rollId: null, createdAt: '2026-02-01T00:00:00.000Z', ...organization },
    actor,
  );
  const org = await getOrganization(organization.id);
  if (!org) throw new Error(`organization ${organization.id} missing`);
  return replaceRoll(org, members, actor);
};

/** Writes the election, audited as created by `actor`. */
export const seedElection = async (
  election: ElectionRecord,
  actor = election.createdBy,
): Promise<ElectionRecord> => {
  await commit([putNewElection(election)], {
    scope: `ELECTION#${election.id}`,
    actor,
    action: 'election-created',
    data: createdEntryData(election),
  });
  return election;
};

/** One item as is (keys included), with no condition. */
export const putItem = (item: Record<string, unknown>) =>
  documentClient().send(new PutCommand({ TableName: tableName(), Item: item }));

/** A candidate record as the workflow would have left it (secretary, eligible, unless given). */
export const seedCandidate = async (
  electionId: string,
  candidate: Partial<CandidateRecord> & Pick<CandidateRecord, 'memberId' | 'status'>,
): Promise<void> => {
  const record: CandidateRecord = {
    office: 'secretary',
    check: { eligible: true, failures: [] },
    ...candidate,
  };
  await putItem({ ...keys.candidate(electionId, record.office, record.memberId), ...record });
};

/** A round record as is. */
export const seedRound = async (electionId: string, round: RoundRecord): Promise<void> => {
  await putItem({ ...keys.round(electionId, round.id), ...round });
};

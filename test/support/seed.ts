// Records written straight to the store, in whatever state a test needs (no workflow runs).
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { createdEntryData } from '../../shared/election/elections/create.ts';
import { openRound } from '../../shared/election/rounds/round.ts';
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
import { electionRecord, mailedMember, stored } from './builders.ts';

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

/** Members p1, p2, … named in this order, with e-mail addresses, as the roll stores them. */
export const namedRoll = (names: readonly string[]) =>
  names.map((name, i) => stored(mailedMember(`p${i + 1}`, { name })));

/**
 * 新光社区党委 with the roll `names` (p1, p2, …), its election `electionId` at the secretary's
 * assembly, and that round open among `candidates`, one seat: the stage a browser test of the
 * assembly day starts from.
 */
export const seedSecretaryRound = async (
  orgId: string,
  electionId: string,
  names: readonly string[],
  candidates: string[],
) => {
  const rollId = await seedOrganization(
    {
      id: orgId,
      name: '新光社区党委',
      level: 'committee',
      superior: { name: '新光街道党工委', emails: ['gongwei@example.org'] },
    },
    namedRoll(names),
  );
  const election = await seedElection(
    electionRecord({ id: electionId, orgId, rollId, stage: 'secretary-election' }),
  );
  const spec = { kind: 'election', office: 'secretary', stage: 'secretary-election' } as const;
  const round = await openRound(
    election,
    { ...spec, candidates, seats: 1, revotesSoFar: 0 },
    'workflow',
  );
  return { election, round };
};

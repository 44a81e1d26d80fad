import type { Member, Stage } from '../rules/index.ts';
import { listCandidates } from '../store/nominations.ts';
import { getOrganization, getRoll } from '../store/organizations.ts';
import type {
  CandidateRecord,
  ElectionRecord,
  OrganizationRecord,
  RoundRecord,
} from '../store/records.ts';
import { listRounds } from '../store/rounds.ts';

/**
 * What a stage's logic reads, loaded once per task and only when asked. "Since the stage began"
 * filters rounds: a stage resumed after a halt starts afresh.
 */
export interface StageContext {
  election: ElectionRecord;
  stage: Stage;
  now: Date;
  /** When the stage (as it runs now) began. */
  since: string;
  org(): Promise<OrganizationRecord>;
  roll(): Promise<Member[]>;
  member(id: string): Promise<Member | undefined>;
  candidates(): Promise<CandidateRecord[]>;
  /** This stage's rounds since it began, in number order. */
  rounds(): Promise<RoundRecord[]>;
}

const once = <T>(load: () => Promise<T>): (() => Promise<T>) => {
  let value: Promise<T> | undefined;
  return () => {
    value ??= load();
    return value;
  };
};

export const stageContext = (
  election: ElectionRecord,
  stage: Stage,
  now = new Date(),
): StageContext => {
  const since = election.calendar[stage]?.from ?? election.startsAt;
  const org = once(async () => {
    const found = await getOrganization(election.orgId);
    if (!found)
      throw new Error(`organization ${election.orgId} of election ${election.id} is missing`);
    return found;
  });
  const roll = once(() => getRoll(election.orgId, election.rollId));
  const byId = once(async () => new Map((await roll()).map((m) => [m.id, m])));
  return {
    election,
    stage,
    now,
    since,
    org,
    roll,
    member: async (id) => (await byId()).get(id),
    candidates: once(() => listCandidates(election.id)),
    rounds: once(async () =>
      (await listRounds(election.id))
        .filter((round) => round.stage === stage && round.openedAt >= since)
        .sort((a, b) => a.number - b.number),
    ),
  };
};

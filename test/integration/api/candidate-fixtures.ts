import type { Role } from '../../../shared/http/auth.ts';
import type { ElectionStage, Member, Rules } from '../../../shared/rules/index.ts';
import { listNotices } from '../../../shared/store/outbox.ts';
import type { ElectionRecord, Seats } from '../../../shared/store/records.ts';
import { signToken } from '../../support/api.ts';
import { suiteOf } from '../../support/api-suite.ts';
import { electionRecord, mailedMember, stored } from '../../support/builders.ts';
import { seedElection as putElection, seedOrganization } from '../../support/seed.ts';
import { type ApiStandIns, startApiStandIns } from '../../support/stand-ins.ts';

export { ALL_DOCUMENTS } from '../../support/builders.ts';
export { auditActions, auditEntries } from '../../support/inspect.ts';
export { seedCandidate } from '../../support/seed.ts';

export const ORG = 'org-a';
export const SUPERIOR_EMAIL = 'gongwei@example.org';

/** An entitled member who meets every condition for office on 2026-03-31 (本科, born 1975). */
const member = mailedMember;

/**
 * m1…m9 meet every condition; `elder` is 61 on the election day with 初中 (fails age and
 * education, both waivable); `prob` is a 预备党员 (no vote, fails full-member); `sick` declared
 * unhealthy (not waivable); `noemail` has no address.
 */
export const ROLL: Member[] = [
  ...Array.from({ length: 9 }, (_, i) => member(`m${i + 1}`)),
  member('elder', { birthDate: '1965-01-10', education: 'junior' }),
  member('prob', { status: 'probationary', fullSince: undefined }),
  member('sick', { healthy: false }),
  member('noemail', { email: undefined }),
].map(stored);

export interface StandIns extends Pick<ApiStandIns, 'api' | 'stop'> {
  rollId: string;
  /** The task tokens the fake Step Functions endpoint was sent success for. */
  releasedTokens: string[];
}

export const startStandIns = async (): Promise<StandIns> => {
  let rollId = '';
  const { api, sfn, stop } = await startApiStandIns(async () => {
    rollId = await seedOrganization(
      {
        id: ORG,
        name: '幸福社区党支部',
        level: 'branch',
        superior: { name: '幸福街道党工委', emails: [SUPERIOR_EMAIL] },
      },
      ROLL,
    );
  });
  return {
    api,
    rollId,
    // Read when asked: the endpoint keeps recording after the stand-ins start.
    get releasedTokens() {
      return sfn.released.map((r) => r.token);
    },
    stop,
  };
};

let serial = 0;

/** A community election (secretary election day 2026-03-31 in Shanghai) in `stage`. */
export const seedElection = async (
  rollId: string,
  stage: ElectionStage,
  {
    rules,
    seats,
    result,
  }: { rules?: Rules; seats?: Seats; result?: ElectionRecord['result'] } = {},
): Promise<string> => {
  const id = `el-${++serial}-${stage}`;
  await putElection(electionRecord({ id, orgId: ORG, rollId, rules, seats, stage, result }));
  return id;
};

export const organizerToken = (orgs = [ORG]) =>
  signToken({ sub: 'organizer-1', roles: ['organizer'], orgs });

/**
 * The candidate and nomination tests' preamble: the stand-ins and an organizer's token, and the
 * elections a test seeds on their roll (read inside tests, once the stand-ins started).
 */
export const candidateSuite = () => {
  const suite = suiteOf(async () => {
    const env = await startStandIns();
    return { env, organizer: await organizerToken(), stop: () => env.stop() };
  });
  return Object.assign(suite, {
    seedElection: (stage: ElectionStage, options?: Parameters<typeof seedElection>[2]) =>
      seedElection(suite.env.rollId, stage, options),
  });
};

export const memberToken = (sub: string, roles: Role[] = ['member']) =>
  signToken({ sub, roles, orgs: [ORG] });

/** The notices recorded for an election: template and address. */
export const noticesOf = async (electionId: string) =>
  (await listNotices(electionId)).map(({ template, to, status }) => ({ template, to, status }));

/** The error code of an error answer. */
export const errorCode = (body: unknown): string =>
  (body as { error: { code: string } }).error.code;

// The world the API fuzz test fires at: one organization with its roll, elections in several
// stages (candidates, an open objection, open rounds, a pending approval, a batch), tokens good
// and bad, and a sorted snapshot of the whole table to prove nothing changed.
import { SignJWT } from 'jose';
import { type SesLocal, startSes } from '../../../infra/local/ses-local.ts';
import { newApprovalId } from '../../../shared/election/approvals/approval.ts';
import { createBatch } from '../../../shared/election/batches/batch.ts';
import { recordAttendance } from '../../../shared/election/rounds/attendance.ts';
import { openRound } from '../../../shared/election/rounds/round.ts';
import type { Role } from '../../../shared/http/auth.ts';
import {
  COMMUNITY_STAGES,
  type ElectionStage,
  type Member,
  STAGES,
} from '../../../shared/rules/index.ts';
import { putNewApproval } from '../../../shared/store/approvals.ts';
import { keys } from '../../../shared/store/keys.ts';
import type {
  ApprovalRecord,
  CandidateRecord,
  CandidateStatus,
  ElectionRecord,
  ObjectionRecord,
} from '../../../shared/store/records.ts';
import { commit } from '../../../shared/store/transact.ts';
import { signToken, TEST_SECRET } from '../../support/api.ts';
import { electionRecord, mailedMember, stored } from '../../support/builders.ts';
import { freshTable } from '../../support/fresh-table.ts';
import { scanTable } from '../../support/inspect.ts';
import { putItem as put, seedElection, seedOrganization } from '../../support/seed.ts';
import { ELECTION_ROUND, RECOMMENDATION_ROUND } from './round-fixtures.ts';

export const ORG = 'org-fuzz';
/** An organization that exists too, so a token scoped to it is "another organization's". */
export const OTHER_ORG = 'org-fuzz-other';
export const ROLES: readonly Role[] = ['organizer', 'teller', 'scrutineer', 'approver', 'member'];

const member = mailedMember;

/** m01…m16 entitled and eligible; a 预备党员; one without e-mail. */
export const ROLL: Member[] = [
  ...Array.from({ length: 16 }, (_, i) => member(`m${String(i + 1).padStart(2, '0')}`)),
  member('prob', { status: 'probationary', fullSince: undefined }),
  member('noemail', { email: undefined }),
].map(stored);

export interface World {
  rollId: string;
  /** Election id by the stage it was seeded in. */
  elections: Record<string, string>;
  /** Round ids of the seeded elections (any election's round id is a "known" round id). */
  roundIds: string[];
  objectionIds: string[];
  approvalIds: string[];
  batchIds: string[];
  memberIds: string[];
  ses: SesLocal;
}

const organization = (id: string, name: string) =>
  seedOrganization(
    {
      id,
      name,
      level: 'branch',
      superior: { name: '光明街道党工委', emails: ['gongwei@example.org'] },
    },
    ROLL,
    'seed',
  );

const election = async (rollId: string, stage: ElectionStage): Promise<ElectionRecord> => {
  const record = electionRecord({
    id: `el-fuzz-${stage}`,
    orgId: ORG,
    rollId,
    stage,
    ...(stage === 'halted' ? { haltReason: '初步候选人不足' } : {}),
    createdBy: 'seed',
  });
  return seedElection(record, 'seed');
};

const candidates = async (electionId: string, statuses: Record<string, CandidateStatus>) => {
  for (const [memberId, status] of Object.entries(statuses)) {
    const record: CandidateRecord = {
      memberId,
      office: 'secretary',
      status,
      check: { eligible: true, failures: [] },
    };
    await put({ ...keys.candidate(electionId, 'secretary', memberId), ...record });
  }
};

/**
 * Seeds the world on a fresh table (the caller has mocked the workflow start), with SES Local
 * for the notices the seeding sends.
 */
export const seedWorld = async (): Promise<World> => {
  await freshTable();
  const ses = await startSes();
  process.env.AWS_ENDPOINT_URL_SES = ses.endpoint;
  const rollId = await organization(ORG, '光明社区党支部');
  await organization(OTHER_ORG, '光明社区第二党支部');

  // An election in each community stage from the nomination to the secretary's vote, and in the
  // two an election ends or is parked in.
  const stages: ElectionStage[] = [
    ...COMMUNITY_STAGES.slice(
      COMMUNITY_STAGES.indexOf('nomination'),
      COMMUNITY_STAGES.indexOf('secretary-election') + 1,
    ),
    'completed',
    'halted',
  ];
  const seeded: Record<string, ElectionRecord> = {};
  for (const stage of stages) seeded[stage] = await election(rollId, stage);
  const id = (stage: string) => (seeded[stage] as ElectionRecord).id;

  await candidates(id('eligibility-review'), { m01: 'nominated', m02: 'eligible' });
  await candidates(id('preliminary-notice'), { m01: 'preliminary', m02: 'preliminary' });
  await candidates(id('inspection'), { m01: 'recommended', m02: 'recommended' });
  await candidates(id('formal-notice'), { m01: 'formal', m02: 'formal' });
  await candidates(id('completed'), { m01: 'elected', m02: 'not-elected' });

  const objection: ObjectionRecord = {
    id: 'objection-fuzz-1',
    candidateId: 'm01',
    office: 'secretary',
    text: '该同志长期不参加组织生活',
    stage: 'preliminary-notice',
    filedAt: '2026-03-10T02:00:00.000Z',
    status: 'open',
  };
  await put({ ...keys.objection(id('preliminary-notice'), objection.id), ...objection });

  const recommendation = await openRound(
    seeded.recommendation as ElectionRecord,
    RECOMMENDATION_ROUND,
    'workflow',
  );
  const secretaryElection = seeded['secretary-election'] as ElectionRecord;
  const vote = await openRound(secretaryElection, ELECTION_ROUND, 'workflow');
  await recordAttendance(
    secretaryElection,
    vote,
    {
      present: 15,
      ballotsIssued: 15,
      staff: { announcer: 'm14', scrutineer: 'm15', counter: 'm16' },
    },
    'teller-1',
  );

  const now = Date.now();
  const approval: ApprovalRecord = {
    id: newApprovalId(),
    electionId: id('inspection'),
    kind: 'inspection',
    stage: 'inspection',
    token: 'task-token-fuzz',
    status: 'pending',
    createdAt: new Date(now).toISOString(),
    expiresAt: new Date(now + 30 * 86_400_000).toISOString(),
    subject: { description: '组织考察情况如下。', candidates: [{ memberId: 'm01', rate: 0.5 }] },
  };
  await commit(
    putNewApproval(approval, {
      electionId: approval.electionId,
      kind: approval.kind,
      ref: 'inspection',
      approvalId: approval.id,
    }),
  );

  const { batch } = await createBatch(
    {
      preset: 'community',
      seats: { secretary: 1, deputies: 0, members: 2 },
      startsAt: new Date(now + 86_400_000).toISOString(),
      orgIds: [ORG],
    },
    { sub: 'seed', roles: ['organizer'], orgs: ['*'] },
  );

  return {
    rollId,
    elections: Object.fromEntries(stages.map((stage) => [stage, id(stage)])),
    roundIds: [recommendation.id, vote.id],
    objectionIds: [objection.id],
    approvalIds: [approval.id],
    batchIds: [batch.id],
    memberIds: ROLL.map((m) => m.id),
    ses,
  };
};

/** Every stage name: a `{stage}` path value outside it is an unknown deadline. */
export const STAGE_NAMES: readonly string[] = STAGES;

/**
 * The tokens the fuzz draws from, by name: one per role for the organization (good, when the
 * route allows the role) and for another organization, and tokens no route may take.
 */
export const makeTokens = async () => {
  const byRole = async (orgs: string[]) =>
    Object.fromEntries(
      await Promise.all(
        ROLES.map(async (role) => [
          role,
          await signToken({ sub: `${role}-1`, roles: [role], orgs }),
        ]),
      ),
    ) as Record<Role, string>;
  const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const secret = new TextEncoder().encode(process.env.ZX_AUTH_SECRET ?? TEST_SECRET);
  const claims = { roles: ['organizer'], orgs: ['*'] };
  /** Signed with the right secret but built by hand, to change or leave out one part (null). */
  const handSigned = (
    payload: Record<string, unknown>,
    { alg = 'HS256', sub = 'organizer-1' as string | null, expiresIn = '1h' as string | null } = {},
  ) => {
    const jwt = new SignJWT(payload).setProtectedHeader({ alg });
    if (sub !== null) jwt.setSubject(sub);
    if (expiresIn !== null) jwt.setExpirationTime(expiresIn);
    return jwt.sign(secret);
  };
  const refused: Record<string, string> = {
    'wrong-secret': await signToken(
      { sub: 'organizer-1', roles: ['organizer'], orgs: ['*'] },
      { secret: 'not-the-secret-0123456789abcdef' },
    ),
    expired: await signToken(
      { sub: 'organizer-1', roles: ['organizer'], orgs: ['*'] },
      { expiresIn: '-1h' },
    ),
    'alg-none': `${encode({ alg: 'none', typ: 'JWT' })}.${encode({
      sub: 'organizer-1',
      ...claims,
      exp: Math.floor(Date.now() / 1000) + 3600,
    })}.`,
    hs512: await handSigned(claims, { alg: 'HS512' }),
    'no-exp': await handSigned(claims, { expiresIn: null }),
    'no-orgs': await handSigned({ roles: ['organizer'] }),
    'no-sub': await handSigned(claims, { sub: null }),
  };
  // Valid, but its only role is unknown to the product: no role, so 403 (SPEC §9), not 401.
  const unknownRole = await handSigned({ roles: ['king'], orgs: ['*'] });
  return {
    own: await byRole([ORG]),
    all: await byRole(['*']),
    other: await byRole([OTHER_ORG]),
    refused,
    unknownRole,
  };
};
export type Tokens = Awaited<ReturnType<typeof makeTokens>>;

/** The whole table, each item as canonical JSON, sorted: equal snapshots mean nothing changed. */
export const snapshotTable = async (): Promise<string[]> => {
  return (await scanTable()).map(canonical).sort();
};

/** JSON with object keys sorted, so two reads of one item compare equal. */
const canonical = (value: unknown): string =>
  JSON.stringify(value, (_key, inner: unknown) =>
    inner && typeof inner === 'object' && !Array.isArray(inner) && !(inner instanceof Set)
      ? Object.fromEntries(Object.entries(inner).sort(([a], [b]) => a.localeCompare(b)))
      : inner instanceof Set
        ? [...inner].sort()
        : inner,
  );

// Setup the supervision tests share: the approval tests' stand-ins (a fresh table, SES Local, a
// Step Functions endpoint that only records what it is sent, the API), one organization per
// test file with a roll of 22 entitled members and 3 who are not, and a `completed` election
// written straight to the store: secretary s1 (suggestion list m1, m2, m3), members m1 and m2.

import { vi } from 'vitest';
import { decideApproval } from '../../../shared/election/approvals/approval.ts';
import type { Role } from '../../../shared/http/auth.ts';
import type { Member, Rules } from '../../../shared/rules/index.ts';
import { listApprovals } from '../../../shared/store/approvals.ts';
import { getElection } from '../../../shared/store/elections.ts';
import { getOrganization, replaceRoll } from '../../../shared/store/organizations.ts';
import type { ElectionRecord } from '../../../shared/store/records.ts';
import { afterSupervisionDecision } from '../../../shared/supervision/follow-ups.ts';
import { signToken } from '../../support/api.ts';
import { suiteOf } from '../../support/api-suite.ts';
import {
  electionRecord,
  member as entitledMember,
  SEEDED_START,
  stored,
} from '../../support/builders.ts';
import { seedCandidate, seedElection, seedOrganization } from '../../support/seed.ts';
import { type StandIns, startStandIns } from './approval-fixtures.ts';

export { auditActions } from '../../support/inspect.ts';

export const SUPERIOR = { name: '新光街道党工委', emails: ['gongwei@example.org'] };

/** Who has an e-mail address: few, so that a notice to everyone stays cheap to send. */
const MAILED = new Set(['s1', 'm1', 'm2', 'c1', 'p01', 'p05', 'p11', 'p12', 'prob']);

export const member = (id: string, overrides: Partial<Member> = {}): Member =>
  entitledMember(id, {
    ...(MAILED.has(id) ? { email: `${id}@example.org` } : {}),
    birthDate: '1980-06-01',
    ...overrides,
  });

/** p01…p12 sign petitions; t1…t3 staff the assemblies; c1…c3 stand in by-elections. */
export const SIGNERS = Array.from({ length: 12 }, (_, i) => `p${String(i + 1).padStart(2, '0')}`);
export const STAFF = { announcer: 't1', scrutineer: 't2', counter: 't3' };
export const ROLL: Member[] = [
  member('s1', { name: '王书记' }),
  member('m1', { name: '李委员' }),
  member('m2', { name: '张委员' }),
  member('m3'),
  member('c1'),
  member('c2'),
  member('c3'),
  ...SIGNERS.map((id) => member(id)),
  member('t1'),
  member('t2'),
  member('t3'),
  member('prob', { status: 'probationary', fullSince: undefined }),
  member('away', { orgRelationLocal: false }),
  member('disc', { rights: 'discipline' }),
  member('old', { birthDate: '1950-01-01' }),
].map(stored);
/** Entitled to vote: everyone but prob, away and disc (old is entitled, but too old for office). */
export const ENTITLED = ROLL.length - 3;

export interface SupervisionEnv extends StandIns {
  orgId: string;
  rollId: string;
}

let serial = 0;

export const startSupervisionEnv = async (orgId: string): Promise<SupervisionEnv> => {
  const standIns = await startStandIns();
  // createElection starts a workflow: the stand-in endpoint accepts StartExecution.
  process.env.ZX_STATE_MACHINE_ARN ??= 'arn:aws:states:us-east-1:000000000000:stateMachine:zx';
  const rollId = await seedOrganization(
    {
      id: orgId,
      name: '新光社区党支部',
      level: 'branch',
      superior: SUPERIOR,
      createdAt: '2026-01-01T00:00:00.000Z',
    },
    ROLL,
  );
  return { ...standIns, orgId, rollId };
};

/**
 * Another organization in the same stand-ins, with its own roll (for a test that changes the
 * roll after the election without disturbing the file's other tests).
 */
const withOrganization = async (
  env: SupervisionEnv,
  orgId: string,
  roll: Member[] = ROLL,
): Promise<SupervisionEnv> => {
  const rollId = await seedOrganization(
    {
      id: orgId,
      name: `${orgId} 党支部`,
      level: 'branch',
      superior: SUPERIOR,
      createdAt: '2026-01-01T00:00:00.000Z',
    },
    roll,
  );
  return { ...env, orgId, rollId };
};

/** Replaces an organization's roll (members join and leave after the election). */
const changeRoll = async (orgId: string, roll: Member[]): Promise<string> => {
  const org = await getOrganization(orgId);
  if (!org) throw new Error('organization missing');
  return replaceRoll(org, roll, 'test');
};

/** A `completed` community election: s1 secretary (suggestion list m1, m2, m3), m1 and m2 members. */
const seedCompleted = async (
  env: SupervisionEnv,
  {
    rules,
    stage = 'completed',
    suggestion = ['m1', 'm2', 'm3'],
  }: { rules?: Rules; stage?: ElectionRecord['stage']; suggestion?: string[] | null } = {},
): Promise<ElectionRecord> => {
  const id = `el-sup-${++serial}`;
  await seedElection(
    electionRecord({
      id,
      orgId: env.orgId,
      rollId: env.rollId,
      rules,
      stage,
      result: { secretary: 's1', deputies: [], members: ['m1', 'm2'] },
    }),
  );
  await seedCandidate(id, {
    memberId: 's1',
    office: 'secretary',
    status: 'elected',
    check: { eligible: true, failures: [] },
    ...(suggestion ? { suggestion: { memberIds: suggestion, at: SEEDED_START } } : {}),
  });
  return (await getElection(id)) as ElectionRecord;
};

export const tokenFor = (orgId: string, roles: Role[], sub = `${roles.join('+')}-1`) =>
  signToken({ sub, roles, orgs: [orgId] });

/** A supervision test file's preamble: the stand-ins with organization `orgId`, and its organizer's token. */
export const supervisionSuite = (orgId: string) => {
  // A test files, approves, votes and mails through the stand-ins: seconds, on a busy machine.
  vi.setConfig({ testTimeout: 30_000 });
  const suite = suiteOf(async () => {
    const env = await startSupervisionEnv(orgId);
    return { env, organizer: await tokenFor(orgId, ['organizer']), stop: () => env.stop() };
  });
  /** A petition against `holder` by ten signatories, filed by the organizer of `on`; its id. */
  const fileRecall = async (electionId: string, holder: string, on = suite.env) => {
    const filed = await suite.env.api.call('POST', `/v1/elections/${electionId}/recalls`, {
      token: await tokenFor(on.orgId, ['organizer']),
      body: { officeHolderId: holder, signatoryIds: SIGNERS.slice(0, 10), reason: '不称职' },
    });
    return (filed.body as { id: string }).id;
  };
  // What a test does in the suite's organization (read inside tests, once the stand-ins started).
  return Object.assign(suite, {
    fileRecall,
    /** That petition, approved by the superior, and its recall round voted `vote`. */
    recallVoted: async (electionId: string, holder: string, vote: Vote, on = suite.env) => {
      const id = await fileRecall(electionId, holder, on);
      await superiorDecides(electionId, 'recall');
      const organizer = await tokenFor(on.orgId, ['organizer']);
      const roundId = (await showRecall(suite.env, electionId, id, organizer)).roundId as string;
      const tally = await voteOn(on, electionId, roundId, holder, vote);
      return { id, roundId, tally };
    },
    seedCompleted: (options?: Parameters<typeof seedCompleted>[1]) =>
      seedCompleted(suite.env, options),
    /** A recall as its GET shows it, to the organizer unless told. */
    recallOf: (electionId: string, recallId: string, token = suite.organizer) =>
      showRecall(suite.env, electionId, recallId, token),
    /**
     * A `completed` election of another organization `movedOrgId` whose roll changed after the
     * election (c3 left, `joined` joined, each entitled to vote), its env, its organizer's token,
     * the members entitled now, and a round's attendance reported on the roll as it is now.
     */
    electionOnChangedRoll: async (movedOrgId: string, joined: Member[]) => {
      const moved = await withOrganization(suite.env, movedOrgId);
      const election = await seedCompleted(moved);
      await changeRoll(movedOrgId, [...ROLL.filter((m) => m.id !== 'c3'), ...joined]);
      const entitled = ENTITLED - 1 + joined.length;
      return {
        moved,
        election,
        organizer: await tokenFor(movedOrgId, ['organizer']),
        entitled,
        attend: (roundId: string) =>
          attendOnCurrentRoll(
            suite.env,
            `/v1/elections/${election.id}/rounds/${roundId}`,
            movedOrgId,
            entitled,
          ),
      };
    },
  });
};

/**
 * A teller of `orgId` reports every entitled member of the roll as it is now present, with staff
 * who joined after the election (n2) beside the old roll's (t2, t3); answers the API's reply.
 */
const attendOnCurrentRoll = async (
  env: SupervisionEnv,
  roundPath: string,
  orgId: string,
  entitled: number,
) =>
  env.api.call('POST', `${roundPath}/attendance`, {
    token: await tokenFor(orgId, ['teller']),
    body: {
      present: entitled,
      ballotsIssued: entitled,
      staff: { announcer: 'n2', scrutineer: 't2', counter: 't3' },
    },
  });

export const errorOf = (body: unknown) =>
  (
    body as {
      error: { code: string; message: string; details: { rule?: string; path?: unknown[] }[] };
    }
  ).error;

/** The election's pending approval of a kind (the newest). */
export const pendingApproval = async (electionId: string, kind: string) => {
  const found = (await listApprovals(electionId)).filter(
    (a) => a.kind === kind && a.status === 'pending',
  );
  const approval = found.at(-1);
  if (!approval) throw new Error(`no pending ${kind} approval`);
  return approval;
};

/**
 * The superior decides the election's pending approval of `kind` through its link, and the
 * follow-up the workflow would run (opening the recall round, say) runs; approves unless told.
 */
export const superiorDecides = async (
  electionId: string,
  kind: string,
  decision: Parameters<typeof decideApproval>[1] = { decision: 'approve' },
) =>
  decideApproval((await pendingApproval(electionId, kind)).id, decision, afterSupervisionDecision);

/** A recall as GET …/recalls/{recallId} shows it (the fields the tests read). */
export interface RecallView {
  id: string;
  status: string;
  signatoryIds: string[];
  roundId?: string;
  newElectionId?: string;
  membersRemoved?: string[];
  byElectionRoundId?: string;
  byElection?: { status: string; elected?: string[] };
}

const showRecall = async (
  env: SupervisionEnv,
  electionId: string,
  recallId: string,
  token: string,
) =>
  (await env.api.call('GET', `/v1/elections/${electionId}/recalls/${recallId}`, { token }))
    .body as RecallView;

export interface Vote {
  present: number;
  for: number;
  against: number;
  /** Ballots returned beyond the issued (makes the round void). */
  extra?: number;
}

/** Records the attendance, enters the ballots and closes a recall or election round. */
export const voteOn = async (
  env: SupervisionEnv,
  electionId: string,
  roundId: string,
  candidate: string,
  vote: Vote,
  other?: string,
) => {
  const path = `/v1/elections/${electionId}/rounds/${roundId}`;
  const teller = await tokenFor(env.orgId, ['teller']);
  const scrutineer = await tokenFor(env.orgId, ['scrutineer']);
  const attendance = await env.api.call('POST', `${path}/attendance`, {
    token: teller,
    body: { present: vote.present, ballotsIssued: vote.present, staff: STAFF },
  });
  if (attendance.status !== 200) throw new Error(`attendance: ${attendance.text}`);
  const marks = (mark: 'for' | 'against') =>
    other
      ? { [candidate]: mark, [other]: mark === 'for' ? 'against' : 'for' }
      : { [candidate]: mark };
  const ballots = [
    ...Array.from({ length: vote.for }, (_, i) => ({ serial: `F${i}`, marks: marks('for') })),
    ...Array.from({ length: vote.against }, (_, i) => ({
      serial: `A${i}`,
      marks: marks('against'),
    })),
    ...Array.from({ length: vote.extra ?? 0 }, (_, i) => ({
      serial: `X${i}`,
      marks: marks('against'),
    })),
  ];
  if (ballots.length > 0) {
    const entered = await env.api.call('POST', `${path}/ballots`, {
      token: teller,
      body: { ballots },
    });
    if (entered.status !== 200) throw new Error(`ballots: ${entered.text}`);
  }
  const closed = await env.api.call('POST', `${path}/close`, { token: scrutineer });
  if (closed.status !== 200) throw new Error(`close: ${closed.text}`);
  return closed.body as { status: string; counts: Record<string, number>; elected: string[] };
};

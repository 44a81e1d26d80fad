// Setup the approval, board and browser tests share: a fresh DynamoDB Local table, SES Local, a
// tiny Step Functions endpoint that records every SendTaskSuccess (so releaseToken runs for
// real), the API, and organizations, elections, candidates and approvals written straight to
// the store in whatever state a test needs (the workflow is not wired in these tests).
import { createServer } from 'node:http';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { close, listen } from '../../../infra/local/listen.ts';
import { type SesLocal, startSes } from '../../../infra/local/ses-local.ts';
import { newApprovalId } from '../../../shared/election/approvals/approval.ts';
import {
  type ElectionStage,
  type Member,
  PRESETS,
  planCalendar,
  type Rules,
} from '../../../shared/rules/index.ts';
import { putNewApproval } from '../../../shared/store/approvals.ts';
import { documentClient } from '../../../shared/store/client.ts';
import { putNewElection } from '../../../shared/store/elections.ts';
import { keys } from '../../../shared/store/keys.ts';
import {
  createOrganization,
  getOrganization,
  replaceRoll,
} from '../../../shared/store/organizations.ts';
import type {
  ApprovalRecord,
  CandidateRecord,
  ElectionRecord,
  ObjectionRecord,
  RoundRecord,
} from '../../../shared/store/records.ts';
import { tableName } from '../../../shared/store/table.ts';
import { commit } from '../../../shared/store/transact.ts';
import { startTestApi, type TestApi } from '../../support/api.ts';
import { freshTable } from '../../support/fresh-table.ts';

export const SUPERIOR = {
  name: '新光街道党工委',
  emails: ['gongwei@example.org', 'zuzhi@example.org'],
};
export const XSS = '<script>alert("x")</script>';

const member = (id: string, name: string): Member => ({
  id,
  name,
  email: `${id}@example.org`,
  birthDate: '1975-06-01',
  education: 'bachelor',
  status: 'full',
  fullSince: '2010-07-01',
  orgRelationLocal: true,
  healthy: true,
});

/** c1…c3 stand for secretary; `evil` has markup in the name; m1…m4 are members. */
export const ROLL: Member[] = [
  member('c1', '王芳'),
  member('c2', '李强'),
  member('c3', '张伟'),
  member('evil', `${XSS}赵六`),
  ...['刘一', '陈二', '杨三', '黄四'].map((name, i) => member(`m${i + 1}`, name)),
];

export interface Released {
  token: string;
  output: unknown;
}

export interface StandIns {
  api: TestApi;
  ses: SesLocal;
  /** Every SendTaskSuccess the fake Step Functions endpoint received, in order. */
  released: Released[];
  stop(): Promise<void>;
}

/** Answers SendTaskSuccess (and nothing else) and remembers its token and output. */
const startFakeSfn = async (released: Released[]) => {
  const server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => {
      body += chunk;
    });
    request.on('end', () => {
      if (String(request.headers['x-amz-target']).endsWith('SendTaskSuccess')) {
        const { taskToken, output } = JSON.parse(body) as { taskToken: string; output: string };
        released.push({ token: taskToken, output: JSON.parse(output) });
      }
      response.writeHead(200, { 'content-type': 'application/x-amz-json-1.0' }).end('{}');
    });
  });
  const port = await listen(server);
  return { endpoint: `http://127.0.0.1:${port}`, stop: () => close(server) };
};

export const startStandIns = async (): Promise<StandIns> => {
  await freshTable();
  const ses = await startSes();
  const released: Released[] = [];
  const sfn = await startFakeSfn(released);
  process.env.AWS_ENDPOINT_URL_SES = ses.endpoint;
  process.env.AWS_ENDPOINT_URL_SFN = sfn.endpoint;
  const api = await startTestApi();
  return {
    api,
    ses,
    released,
    stop: async () => {
      await api.stop();
      await ses.stop();
      await sfn.stop();
    },
  };
};

let serial = 0;
const next = (prefix: string) => `${prefix}-${++serial}`;

/** An organization with the roll above; answers its id and roll id. */
export const seedOrganization = async (
  name = '新光社区党委',
): Promise<{ orgId: string; rollId: string }> => {
  const orgId = next('org');
  await createOrganization(
    {
      id: orgId,
      name,
      level: 'committee',
      superior: SUPERIOR,
      rollVersion: 0,
      rollId: null,
      createdAt: '2026-02-01T00:00:00.000Z',
    },
    'test',
  );
  const org = await getOrganization(orgId);
  if (!org) throw new Error('organization missing');
  return { orgId, rollId: await replaceRoll(org, ROLL, 'test') };
};

/** A community election in `stage` (calendar from 2026-03-01, real days). */
export const seedElection = async (
  { orgId, rollId }: { orgId: string; rollId: string },
  stage: ElectionStage,
  { rules = PRESETS.community, ...extra }: { rules?: Rules } & Partial<ElectionRecord> = {},
): Promise<ElectionRecord> => {
  const startsAt = '2026-03-01T00:00:00.000Z';
  const election: ElectionRecord = {
    id: next('el'),
    orgId,
    preset: rules.preset,
    seats: { secretary: 1, deputies: 0, members: 2 },
    rules,
    calendar: planCalendar({ startsAt, dayLengthMs: 86_400_000 }, rules),
    stage,
    version: 1,
    rollId,
    dayLengthMs: 86_400_000,
    startsAt,
    createdAt: '2026-02-20T00:00:00.000Z',
    createdBy: 'test',
    ...extra,
  };
  await commit([putNewElection(election)], {
    scope: `ELECTION#${election.id}`,
    actor: 'test',
    action: 'election-created',
    data: { id: election.id },
  });
  return election;
};

/** An approval as the workflow's request would have left it (no mail). */
export const seedApproval = async (
  election: Pick<ElectionRecord, 'id'>,
  overrides: Partial<ApprovalRecord> = {},
): Promise<ApprovalRecord> => {
  const now = Date.now();
  const approval: ApprovalRecord = {
    id: newApprovalId(),
    electionId: election.id,
    kind: 'inspection',
    stage: 'inspection',
    token: `task-token-${next('t')}`,
    status: 'pending',
    createdAt: new Date(now).toISOString(),
    expiresAt: new Date(now + 7 * 86_400_000).toISOString(),
    subject: {
      description: '公开推荐大会推荐和组织考察情况如下。',
      candidates: [
        {
          memberId: 'c1',
          rate: 0.4583,
          inspection: { summary: '工作扎实，群众认可。', rating: 'excellent' },
        },
        { memberId: 'c2', rate: 0.3125, inspection: { summary: '熟悉社区工作。', rating: 'good' } },
        {
          memberId: 'evil',
          rate: 0.2292,
          inspection: { summary: `考察意见${XSS}`, rating: 'fair' },
        },
      ],
    },
    ...overrides,
  };
  await commit(
    putNewApproval(approval, {
      electionId: approval.electionId,
      kind: approval.kind,
      ref: approval.ref ?? approval.stage ?? approval.kind,
      approvalId: approval.id,
    }),
  );
  return approval;
};

const put = (item: Record<string, unknown>) =>
  documentClient().send(new PutCommand({ TableName: tableName(), Item: item }));

/** A candidate record written straight to the table (as the workflow would have left it). */
export const seedCandidate = async (
  electionId: string,
  candidate: Partial<CandidateRecord> & Pick<CandidateRecord, 'memberId' | 'status'>,
): Promise<void> => {
  const record: CandidateRecord = {
    office: 'secretary',
    check: { eligible: true, failures: [] },
    ...candidate,
  };
  await put({ ...keys.candidate(electionId, record.office, record.memberId), ...record });
};

export const seedObjection = async (
  electionId: string,
  objection: ObjectionRecord,
): Promise<void> => {
  await put({ ...keys.objection(electionId, objection.id), ...objection });
};

export const seedRound = async (electionId: string, round: RoundRecord): Promise<void> => {
  await put({ ...keys.round(electionId, round.id), ...round });
};

/** A form body as a browser sends it: fields repeated in order. */
export const formBody = (fields: [string, string][]): string =>
  new URLSearchParams(fields).toString();

export const FORM = { 'content-type': 'application/x-www-form-urlencoded' };

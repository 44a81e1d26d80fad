// Setup the approval, board and browser tests share: a fresh DynamoDB Local table, SES Local, a
// tiny Step Functions endpoint that records every SendTaskSuccess (so releaseToken runs for
// real), the API, and organizations, elections, candidates and approvals written straight to
// the store in whatever state a test needs (the workflow is not wired in these tests).

import { expect } from 'vitest';
import { newApprovalId } from '../../../shared/election/approvals/approval.ts';
import type { ElectionStage, Member, Rules } from '../../../shared/rules/index.ts';
import { getApproval, putNewApproval } from '../../../shared/store/approvals.ts';
import { keys } from '../../../shared/store/keys.ts';
import type {
  ApprovalRecord,
  ElectionRecord,
  ObjectionRecord,
} from '../../../shared/store/records.ts';
import { commit } from '../../../shared/store/transact.ts';
import { electionRecord, mailedMember } from '../../support/builders.ts';
import {
  seedElection as putElection,
  putItem,
  seedOrganization as putOrganization,
} from '../../support/seed.ts';
import { type ApiStandIns, type Released, startApiStandIns } from '../../support/stand-ins.ts';

export { seedCandidate, seedRound } from '../../support/seed.ts';
export type { Released };

export const SUPERIOR = {
  name: '新光街道党工委',
  emails: ['gongwei@example.org', 'zuzhi@example.org'],
};
export const XSS = '<script>alert("x")</script>';

const member = (id: string, name: string): Member => mailedMember(id, { name });

/** c1…c3 stand for secretary; `evil` has markup in the name; m1…m4 are members. */
export const ROLL: Member[] = [
  member('c1', '王芳'),
  member('c2', '李强'),
  member('c3', '张伟'),
  member('evil', `${XSS}赵六`),
  ...['刘一', '陈二', '杨三', '黄四'].map((name, i) => member(`m${i + 1}`, name)),
];

export interface StandIns extends Pick<ApiStandIns, 'api' | 'ses' | 'stop'> {
  /** Every SendTaskSuccess the fake Step Functions endpoint received, in order. */
  released: Released[];
}

export const startStandIns = async (): Promise<StandIns> => {
  const { api, ses, sfn, stop } = await startApiStandIns();
  return { api, ses, released: sfn.released, stop };
};

let serial = 0;
const next = (prefix: string) => `${prefix}-${++serial}`;

/** An organization with the roll above; answers its id and roll id. */
export const seedOrganization = async (
  name = '新光社区党委',
): Promise<{ orgId: string; rollId: string }> => {
  const orgId = next('org');
  const rollId = await putOrganization(
    { id: orgId, name, level: 'committee', superior: SUPERIOR },
    ROLL,
  );
  return { orgId, rollId };
};

/** A community election in `stage` (calendar from 2026-03-01, real days). */
export const seedElection = async (
  { orgId, rollId }: { orgId: string; rollId: string },
  stage: ElectionStage,
  { rules, ...extra }: { rules?: Rules } & Partial<ElectionRecord> = {},
): Promise<ElectionRecord> => {
  return putElection(electionRecord({ id: next('el'), orgId, rollId, rules, stage, ...extra }));
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

export const seedObjection = async (
  electionId: string,
  objection: ObjectionRecord,
): Promise<void> => {
  await putItem({ ...keys.objection(electionId, objection.id), ...objection });
};

/** A form body as a browser sends it: fields repeated in order. */
export const formBody = (fields: [string, string][]): string =>
  new URLSearchParams(fields).toString();

export const FORM = { 'content-type': 'application/x-www-form-urlencoded' };

/** Asserts the approval is stored approved, with the selection and comment the superior gave. */
export const expectApproved = async (
  approvalId: string,
  decision: { selection: string[]; comment: string },
) => {
  const stored = await getApproval(approvalId);
  expect(stored?.status).toBe('approved');
  expect(stored?.decision).toEqual({ decision: 'approve', ...decision });
};

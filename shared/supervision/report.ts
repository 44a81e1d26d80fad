import * as z from 'zod';
import { electionScope } from '../election/access.ts';
import { OFFICE_NAMES } from '../notices/words.ts';
import { shanghaiDate } from '../rules/index.ts';
import { getRoll } from '../store/organizations.ts';
import type {
  CommitmentRecord,
  ElectionRecord,
  GoalCategory,
  GoalRecord,
  OrganizationRecord,
  ProgressRecord,
  RecallRecord,
} from '../store/records.ts';
import {
  listCommitments,
  listGoals,
  listOrganizationElections,
  listProgress,
  listRecalls,
} from '../store/supervision.ts';
import { readAudit } from '../store/transact.ts';
import { progressView } from './goals.ts';

/**
 * The annual work report (第二篇 “一年来工作汇报”), as data: under each approved term goal what
 * was done in the year and its figures, the year's events of the organization's elections and
 * their supervision, and the items still open. The year is Asia/Shanghai's. shared/pages/report.ts
 * prints it; `Accept: application/json` answers it as is.
 */

export const ReportQuery = z.strictObject({
  year: z
    .string()
    .regex(/^\d{4}$/, { error: 'year is four digits, e.g. 2026' })
    .transform(Number)
    .refine((year) => year >= 2000 && year <= 2200, { error: 'year must be 2000–2200' })
    .optional(),
});

export type ReportEventKind =
  | 'election-started'
  | 'election-completed'
  | 'commitment-approved'
  | 'recall-filed'
  | 'recall-approved'
  | 'recall-rejected'
  | 'recalled'
  | 'retained'
  | 'by-election-approved';

export interface ReportEvent {
  at: string;
  kind: ReportEventKind;
  electionId: string;
  /** One sentence, in Chinese. */
  text: string;
}

export interface ReportGoal {
  id: string;
  category: GoalCategory;
  text: string;
  target: string;
  electionId: string;
  approvedAt?: string;
  /** The year's progress, in day order. */
  progress: ReturnType<typeof progressView>[];
  /** The year's figures: how many entries, and the sum of their values (when any has one). */
  figures: { entries: number; total?: number };
}

export interface AnnualReport {
  orgId: string;
  organization: string;
  superior: string;
  year: number;
  generatedAt: string;
  goals: ReportGoal[];
  events: ReportEvent[];
  /** 存在的问题和下一步工作: goals without progress, approvals and votes still open. */
  openItems: string[];
}

export const CATEGORY_ORDER: readonly GoalCategory[] = [
  'party-building',
  'economy',
  'employment',
  'social',
];

const yearOf = (instant: string) => Number(shanghaiDate(instant).slice(0, 4));

/** The year's progress of one goal and its figures (pure). */
export const goalInYear = (
  goal: GoalRecord,
  progress: readonly ProgressRecord[],
  year: number,
): ReportGoal => {
  const entries = progress
    .filter((p) => p.goalId === goal.id && Number(p.at.slice(0, 4)) === year)
    .sort((a, b) => a.at.localeCompare(b.at) || a.recordedAt.localeCompare(b.recordedAt))
    .map(progressView);
  const values = entries.flatMap((p) => (p.value === undefined ? [] : [p.value]));
  return {
    id: goal.id,
    category: goal.category,
    text: goal.text,
    target: goal.target,
    electionId: goal.electionId,
    ...(goal.approvedAt ? { approvedAt: goal.approvedAt } : {}),
    progress: entries,
    figures: {
      entries: entries.length,
      ...(values.length > 0 ? { total: values.reduce((a, b) => a + b, 0) } : {}),
    },
  };
};

/** The events of one recall (pure). */
export const recallEvents = (recall: RecallRecord, name: (id: string) => string): ReportEvent[] => {
  const who = `${OFFICE_NAMES[recall.office]}${name(recall.officeHolderId)}`;
  const event = (at: string | undefined, kind: ReportEventKind, text: string) =>
    at ? [{ at, kind, electionId: recall.electionId, text }] : [];
  const decided = recall.status === 'rejected' ? 'recall-rejected' : 'recall-approved';
  return [
    ...event(
      recall.filedAt,
      'recall-filed',
      `${recall.signatoryIds.length}名党员联名提出罢免${who}的要求`,
    ),
    ...event(
      recall.decidedAt,
      decided,
      decided === 'recall-rejected'
        ? `上级党组织调查后认为罢免${who}的理由不成立,未启动罢免程序`
        : `上级党组织批准罢免${who}的要求,提交党员大会表决`,
    ),
    ...(recall.status === 'recalled'
      ? event(
          recall.settledAt,
          'recalled',
          `党员大会表决罢免${who}${
            recall.membersRemoved?.length
              ? `,由其提名产生的委员${recall.membersRemoved.map(name).join('、')}同时免职`
              : ''
          }`,
        )
      : []),
    ...(recall.status === 'retained'
      ? event(recall.settledAt, 'retained', `罢免${who}的表决未获通过,${who}继续任职`)
      : []),
    ...(recall.byElection?.status === 'approved'
      ? event(
          recall.byElection.decidedAt,
          'by-election-approved',
          `补选${(recall.byElection.elected ?? []).map(name).join('、')}为${OFFICE_NAMES[recall.office]},经上级党组织批准`,
        )
      : []),
  ];
};

/** When the election reached `completed`, from its audit chain. */
const completedAt = async (election: ElectionRecord): Promise<string | undefined> => {
  if (election.stage !== 'completed') return undefined;
  const entries = await readAudit(electionScope(election.id));
  return entries.find(
    (e) => e.action === 'stage-advanced' && (e.data as { to?: string })?.to === 'completed',
  )?.at;
};

const electionEvents = async (
  election: ElectionRecord,
  commitments: readonly CommitmentRecord[],
  name: (id: string) => string,
): Promise<ReportEvent[]> => {
  const done = await completedAt(election);
  const result = election.result;
  return [
    {
      at: election.createdAt,
      kind: 'election-started',
      electionId: election.id,
      text: election.replaces
        ? '因书记被罢免,按公推直选办法启动新一轮选举'
        : '启动公推直选换届选举',
    },
    ...(done
      ? [
          {
            at: done,
            kind: 'election-completed' as const,
            electionId: election.id,
            text: `公推直选选举产生新一届领导班子${result?.secretary ? `,书记${name(result.secretary)}` : ''}`,
          },
        ]
      : []),
    ...commitments
      .filter((c) => c.status === 'approved' && c.decidedAt)
      .map((c) => ({
        at: c.decidedAt as string,
        kind: 'commitment-approved' as const,
        electionId: election.id,
        text: `书记${name(c.holderId)}的《任职承诺书》经上级党组织批准,在全社区公示`,
      })),
  ];
};

const openItemsOf = (
  goals: readonly ReportGoal[],
  elections: readonly ElectionRecord[],
  commitments: readonly CommitmentRecord[],
  recalls: readonly RecallRecord[],
  name: (id: string) => string,
): string[] => [
  ...goals
    .filter((goal) => goal.progress.length === 0)
    .map((goal) => `“${goal.text}”(目标:${goal.target})本年度尚无进展记录`),
  ...commitments
    .filter((c) => c.status === 'pending-approval')
    .map((c) => `书记${name(c.holderId)}的《任职承诺书》待上级党组织审批`),
  ...recalls
    .filter((r) => r.status === 'pending-approval' || r.status === 'voting')
    .map(
      (r) =>
        `罢免${OFFICE_NAMES[r.office]}${name(r.officeHolderId)}的要求${r.status === 'voting' ? '待党员大会表决' : '待上级党组织调查审批'}`,
    ),
  ...recalls
    .filter(
      (r) =>
        r.status === 'recalled' && r.office !== 'secretary' && r.byElection?.status !== 'approved',
    )
    .map((r) => `${name(r.officeHolderId)}被罢免后的${OFFICE_NAMES[r.office]}空缺待补选`),
  ...elections
    .filter((e) => !['completed', 'cancelled'].includes(e.stage))
    .map((e) => `公推直选选举(${e.id})正在进行中`),
];

/** The report of one organization's year. */
export const buildReport = async (
  org: OrganizationRecord,
  year: number,
  now: Date = new Date(),
): Promise<AnnualReport> => {
  const [goals, progress, elections, roll] = await Promise.all([
    listGoals(org.id),
    listProgress(org.id),
    listOrganizationElections(org.id),
    getRoll(org.id, org.rollId),
  ]);
  const names = new Map(roll.map((member) => [member.id, member.name]));
  const name = (id: string) => names.get(id) ?? id;
  const perElection = await Promise.all(
    elections.map(async (election) => ({
      election,
      commitments: await listCommitments(election.id),
      recalls: await listRecalls(election.id),
    })),
  );
  const commitments = perElection.flatMap((e) => e.commitments);
  const recalls = perElection.flatMap((e) => e.recalls);

  const reported = goals
    .filter((goal) => goal.status === 'approved' && goal.approvedAt)
    .filter((goal) => yearOf(goal.approvedAt as string) <= year)
    .sort(
      (a, b) =>
        CATEGORY_ORDER.indexOf(a.category) - CATEGORY_ORDER.indexOf(b.category) ||
        a.createdAt.localeCompare(b.createdAt) ||
        a.id.localeCompare(b.id),
    )
    .map((goal) => goalInYear(goal, progress, year));
  const events = (
    await Promise.all(
      perElection.map(async ({ election, commitments: own, recalls: theirs }) => [
        ...(await electionEvents(election, own, name)),
        ...theirs.flatMap((recall) => recallEvents(recall, name)),
      ]),
    )
  )
    .flat()
    .filter((event) => yearOf(event.at) === year)
    .sort((a, b) => a.at.localeCompare(b.at));

  return {
    orgId: org.id,
    organization: org.name,
    superior: org.superior.name,
    year,
    generatedAt: now.toISOString(),
    goals: reported,
    events,
    openItems: openItemsOf(reported, elections, commitments, recalls, name),
  };
};

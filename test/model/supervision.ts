// The commands of supervision after `completed` (SPEC §9 Supervision): the secretary's 任职承诺书
// and progress on its goals, recall petitions and by-elections. Their votes and approvals are
// held by `progress` like any other; `settleRecalls` checks what a recall vote did.
import fc from 'fast-check';
import { checked, onElection, pick } from './checked.ts';
import type { TallySeen } from './invariants.ts';
import {
  type ElectionModel,
  expectByElection,
  expectCommitment,
  expectProgress,
  expectRecall,
  type Model,
  newElectionModel,
} from './model.ts';
import {
  type ElectionRead,
  ORGANIZER,
  organizerOf,
  readElection,
  request,
  tokenOf,
  type World,
} from './world.ts';

/** Supervision is for elections whose term began (the others answer 409, also tried). */
const completed = (e: ElectionModel) => e.stage === 'completed';

const CATEGORIES = ['party-building', 'economy', 'employment', 'social'] as const;

/** The 任职承诺书 with `goals` goals, entered by the organizers, checked. */
export const commit = async (
  e: ElectionModel,
  world: World,
  spec: { goals: number },
  before: ElectionRead,
) => {
  const goals = Array.from({ length: spec.goals }, (_, i) => ({
    category: pick(CATEGORIES, i),
    text: `任期目标 ${i + 1}`,
    target: `新增就业岗位 ${10 * (i + 1)} 个`,
  }));
  const expected = () => expectCommitment(e, Boolean(before.result?.secretary));
  const token = await organizerOf(world, e.orgId);
  const { answer } = await checked(world, e, 'commitment', ORGANIZER, before, expected, () =>
    request(world, 'POST', `/v1/elections/${e.id}/commitments`, token, { goals }),
  );
  if (answer.status !== 201) return;
  e.commitment = 'pending-approval';
  e.pendingGoals = (answer.body as { goals: { id: string }[] }).goals.map((g) => g.id);
};

export const commitArb = onElection(
  'commitment',
  fc.record({ election: fc.nat(5), goals: fc.integer({ min: 1, max: 3 }) }),
  commit,
  completed,
);

export const goalProgressArb = onElection(
  'goal-progress',
  fc.record({ election: fc.nat(5), goal: fc.nat(5), known: fc.constantFrom(true, true, false) }),
  async (e, world, spec, before) => {
    const goals = [...e.goals, ...e.pendingGoals];
    const known = spec.known && goals.length > 0;
    const goalId = known ? pick(goals, spec.goal) : `goal-none-${spec.goal}`;
    const expected = () => expectProgress(e, goalId, known);
    const token = await organizerOf(world, e.orgId);
    const path = `/v1/organizations/${e.orgId}/goals/${encodeURIComponent(goalId)}/progress`;
    await checked(world, e, 'goal-progress', ORGANIZER, before, expected, () =>
      request(world, 'POST', path, token, { at: '2027-03-01', text: '本季度进展', value: 3 }),
    );
  },
  (e) => e.goals.length + e.pendingGoals.length > 0,
);

/** Who is in office as the API shows it: each holder with their office. */
export const holdersOf = (before: ElectionRead): [string, string][] => [
  ...(before.result?.secretary ? [[before.result.secretary, 'secretary'] as [string, string]] : []),
  ...(before.result?.deputies ?? []).map((id): [string, string] => [id, 'deputy']),
  ...(before.result?.members ?? []).map((id): [string, string] => [id, 'member']),
];

/** A recall petition against the `holder`-th office holder (or someone not in office), checked. */
export const fileRecall = async (
  e: ElectionModel,
  world: World,
  spec: {
    holder: number;
    petition: 'valid' | 'few' | 'holder-signs' | 'not-in-office';
    by: 'organizer' | 'signatory';
  },
  before: ElectionRead,
) => {
  const holders = holdersOf(before);
  const inOffice = spec.petition !== 'not-in-office' && holders.length > 0;
  const [holder, office] = inOffice
    ? pick(holders, spec.holder)
    : [e.cast.clean.find((id) => !holders.some(([h]) => h === id)) as string, 'member'];
  const minimum = (before.rules.recallMinSignatories as number | undefined) ?? 10;
  const others = e.cast.clean.filter((id) => id !== holder);
  const signatoryIds = [
    ...others.slice(0, spec.petition === 'few' ? minimum - 1 : minimum),
    ...(spec.petition === 'holder-signs' ? [holder] : []),
  ];
  const expected = () =>
    expectRecall(
      e,
      {
        holder,
        signatories: signatoryIds.filter((id) => id !== holder).length,
        holderSigns: spec.petition === 'holder-signs',
      },
      inOffice,
      minimum,
    );
  const sub = spec.by === 'organizer' ? ORGANIZER : (signatoryIds[0] as string);
  const token = await tokenOf(
    world,
    e.orgId,
    sub,
    spec.by === 'organizer' ? 'organizer' : 'member',
  );
  const { answer } = await checked(world, e, 'recall', sub, before, expected, () =>
    request(world, 'POST', `/v1/elections/${e.id}/recalls`, token, {
      officeHolderId: holder,
      signatoryIds,
      reason: '不履行职责,群众意见较大。',
    }),
  );
  if (answer.status !== 201) return;
  const { id, status } = answer.body as { id: string; status: string };
  if (status !== 'pending-approval') throw new Error(`recall ${id} filed as ${status}`);
  e.recalls.set(id, { holder, office, status, byElection: false });
};

export const recallArb = onElection(
  'recall',
  fc.record({
    election: fc.nat(5),
    holder: fc.nat(5),
    petition: fc.constantFrom('valid', 'valid', 'valid', 'few', 'holder-signs', 'not-in-office'),
    by: fc.constantFrom('organizer', 'signatory'),
  }),
  fileRecall,
  completed,
);

/** A by-election for the `recall`-th recall's seat with `candidates` candidates, checked. */
export const openByElection = async (
  e: ElectionModel,
  world: World,
  spec: { recall: number; candidates: number },
  before: ElectionRead,
) => {
  const recalls = [...e.recalls.keys()];
  if (recalls.length === 0) return;
  const recallId = pick(recalls, spec.recall);
  const inOffice = new Set(holdersOf(before).map(([id]) => id));
  const recalled = new Set([...e.recalls.values()].map((r) => r.holder));
  const candidateIds = e.cast.clean
    .filter((id) => !inOffice.has(id) && !recalled.has(id))
    .slice(-spec.candidates - 3, -3);
  const expected = () => expectByElection(e, recallId, candidateIds.length);
  const token = await organizerOf(world, e.orgId);
  const { answer } = await checked(world, e, 'by-election', ORGANIZER, before, expected, () =>
    request(world, 'POST', `/v1/elections/${e.id}/by-elections`, token, {
      recallId,
      candidateIds,
    }),
  );
  const recall = e.recalls.get(recallId);
  if (answer.status === 201 && recall) recall.byElection = true;
};

export const byElectionArb = onElection(
  'by-election',
  fc.record({ election: fc.nat(5), recall: fc.nat(5), candidates: fc.constantFrom(1, 2, 2, 3) }),
  openByElection,
  (e) => [...e.recalls.values()].some((r) => r.status === 'recalled' && r.office !== 'secretary'),
);

interface RecallRead {
  id: string;
  status: string;
  /** The recall's vote (its latest round, re-votes followed). */
  roundId?: string;
  newElectionId?: string;
  byElection?: { status: string };
}

/**
 * After a recall vote: the recall must be `recalled` when the count carried it, `retained` when
 * it did not (a void or quorum-less count decides nothing); a recalled secretary leaves office
 * and a new election of the same organization starts, which the model then follows too.
 */
export const settleRecalls = async (
  world: World,
  model: Model | undefined,
  e: ElectionModel,
  held?: { roundId: string; tally: TallySeen },
) => {
  const token = await organizerOf(world, e.orgId);
  for (const [id, recall] of e.recalls) {
    const answer = await request(world, 'GET', `/v1/elections/${e.id}/recalls/${id}`, token);
    if (answer.status !== 200)
      throw new Error(`GET recall ${id} → ${answer.status} ${answer.text}`);
    const read = answer.body as RecallRead;
    recall.status = read.status;
    recall.byElection = ['voting', 'pending-approval', 'approved'].includes(
      read.byElection?.status ?? '',
    );
    if (held && held.roundId === read.roundId && held.tally.status === 'valid') {
      const carried = held.tally.elected.includes(recall.holder);
      const must = carried ? 'recalled' : 'retained';
      if (read.status !== must && read.status !== 'voting') {
        throw new Error(
          `recall ${id}: the count ${carried ? 'carried' : 'failed'}, yet ${read.status}`,
        );
      }
    }
    if (read.status === 'recalled' && recall.office === 'secretary') {
      const seen = await readElection(world, e.orgId, e.id);
      if (seen.result?.secretary) throw new Error(`recall ${id}: the secretary is still in office`);
      if (!read.newElectionId) throw new Error(`recall ${id}: no new election started`);
      if (model && !model.elections.some((x) => x.id === read.newElectionId)) {
        const next = await readElection(world, e.orgId, read.newElectionId);
        model.elections.push(
          newElectionModel(next.id, e.orgId, e.preset, e.cast, e.dayLengthMs, next.stage),
        );
      }
    }
  }
};

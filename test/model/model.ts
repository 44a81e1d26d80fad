// The model of the model-based tests (issue 16): a small picture of each election, kept apart
// from the product's code, and what each request must answer according to SPEC §8–9 — 2xx, or
// which refusal. The stage is what the API last showed (time moves it, not the model); the rest
// (nominations, decisions, objections, serials) is what the model's own requests did.

export type Preset = 'community' | 'nanjing' | 'yuyang' | 'regulation';

/** A roll member as the test builds it (SPEC §8 `Member`). */
export interface RollMember {
  id: string;
  name: string;
  email: string;
  birthDate: string;
  education: 'junior' | 'senior' | 'bachelor';
  status: 'full' | 'probationary';
  fullSince?: string;
  orgRelationLocal: boolean;
  rights?: 'normal' | 'discipline';
  healthy: boolean;
}

/** Who the roll's members are, by construction: what each must fail, whatever the preset. */
export interface Cast {
  roll: RollMember[];
  /** Pass every condition of every preset (2 years' party age, bachelor, 41, local, healthy). */
  clean: string[];
  /** Fails `full-member` under every preset (a 预备党员). */
  probationary: string;
  /** Fail some conditions of some presets (education, age, relation, health, rights). */
  doubtful: string[];
  /** Entitled to vote (full, normal rights, local): 应到会 of every assembly. */
  entitled: string[];
}

/** The roll of one organization: 16 clean members, one 预备党员, and one of each doubt. */
export const castOf = (orgId: string): Cast => {
  const member = (n: string, changes: Partial<RollMember> = {}): RollMember => ({
    id: `${orgId}-${n}`,
    name: `党员${n}`,
    email: `${orgId}-${n}@example.cn`,
    birthDate: '1985-05-01',
    education: 'bachelor',
    status: 'full',
    fullSince: '2015-07-01',
    orgRelationLocal: true,
    healthy: true,
    ...changes,
  });
  const clean = Array.from({ length: 16 }, (_, i) => member(`c${String(i + 1).padStart(2, '0')}`));
  const probationary = member('p', { status: 'probationary', fullSince: undefined });
  const doubts = {
    e: member('e', { education: 'junior' }),
    a: member('a', { birthDate: '1950-01-01' }),
    h: member('h', { healthy: false }),
    l: member('l', { orgRelationLocal: false }),
    d: member('d', { rights: 'discipline' }),
  };
  const roll = [...clean, probationary, ...Object.values(doubts)];
  return {
    roll,
    clean: clean.map((m) => m.id),
    probationary: probationary.id,
    doubtful: Object.values(doubts).map((m) => m.id),
    entitled: [...clean, doubts.e, doubts.a, doubts.h].map((m) => m.id),
  };
};

export interface NomineeModel {
  /** The failures the answer named (the model asserts those it knows by construction). */
  failures: string[];
  decided: boolean;
}

export interface RoundModel {
  attendance: { present: number; ballotsIssued: number } | null;
  serials: Set<string>;
}

/** One election as the model sees it. */
export interface ElectionModel {
  id: string;
  orgId: string;
  preset: Preset;
  cast: Cast;
  dayLengthMs: number;
  /** The stage the API showed last. */
  stage: string;
  /** `kind#office#nominee` of every nomination recorded. */
  nominations: Set<string>;
  /** `office#supporter` of every supporter of a recorded joint nomination. */
  supporters: Set<string>;
  /** `office#nominee` → what the model knows of the nominee. */
  nominees: Map<string, NomineeModel>;
  objections: Map<string, { resolved: boolean }>;
  rounds: Map<string, RoundModel>;
  /** Candidates whose 考察 the model recorded, and whose suggestion lists it submitted. */
  inspected: Set<string>;
  /** Whether the model submitted the inspected to the superior's vote (差额考察). */
  proposed: boolean;
  suggested: Set<string>;
  /** Approval ids the model decided (a second decision must be refused). */
  decidedApprovals: Set<string>;
  cancelReason?: string;
  /** The 任职承诺书 as the model's requests left it (SPEC §9 Supervision). */
  commitment: 'none' | 'pending-approval' | 'approved' | 'rejected';
  /** Goal ids of the approved commitment (progress may be recorded on them). */
  goals: string[];
  /** Goal ids of the commitment awaiting the superior. */
  pendingGoals: string[];
  /** Recall petitions filed: the holder, the office, the status the API last showed. */
  recalls: Map<string, RecallModel>;
}

export interface RecallModel {
  holder: string;
  office: string;
  status: string;
  /** A by-election was opened for its seat. */
  byElection: boolean;
}

export interface Model {
  elections: ElectionModel[];
}

export const newElectionModel = (
  id: string,
  orgId: string,
  preset: Preset,
  cast: Cast,
  dayLengthMs: number,
  stage: string,
): ElectionModel => ({
  id,
  orgId,
  preset,
  cast,
  dayLengthMs,
  stage,
  nominations: new Set(),
  supporters: new Set(),
  nominees: new Map(),
  objections: new Map(),
  rounds: new Map(),
  inspected: new Set(),
  proposed: false,
  suggested: new Set(),
  decidedApprovals: new Set(),
  commitment: 'none',
  goals: [],
  pendingGoals: [],
  recalls: new Map(),
});

/** What an answer must be: one of these statuses. */
export type Expected = readonly number[];

/** The rules the API publishes that the model reads (`Election.rules`). */
export interface PublishedRules {
  stages: string[];
  nominationKinds: string[];
  nominationOffices: string[];
  minJointSupporters?: number;
  requireDocuments?: boolean;
}

export interface NominationRequest {
  kind: 'self' | 'joint' | 'organization';
  office: 'secretary' | 'deputy' | 'member';
  nomineeId: string;
  supporterIds?: string[];
  documents: { idCard: boolean; householdRegister: boolean; diploma: boolean; photo: boolean };
  /** Who enters it: the nominee, a supporter, a member who is neither, or an organizer. */
  by: 'nominee' | 'supporter' | 'other-member' | 'organizer';
}

/**
 * SPEC §9 Nominations: who may enter which kind (403), only during `nomination` (409), the
 * same kind twice or a supporter backing twice (409), the preset's kinds and offices, a member of
 * the roll, enough entitled supporters, the nominee not among them (422).
 */
export const expectNomination = (
  e: ElectionModel,
  rules: PublishedRules,
  r: NominationRequest,
): Expected => {
  const allowedBy =
    r.by === 'organizer' ||
    (r.kind === 'self' && r.by === 'nominee') ||
    (r.kind === 'joint' && r.by === 'supporter');
  if (!allowedBy) return [403];
  if (e.stage !== 'nomination') return [409];
  const onRoll = e.cast.roll.some((m) => m.id === r.nomineeId);
  const supporters = r.kind === 'joint' ? (r.supporterIds ?? []) : [];
  const broken =
    !rules.nominationKinds.includes(r.kind) ||
    !rules.nominationOffices.includes(r.office) ||
    !onRoll ||
    (r.kind === 'joint' &&
      (supporters.length < (rules.minJointSupporters ?? 5) ||
        supporters.includes(r.nomineeId) ||
        supporters.some((s) => !e.cast.entitled.includes(s))));
  // A clash with what is recorded (409) is named before a broken rule (422).
  if (e.nominations.has(`${r.kind}#${r.office}#${r.nomineeId}`)) return [409];
  if (supporters.some((s) => e.supporters.has(`${r.office}#${s}`))) return [409];
  return broken ? [422] : [201];
};

/**
 * The failures an accepted nomination must name, as far as the model knows them by construction:
 * a clean member with every paper fails nothing; a 预备党员 fails `full-member`; a missing paper
 * is `documents` wherever the preset asks for papers (not `yuyang`).
 */
export const knownFailures = (
  e: ElectionModel,
  r: NominationRequest,
  documentsAsked: boolean,
): { mustInclude: string[]; mustBeEligible: boolean } => {
  const allPapers = Object.values(r.documents).every(Boolean);
  const mustInclude = [
    ...(r.nomineeId === e.cast.probationary ? ['full-member'] : []),
    ...(!allPapers && documentsAsked ? ['documents'] : []),
  ];
  const mustBeEligible = e.cast.clean.includes(r.nomineeId) && (allPapers || !documentsAsked);
  return { mustInclude, mustBeEligible };
};

export interface EligibilityRequest {
  nomineeId: string;
  office: string;
  decision: 'accept' | 'reject';
  waive: ('education' | 'age')[];
  reason?: string;
}

const WAIVABLE = new Set(['education', 'age']);

/**
 * SPEC §9 Eligibility: during the review (409 else), of a nominee nominated for that office
 * (404 else), once (409); accepting with an unwaived or unwaivable failure, or a waiver without
 * a reason → 422. `status` is the candidate's as the API shows it.
 */
export const expectEligibility = (
  e: ElectionModel,
  r: EligibilityRequest,
  status: string | undefined,
): Expected => {
  const reviewStages =
    e.preset === 'yuyang' ? ['eligibility-review'] : ['nomination', 'eligibility-review'];
  if (!reviewStages.includes(e.stage)) return [409];
  const nominee = e.nominees.get(`${r.office}#${r.nomineeId}`);
  if (!nominee) return status === undefined ? [404] : [200, 409, 422];
  if (nominee.decided) return [409];
  const underReview = e.preset === 'yuyang' ? 'recommended' : 'nominated';
  if (status !== underReview) return [409];
  if (r.waive.length > 0 && !r.reason) return [422];
  if (r.decision === 'accept') {
    const unwaived = nominee.failures.filter(
      (f) => !(WAIVABLE.has(f) && r.waive.includes(f as 'age')),
    );
    if (unwaived.length > 0) return [422];
    if (r.waive.some((w) => !nominee.failures.includes(w))) return [200, 422];
  }
  return [200];
};

const NOTICE_STAGES = ['preliminary-notice', 'formal-notice'];

/** SPEC §9 Objections: only in a notice stage (409), only against a current candidate (422). */
export const expectObjection = (
  e: ElectionModel,
  candidateStatus: string | undefined,
): Expected => {
  if (!NOTICE_STAGES.includes(e.stage)) return [409];
  if (
    candidateStatus === undefined ||
    ['nominated', 'rejected', 'removed', 'eligible'].includes(candidateStatus)
  ) {
    return [422];
  }
  if (['preliminary', 'formal'].includes(candidateStatus)) return [201];
  return [201, 422];
};

/** Resolving: an unknown objection 404, twice 409; after the notice stage ended, 409 allowed. */
export const expectResolution = (e: ElectionModel, objectionId: string): Expected => {
  const objection = e.objections.get(objectionId);
  if (!objection) return [404];
  if (objection.resolved) return [409];
  return NOTICE_STAGES.includes(e.stage) ? [200] : [200, 409];
};

export interface DeadlineRequest {
  stage: string;
  deadline: number;
}

/**
 * SPEC §9 Calendar: a stage the election does not run → 404; a completed or cancelled election,
 * or an earlier stage → 409; its deadline passed → 409; a new deadline not after now, or not after the stage's
 * start → 422.
 */
export const expectDeadlineMove = (
  e: ElectionModel,
  rules: PublishedRules,
  calendar: Partial<Record<string, { from: string; until: string }>>,
  r: DeadlineRequest,
  now: number,
): Expected => {
  const entry = calendar[r.stage];
  if (!entry) return [404];
  // A halted election's deadlines may still move (SPEC §2.3: extend the nomination window).
  if (e.stage === 'completed' || e.stage === 'cancelled') return [409];
  const current = rules.stages.indexOf(e.stage);
  const target = rules.stages.indexOf(r.stage);
  if (current >= 0 && target < current) return [409];
  const begun = current < 0 || target <= current;
  if (begun && Date.parse(entry.until) <= now) return [409];
  if (r.deadline <= now) return [422];
  if (r.deadline <= Date.parse(entry.from)) return [422];
  return [200];
};

/** Cancelling: a completed election 409; cancelled again with another reason 409, the same 200. */
export const expectCancel = (e: ElectionModel, reason: string): Expected => {
  if (e.stage === 'completed') return [409];
  if (e.stage === 'cancelled') return e.cancelReason === reason ? [200] : [409];
  return [200];
};

/** A name that is no stage of any preset. */
export const NO_SUCH_STAGE = 'no-such-stage';

/**
 * Resuming: a stage name no preset has is bad input (400, the body names a stage); only a
 * halted election (409), into a stage of its preset with a future deadline (422).
 */
export const expectResume = (
  e: ElectionModel,
  rules: PublishedRules,
  stage: string,
  deadline: number,
  now: number,
): Expected => {
  if (stage === NO_SUCH_STAGE) return [400];
  if (e.stage !== 'halted') return [409];
  if (!rules.stages.includes(stage) || deadline <= now) return [422];
  return [200];
};

/** The attendance of a round: open (409 else); issued ≤ present ≤ 应到会 (422 else). */
export const expectAttendance = (
  e: ElectionModel,
  roundStatus: string | undefined,
  present: number,
  issued: number,
): Expected => {
  if (roundStatus === undefined) return [404];
  if (roundStatus !== 'open') return [409];
  if (issued > present || present > e.cast.entitled.length) return [422];
  return [200];
};

/**
 * Entering ballots: into an open round whose attendance is recorded (409 else); each serial
 * counts once — a serial entered before, or twice in the batch, is a duplicate.
 */
export const expectBallots = (
  round: RoundModel | undefined,
  roundStatus: string | undefined,
  serials: readonly string[],
): { expected: Expected; accepted: number; duplicates: string[] } => {
  if (roundStatus === undefined) return { expected: [404], accepted: 0, duplicates: [] };
  if (roundStatus !== 'open' || !round?.attendance) {
    return { expected: [409], accepted: 0, duplicates: [] };
  }
  const seen = new Set(round.serials);
  const duplicates: string[] = [];
  let accepted = 0;
  for (const serial of serials) {
    if (seen.has(serial)) duplicates.push(serial);
    else {
      seen.add(serial);
      accepted++;
    }
  }
  return { expected: [200], accepted, duplicates };
};

/** Closing: an open round with its attendance (409 else); the tally returns every serial once. */
export const expectClose = (
  round: RoundModel | undefined,
  roundStatus: string | undefined,
): { expected: Expected; returned?: number; issued?: number } => {
  if (roundStatus === undefined) return { expected: [404] };
  if (roundStatus !== 'open') return { expected: [409] };
  if (!round?.attendance) return { expected: [409] };
  return { expected: [200], returned: round.serials.size, issued: round.attendance.ballotsIssued };
};

/** The organizers' decision on a round: only where its tally asks for one (409 else). */
export const expectRoundDecision = (next: string | undefined, decidedAlready: boolean): Expected =>
  next === 'organizer-decision' && !decidedAlready ? [200] : [409];

/**
 * A decision by the approval link: decided (or expired) 409; a selection of the wrong size or
 * naming a non-candidate 422.
 */
export const expectApproval = (
  e: ElectionModel,
  approvalId: string,
  pending: boolean,
  selectionFits: boolean,
): Expected => {
  if (e.decidedApprovals.has(approvalId) || !pending) return [409];
  return selectionFits ? [200] : [422];
};

/** SPEC §9 Inspections: only in `inspection` (409), of a recommended candidate (422), once (409). */
export const expectInspection = (
  e: ElectionModel,
  candidateId: string,
  status: string | undefined,
): Expected => {
  if (e.stage !== 'inspection') return [409];
  if (status !== 'recommended') return [422];
  return e.inspected.has(candidateId) ? [409] : [201];
};

/**
 * 差额考察 (nanjing: 4 recommended, 3 submitted): a list (400 empty); during `inspection` (409), once (409); only
 * when more were recommended than `inspectionCount`, every one of them inspected, and exactly
 * that many named, all recommended (422 else).
 */
export const expectProposal = (
  e: ElectionModel,
  recommended: readonly string[],
  named: readonly string[],
  inspectionCount: number,
): Expected => {
  // An empty list is malformed (the body's schema), whatever the stage.
  if (named.length === 0) return [400];
  if (e.stage !== 'inspection' || e.proposed) return [409];
  const fits =
    recommended.length > inspectionCount &&
    recommended.every((id) => e.inspected.has(id)) &&
    new Set(named).size === inspectionCount &&
    named.every((id) => recommended.includes(id));
  return fits ? [200] : [422];
};

/**
 * SPEC §2.7/§9 Suggestion lists: during the formal notice (409 else), by a formal secretary
 * candidate once (409), ≥ ceil(seats × 1.2) distinct eligible members who are not the candidate
 * (422 else).
 */
export const expectSuggestion = (
  e: ElectionModel,
  candidateId: string,
  status: string | undefined,
  names: number,
  seats: number,
): Expected => {
  if (e.stage !== 'formal-notice') return e.stage === 'member-election' ? [201, 409, 422] : [409];
  if (status !== 'formal') return [404, 409, 422];
  if (e.suggested.has(candidateId)) return [409];
  return names >= Math.ceil((seats * 12) / 10) ? [201] : [422];
};

/**
 * How an assembly steered by `progress` votes: `decisive` (the first seats win outright), `tie`
 * (the last seat's two contenders level and short of a majority: it stays empty for now; a
 * recall vote keeps the holder), `short` (under four fifths of the members come: no quorum).
 */
export type Vote = 'decisive' | 'tie' | 'short';

/** A ballot as `progress` enters it. */
export type SteeredBallot =
  | { serial: string; constituency: string; choices: string[] }
  | { serial: string; ratings: Record<string, string> }
  | { serial: string; marks: Record<string, string> };

/**
 * The tally the model expects of a round `progress` held from the start (SPEC §2.8–2.11): the
 * counts as the ballots name them, who is elected (more than half of those present: the first
 * seats, or all but the contested last; the holder when a recall carries), no quorum below four
 * fifths. Only the fields given are compared.
 */
export const predictTally = (
  e: ElectionModel,
  round: { kind: string; candidates: string[]; seats: number },
  ballots: readonly SteeredBallot[],
  present: number,
): Partial<{
  status: string;
  returned: number;
  invalid: number;
  counts: Record<string, number>;
  elected: string[];
  tied: string[];
}> => {
  const returned = ballots.length;
  const counts: Record<string, number> = Object.fromEntries(round.candidates.map((c) => [c, 0]));
  for (const ballot of ballots) {
    const named =
      'choices' in ballot
        ? ballot.choices
        : 'ratings' in ballot
          ? Object.keys(ballot.ratings).filter((c) => ballot.ratings[c] === 'satisfied')
          : Object.keys(ballot.marks).filter((c) => ballot.marks[c] === 'for');
    for (const c of named) counts[c] = (counts[c] ?? 0) + 1;
  }
  if (round.kind === 'recommendation') return { status: 'valid', returned, invalid: 0, counts };
  if (round.kind === 'evaluation') {
    const elected = round.candidates.filter((c) => (counts[c] ?? 0) * 2 > returned);
    return { status: 'valid', returned, invalid: 0, counts, elected };
  }
  // 有选举权的党员五分之四以上: community, nanjing and yuyang count the ballots, regulation those present.
  if (present * 5 < e.cast.entitled.length * 4) return { status: 'no-quorum', returned };
  // `progress` never marks more `for` than seats, nor gives more than the seats a majority.
  const withMajority = round.candidates.filter((c) => (counts[c] ?? 0) * 2 > present);
  return { status: 'valid', returned, invalid: 0, counts, elected: withMajority };
};

/** Supervision begins once people are in office: every request of it 409 before `completed`. */
const afterCompletion = (e: ElectionModel, expected: Expected): Expected =>
  e.stage === 'completed' ? expected : [409];

/** A 任职承诺书: 409 with no secretary in office, or one pending or approved already. */
export const expectCommitment = (e: ElectionModel, secretaryInOffice: boolean): Expected =>
  afterCompletion(
    e,
    !secretaryInOffice || e.commitment === 'pending-approval' || e.commitment === 'approved'
      ? [409]
      : [201],
  );

/** Progress on a goal: only on an approved commitment's goals (409 else; 404 unknown). */
export const expectProgress = (e: ElectionModel, goalId: string, known: boolean): Expected =>
  !known ? [404] : e.goals.includes(goalId) ? [201] : [409];

export interface RecallRequest {
  holder: string;
  /** Distinct signatories who are members of the organization, the holder not counted. */
  signatories: number;
  holderSigns: boolean;
}

/**
 * SPEC §9 Recalls: 409 before `completed`; 422 for a holder not in office, the holder signing, or
 * fewer than `recallMinSignatories` members signing; then 409 while a petition against the same
 * holder is pending (the store's lock: pending approval, or its vote still open).
 */
export const expectRecall = (
  e: ElectionModel,
  r: RecallRequest,
  inOffice: boolean,
  minSignatories: number,
): Expected => {
  if (e.stage !== 'completed') return [409];
  if (!inOffice || r.holderSigns || r.signatories < minSignatories) return [422];
  const open = [...e.recalls.values()].filter((x) => x.holder === r.holder);
  if (open.some((x) => x.status === 'pending-approval')) return [409];
  if (open.some((x) => x.status === 'voting')) return [201, 409];
  return [201];
};

/**
 * SPEC §9 By-elections: 409 before `completed`, or no vacancy from the recall (not recalled, a
 * secretary's, or a by-election opened for it already); 422 fewer than ceil(seats × 1.2) = 2
 * eligible candidates.
 */
export const expectByElection = (
  e: ElectionModel,
  recallId: string,
  eligibleCandidates: number,
): Expected => {
  if (e.stage !== 'completed') return [409];
  const recall = e.recalls.get(recallId);
  if (!recall) return [404];
  if (recall.status !== 'recalled' || recall.office === 'secretary' || recall.byElection)
    return [409];
  return eligibleCandidates >= 2 ? [201] : [422];
};

/** What the superior's decision on an approval changes in the model (a commitment's goals). */
export const recordDecision = (
  e: ElectionModel,
  kind: string,
  decision: 'approve' | 'reject',
): void => {
  if (kind !== 'commitment') return;
  e.commitment = decision === 'approve' ? 'approved' : 'rejected';
  if (decision === 'approve') e.goals.push(...e.pendingGoals);
  e.pendingGoals = [];
};

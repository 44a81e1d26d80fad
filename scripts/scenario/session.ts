import type { Member } from '../../shared/rules/index.ts';
import { type Api, localToken } from './client.ts';
import { makeRoll } from './roll.ts';
import { type ElectionSteps, openElection, type RunOptions, withDefaults } from './steps.ts';
import type { AuditView, ElectionView, NoticeView, RoundView } from './views.ts';

/**
 * One election followed through the HTTP API: the organization and its roll, the election, and
 * what its people read — the election, its rounds, its audit log and notices — with the waits a
 * person does (until a stage arrives, until a round opens), on the steps of any preset
 * (steps.ts). The community steps people take are in actions.ts; scripts/scenario/community.ts
 * chains them into a whole election.
 */

export type { AuditView, ElectionView, MailView, NoticeView, RoundView, Tally } from './views.ts';

export interface SessionOptions extends RunOptions {
  /** Overrides of the preset's rules (POST /v1/elections `rules`). */
  rules?: Record<string, unknown>;
  /** The superior's addresses (approval requests; the organizers' mail goes there too). */
  superiorEmails?: string[];
  /** Members on the roll (default 60). */
  rollSize?: number;
  /** How long from now the election starts (default 500 ms). */
  startsInMs?: number;
}

export interface Session {
  api: Api;
  orgId: string;
  electionId: string;
  dayLengthMs: number;
  startsAt: string;
  roll: Member[];
  superiorEmails: string[];
  organizer: string;
  teller: string;
  scrutineer: string;
  /** Every stage this session saw, in order (a stage shorter than a poll may be missed). */
  stagesSeen: string[];
  log: (line: string) => void;
  /** A token of this organization. */
  token(sub: string, roles: string[]): Promise<string>;
  view(): Promise<ElectionView>;
  /** Waits until the election is in `stage`; throws if it halts (unless `stage` is 'halted'). */
  reach(stage: string, timeoutMs?: number): Promise<ElectionView>;
  /** Waits until `probe` answers something for the election as it is. */
  until<T>(
    what: string,
    probe: (view: ElectionView) => T | undefined,
    timeoutMs?: number,
  ): Promise<T>;
  round(roundId: string): Promise<RoundView>;
  /** Reads out a closed round's count to `print` (default the log; steps.ts `readOut`). */
  readOut: ElectionSteps['readOut'];
  /** Waits for the open round of a stage. */
  openRound(stage: string): Promise<RoundView>;
  /** The vote of an open round: attendance, ballots, the count closed (steps.ts `vote`). */
  vote: ElectionSteps['vote'];
  /** The superior decides by the e-mailed link (steps.ts `decideByLink`). */
  decideByLink: ElectionSteps['decideByLink'];
  /** A candidate's statement, entered by the organizers (steps.ts `statement`). */
  statement: ElectionSteps['statement'];
  /** PUT …/deadlines/{stage}: the organizers move a deadline. */
  moveDeadline(stage: string, deadline: Date): Promise<ElectionView>;
  audit(): Promise<AuditView[]>;
  notices(): Promise<NoticeView[]>;
}

export { eventually, refusedWith, sleep } from './steps.ts';

/** Creates the organization with a realistic roll, then the election (its workflow starts). */
export const startElection = async (options: SessionOptions): Promise<Session> => {
  const { api, secret, orgId, dayLengthMs, log } = withDefaults(options, 'xinguang');
  const superiorEmails = options.superiorEmails ?? ['dangongwei@example.cn'];
  const roll = makeRoll(options.rollSize ?? 60, 2026, `${orgId}-`);
  const { people, startsAt, electionId, steps } = await openElection({
    api,
    secret,
    organization: {
      id: orgId,
      name: '新光社区党支部',
      level: 'branch',
      superior: { name: '高新区某街道党工委', emails: superiorEmails },
      roll,
    },
    preset: 'community',
    seats: { secretary: 1, deputies: 0, members: 2 },
    dayLengthMs,
    ...(options.startsInMs !== undefined ? { startsInMs: options.startsInMs } : {}),
    ...(options.rules ? { rules: options.rules } : {}),
    log,
    stageTimeoutMs: options.stageTimeoutMs,
    // Each look reads the election, its candidates, rounds and approvals: not too often.
    pollMs: Math.min(200, dayLengthMs / 2),
  });
  log(`组织 ${orgId}: 党员名册 ${roll.length} 人`);
  log(`选举 ${electionId} 已创建(一天 = ${dayLengthMs} ms)`);
  const { organizer } = people;
  const path = `/v1/elections/${electionId}`;

  return {
    api,
    orgId,
    electionId,
    dayLengthMs,
    startsAt,
    roll,
    superiorEmails,
    organizer,
    teller: people.teller,
    scrutineer: people.scrutineer,
    stagesSeen: steps.stagesSeen,
    log,
    token: (sub, roles) => localToken({ sub, roles, orgs: [orgId] }, secret),
    view: steps.view,
    until: steps.until,
    reach: steps.reach,
    round: steps.round,
    readOut: steps.readOut,
    openRound: (stage) => steps.openRound(stage),
    vote: steps.vote,
    decideByLink: steps.decideByLink,
    statement: steps.statement,
    moveDeadline: steps.moveDeadlineTo,
    audit: () => api.call<AuditView[]>('GET', `${path}/audit`, organizer),
    notices: () => api.call<NoticeView[]>('GET', `${path}/notices`, organizer),
  };
};

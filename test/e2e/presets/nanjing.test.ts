// Proves, on the local stack through the HTTP API, that a `nanjing` election runs to `completed`:
// nominations of every kind for 书记, 副书记 and 委员 (one nominee's 组织关系 elsewhere but
// transferable), the secretary's funnel 5 → 4 recommended → 3 submitted to the 党工委 → 2, then
// the secretary, the deputy and the committee each elected competitively, one approval for
// deputies and committee, the 公示 of every office — and that too few deputy nominees halts the
// election after review, saying why.
import { describe, expect, it } from 'vitest';
import { runNanjingElection } from '../../../scripts/scenario/nanjing.ts';
import { recountEveryRound } from '../../../scripts/scenario/recount.ts';
import { makeRoll } from '../../../scripts/scenario/roll.ts';
import type { AuditView, NoticeView } from '../../../scripts/scenario/session.ts';
import { eligibleMembers, openElection } from '../../../scripts/scenario/steps.ts';
import { organizersRead, statusOf, useScenario, useStack } from '../../support/e2e.ts';

const SECRET = 'e2e-nanjing-secret';
const DAY = 300;

const stack = useStack(SECRET);
/** The one election the tests below read, started once and awaited by each. */
const election = useScenario(stack, (api) =>
  runNanjingElection({ api, secret: SECRET, dayLengthMs: DAY }),
);

// Concurrent: the halting election runs beside the complete one.
describe.concurrent('nanjing', () => {
  it('第六条5: runs from announcement to completed — secretary, then deputy, then committee at one assembly, then the approvals', async () => {
    const run = await election;
    const [a] = run.cast.secretaries as [string];
    const [, f] = run.cast.deputies as [string, string];
    const [, h, i, j] = run.cast.members as [string, string, string, string];
    expect(run.final.stage).toBe('completed');
    expect(run.result).toEqual({ secretary: a, deputies: [f], members: [h, i, j] });
    // 先选书记、再选副书记和委员 at the same assembly, then both results to the superior.
    const tail = [
      'secretary-election',
      'deputy-election',
      'member-election',
      'secretary-approval',
      'member-approval',
      'completed',
    ];
    expect(run.stagesSeen.filter((stage) => tail.includes(stage))).toEqual(tail);

    // 第一篇's funnel: 5 preliminary → 4 recommended (至少产生4名推荐人选) → all 4 inspected, 3
    // submitted to the 党工委 (差额考察) → 2 formal → 1 elected.
    const [, b, c, d, e] = run.cast.secretaries as [string, string, string, string, string];
    expect(run.tallies.recommendation?.elected).toEqual([a, b, c, d]);
    expect(run.roundCandidates['secretary-election']?.toSorted()).toEqual([a, b].toSorted());
    const secretaryStatuses = [a, b, c, d, e].map((id) => statusOf(run.final, 'secretary', id));
    expect(secretaryStatuses).toEqual([
      'elected',
      'not-elected',
      'eliminated',
      'eliminated',
      'eliminated',
    ]);
    expect(statusOf(run.final, 'secretary', run.cast.rejected)).toBe('rejected');
  }, 150_000);

  it('the secretary runner-up stands for deputy; the deputy elected stands no more for the committee', async () => {
    const run = await election;
    const [a, b] = run.cast.secretaries as [string, string];
    const [, f, g] = run.cast.deputies as [string, string, string];
    const [, h, i, j, k, l] = run.cast.members as [string, string, string, string, string, string];
    // 差额 at every step: 3 for 1 deputy seat, 5 for 3 committee seats.
    expect(run.roundCandidates['deputy-election']?.toSorted()).toEqual([b, f, g].toSorted());
    expect(run.roundCandidates['member-election']?.toSorted()).toEqual([h, i, j, k, l].toSorted());
    expect(statusOf(run.final, 'deputy', f)).toBe('elected');
    expect(statusOf(run.final, 'deputy', b)).toBe('not-elected');
    expect(statusOf(run.final, 'member', f)).toBe('eliminated');
    expect(statusOf(run.final, 'member', k)).toBe('not-elected');
    expect(statusOf(run.final, 'deputy', a)).toBeUndefined();
  }, 160_000);

  it('第一篇: a nominee whose 组织关系 is elsewhere but can be transferred into the community stands', async () => {
    const run = await election;
    const transferable = run.roll.filter((m) => !m.orgRelationLocal && m.orgRelationTransferable);
    const standing = transferable.filter((m) => run.cast.members.includes(m.id));
    expect(standing).toHaveLength(1);
    const id = standing[0]?.id ?? '';
    expect(statusOf(run.final, 'member', id)).toBe('not-elected');
    expect(run.roundCandidates['member-election']).toContain(id);
  }, 150_000);

  it('asks the superior three times: the 3 submitted of the 4 inspected, the secretary, then deputies and committee together', async () => {
    const run = await election;
    const audit = await organizersRead<AuditView[]>(stack, SECRET, run, 'audit');
    const [a, b, c, d] = run.cast.secretaries as [string, string, string, string];
    const inspected = audit
      .filter((entry) => entry.action === 'inspection-recorded')
      .map((entry) => entry.data.candidateId);
    expect(inspected.toSorted()).toEqual([a, b, c, d].toSorted());
    const proposal = audit.find((entry) => entry.action === 'inspection-proposal');
    expect(proposal?.data).toMatchObject({ proposed: [a, b, c], eliminated: [d] });
    // The inspection stage waited for the organizers' choice before asking the superior.
    const requested = audit.find(
      (entry) => entry.action === 'approval-requested' && entry.data.kind === 'inspection',
    );
    expect(requested?.seq).toBeGreaterThan(proposal?.seq ?? Number.POSITIVE_INFINITY);
    expect(statusOf(run.final, 'secretary', d)).toBe('eliminated');
    // Decided, one each (a request that expired on the short day is renewed, not repeated).
    const decided = audit
      .filter((entry) => entry.action === 'approval-decided')
      .map((entry) => [entry.data.kind, entry.data.stage]);
    expect(decided).toEqual([
      ['inspection', 'inspection'],
      ['secretary', 'secretary-approval'],
      ['members', 'member-approval'],
    ]);
  }, 160_000);

  it('publishes the preliminary candidates of every office, and the formal secretary candidates (公示)', async () => {
    const run = await election;
    const notices = await organizersRead<NoticeView[]>(stack, SECRET, run, 'notices');
    const published = new Set(
      notices
        .filter((n) => n.template === 'notice-published')
        // '【公推直选】江心洲社区党委 副书记初步候选人公示': what is published, after the sender.
        .map((n) => n.subject.split(' ').at(-1)),
    );
    expect([...published].toSorted()).toEqual(
      [
        '书记初步候选人公示',
        '副书记初步候选人公示',
        '委员初步候选人公示',
        '书记正式候选人公示',
      ].toSorted(),
    );
  }, 160_000);

  it('recounts every closed round from its public file: match (the first by the command)', async () => {
    const { lines, expected, vias } = await recountEveryRound(stack.api, (await election).final);
    expect(lines).toEqual(expected);
    expect(vias).toContain('command');
  }, 120_000);
  it('halts after the eligibility review when the deputies are not competitive (差额), saying why', async () => {
    const orgId = `nanjing-short-${Date.now().toString(36)}`;
    const roll = makeRoll(40, 7, `${orgId}-`);
    const { people, startsAt, steps } = await openElection({
      api: stack.api,
      secret: SECRET,
      organization: {
        id: orgId,
        name: '某社区党委',
        level: 'committee',
        superior: { name: '某街道党工委', emails: ['dgw@example.cn'] },
        roll,
      },
      preset: 'nanjing',
      seats: { secretary: 1, deputies: 1, members: 2 },
      dayLengthMs: DAY,
    });
    await steps.holdOpen('nomination');
    const eligible = eligibleMembers(roll, 'nanjing', startsAt, DAY).map((m) => m.id);
    const plan = [
      ...eligible.slice(0, 4).map((id) => ['secretary', id] as const),
      ['deputy', eligible[4] as string] as const,
      ...eligible.slice(5, 8).map((id) => ['member', id] as const),
    ];
    await steps.reach('nomination');
    for (const [office, nomineeId] of plan) {
      await steps.nominate(people.organizer, { kind: 'organization', office, nomineeId });
      await steps.decide(nomineeId, office, 'accept');
    }
    await steps.closeSoon('nomination');
    const halted = await steps.until('the halt', (view) =>
      view.stage === 'halted' ? view : undefined,
    );
    expect(halted.haltReason).toBe(
      '资格审查后副书记候选人只有 1 名,不足 1 个名额差额选举所需的 2 名',
    );
    // Nobody went on: the review's outcome was not applied.
    expect(halted.candidates.every((c) => c.status === 'eligible')).toBe(true);
  }, 90_000);
});

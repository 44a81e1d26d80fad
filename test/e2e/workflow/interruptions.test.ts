// Proves, on the real local stack through the HTTP API, what an election does when its course is
// interrupted: deadlines the organizers move (the running workflow honours them), work left open
// past a deadline (the organizers are reminded once a day), the superior's approval by e-mailed
// link (a page that changes nothing, one decision; a rejection halts the election until the
// organizers resume it), and too few eligible nominees (halted, saying why).
import { describe, expect, it } from 'vitest';
import {
  closeSoon,
  decideByLink,
  decideEligibility,
  inspect,
  nominateSecretaries,
  objectAndResolve,
  park,
  pendingApproval,
} from '../../../scripts/scenario/actions.ts';
import { ApiFailure } from '../../../scripts/scenario/client.ts';
import {
  type CommunityRun,
  runCommunityElection,
  runPhases,
  startCommunityElection,
  withStatus,
} from '../../../scripts/scenario/community.ts';
import { addressesOf, mailFor } from '../../../scripts/scenario/mailbox.ts';
import {
  type AuditView,
  type ElectionView,
  eventually,
  type Session,
  sleep,
} from '../../../scripts/scenario/session.ts';
import type { Member } from '../../../shared/rules/index.ts';
import { communityElections, runUntilInspection, superiorOf, useStack } from '../../support/e2e.ts';

const SECRET = 'e2e-interruptions-secret';
const DAY = 1000;

const stack = useStack(SECRET);

/** An election of its own organization; brisk organizers and a small roll unless told. */
const election = communityElections(() => stack, SECRET, DAY);

/** The audit entry of a stage's entry into the calendar, once the workflow began it. */
const begun = (session: Session, stage: string) =>
  eventually(
    `stage-begun ${stage}`,
    async () =>
      (await session.audit()).find((e) => e.action === 'stage-begun' && e.data.stage === stage),
    30_000,
  );

const advancedFrom = (audit: AuditView[], stage: string) =>
  audit.find((e) => e.action === 'stage-advanced' && e.data.from === stage);

const sleepUntil = (time: number) => sleep(Math.max(0, time - Date.now()));

const refusal = (error: unknown) =>
  error instanceof ApiFailure ? { status: error.status, body: error.body } : error;

describe.concurrent('an election interrupted', () => {
  it('第六条5: the committee is elected at the same assembly; a rejected secretary then halts the election with the superior’s comment, the organizers get the halted mail, and resume puts it back', async () => {
    const comment = '书记选举计票记录与监票人签字不符,请核实后重新报批';
    let rejectedId = '';
    const outcome = await runCommunityElection({
      ...election('e2e-reject', { rollSize: 26 }),
      until: 'secretary-approval',
      phases: {
        async 'secretary-approval'(run) {
          await run.session.reach('secretary-approval');
          rejectedId = await decideByLink(run.session, 'secretary', {
            decision: 'reject',
            comment,
          });
        },
      },
    });
    const run: CommunityRun = outcome.run;
    const { session } = run;
    const [a] = run.nominees.map((m) => m.id);

    const halted = await session.reach('halted');
    expect(halted.haltReason).toBe(`上级党组织未予批准:${comment}`);
    // The committee vote did not wait for the superior: both were elected at the assembly.
    const [m1, m2] = run.suggestions[a as string] as [string, string];
    expect(halted.result).toEqual({ secretary: a, deputies: [], members: [m1, m2] });
    expect(session.stagesSeen.indexOf('member-election')).toBeLessThan(
      session.stagesSeen.indexOf('secretary-approval'),
    );
    expect(halted.pendingApprovals).toEqual([]);
    const superior = session.superiorEmails[0] as string;
    const mail = await eventually(
      'the halted mail',
      async () => {
        const sent = await mailFor(session.api, addressesOf(session));
        return sent.some((m) => m.subject.includes('选举已暂停')) ? sent : undefined;
      },
      30_000,
    );
    const haltedMail = mail.filter((m) => m.subject.includes('选举已暂停'));
    expect(haltedMail.map((m) => m.to)).toEqual([superior]);
    expect(haltedMail[0]?.text).toContain(comment);
    expect(mail.filter((m) => m.subject.includes('未批准')).map((m) => m.to)).toEqual([superior]);

    // The organizers resume it at the approval: a new request, then the election goes on.
    const resumed = await session.api.call<ElectionView>(
      'POST',
      `/v1/elections/${session.electionId}/resume`,
      session.organizer,
      {
        stage: 'secretary-approval',
        deadline: new Date(Date.now() + 30 * DAY).toISOString(),
      },
    );
    expect(resumed.stage).toBe('secretary-approval');
    expect(resumed.haltReason).toBeUndefined();
    const renewedId = await pendingApproval(session, 'secretary');
    expect(renewedId).not.toBe(rejectedId);
    await decideByLink(session, 'secretary');
    await runPhases(run, { from: 'member-approval' });
    const done = await session.reach('completed');
    expect(done.result?.secretary).toBe(a);
    const audit = await session.audit();
    expect(audit.find((e) => e.action === 'election-resumed')?.data).toMatchObject({
      stage: 'secretary-approval',
      haltReason: halted.haltReason,
    });
  }, 150_000);

  it('an approval link: GET shows the page and changes nothing, the first POST decides, a second POST gets 409', async () => {
    const outcome = await runUntilInspection(election('e2e-link'), {
      async inspection(run) {
        const { session } = run;
        const { api } = session;
        const recommended = withStatus(run, await session.reach('inspection'), 'recommended');
        await inspect(session, recommended);
        const id = await pendingApproval(session, 'inspection');

        // The superior (and a mail scanner) open the link: the page, and nothing else.
        const before = await session.audit();
        const page = await api.page(`/approve/${id}`);
        expect(page).toContain('<form');
        for (const member of recommended) expect(page).toContain(member.name);
        await api.page(`/approve/${id}`);
        expect(await session.audit()).toEqual(before);
        expect((await session.view()).pendingApprovals).toEqual([{ id, kind: 'inspection' }]);

        // The first decision wins; a second one is refused and changes nothing.
        const [a, b] = recommended.map((m) => m.id) as [string, string];
        const decided = await api.call('POST', `/approve/${id}`, undefined, {
          decision: 'approve',
          selection: [a, b],
          comment: '同意',
        });
        expect(decided).toEqual({ id, status: 'approved' });
        const second = await api
          .call('POST', `/approve/${id}`, undefined, { decision: 'reject', comment: '不同意' })
          .catch(refusal);
        expect(second).toMatchObject({
          status: 409,
          body: { error: { code: 'approval-decided' } },
        });
        const decisions = (await session.audit()).filter((e) => e.action === 'approval-decided');
        expect(decisions.map((e) => e.data)).toEqual([
          expect.objectContaining({ approvalId: id, decision: 'approve', selection: [a, b] }),
        ]);
        // The page now says it was decided, with no buttons.
        expect(await api.page(`/approve/${id}`)).not.toContain('<form');
      },
    });
    const { run } = outcome;
    const [a, b, c] = run.nominees.map((m) => m.id);
    const formal = await run.session.reach('formal-notice');
    await park(run.session, 'formal-notice');
    expect(withStatus(run, formal, 'formal').map((m) => m.id)).toEqual([a, b]);
    expect(withStatus(run, formal, 'eliminated').map((m) => m.id)).toContain(c);
  }, 120_000);

  it('a moved deadline is honoured by the running execution: the announcement closed earlier brings the nomination days early, a notice deadline moved later keeps the notice open until then', async () => {
    const earlier = async () => {
      // Long enough a day that "days early" stays clear of a loaded machine's lag.
      const day = 6000;
      const { session } = await startCommunityElection(
        election('e2e-earlier', { dayLengthMs: day, brisk: false }),
      );
      const planned = Date.parse((await session.view()).calendar.announcement?.until as string);
      const movedTo = Date.now() + 1000;
      await session.moveDeadline('announcement', new Date(movedTo));
      await session.reach('nomination');
      // Well before the planned day: more than two calendar days early.
      expect(Date.now()).toBeLessThan(planned - 2 * day);
      const advanced = advancedFrom(await session.audit(), 'announcement');
      expect(Date.parse(advanced?.at as string)).toBeGreaterThanOrEqual(movedTo);
      await park(session, 'nomination');
    };
    const later = async () => {
      const day = 1000;
      const run = await startCommunityElection(election('e2e-later', { dayLengthMs: day }));
      const { session } = run;
      const [a, b, c] = run.nominees as [Member, Member, Member];
      await session.reach('nomination');
      await nominateSecretaries(session, [a, b, c]);
      for (const nominee of [a, b, c]) await decideEligibility(session, nominee, 'accept');
      await closeSoon(session, 'nomination');
      await session.reach('preliminary-notice');
      const until = Date.parse((await begun(session, 'preliminary-notice')).data.until as string);
      const movedTo = Math.max(until, Date.now()) + 4 * day;
      await session.moveDeadline('preliminary-notice', new Date(movedTo));
      // An objection against c is upheld: the notice closes — at its deadline — with too few.
      await objectAndResolve(session, c, 'upheld');
      // A calendar day after the deadline as it was, the notice is still up.
      await sleepUntil(until + day);
      expect(Date.now()).toBeLessThan(movedTo);
      expect((await session.view()).stage).toBe('preliminary-notice');
      const halted = await session.reach('halted');
      expect(halted.haltReason).toMatch(/^公示期异议成立后书记初步人选不足/);
      const audit = await session.audit();
      const closed = audit.find((e) => e.action === 'election-halted');
      expect(closed?.data.stage).toBe('preliminary-notice');
      expect(Date.parse(closed?.at as string)).toBeGreaterThanOrEqual(movedTo);
      expect(audit.filter((e) => e.action === 'deadline-moved').at(-1)?.data).toMatchObject({
        stage: 'preliminary-notice',
        to: new Date(movedTo).toISOString(),
      });
    };
    await Promise.all([earlier(), later()]);
  }, 120_000);

  it('an eligibility decision left open past the deadline reminds the organizers at once and then once a calendar day, and deciding releases the stage', async () => {
    const day = 2000;
    const run = await startCommunityElection(election('e2e-reminder', { dayLengthMs: day }));
    const { session } = run;
    const [a, b, c, d] = run.nominees as [Member, Member, Member, Member];
    await session.reach('nomination');
    await nominateSecretaries(session, run.nominees);
    await decideEligibility(session, a, 'accept');
    await decideEligibility(session, b, 'accept');
    await closeSoon(session, 'nomination');
    await session.reach('eligibility-review');
    const entry = (await begun(session, 'eligibility-review')).data;
    const from = Date.parse(entry.from as string);
    const deadline = Date.parse(entry.until as string);
    const dayOf = (at: string) => Math.floor((Date.parse(at) - from) / day);
    const reminders = async () =>
      (await session.notices()).filter((n) => n.template === 'organizer-reminder');

    // Past the deadline with c and d undecided: the stage stays, the organizers are told.
    const first = await eventually(
      'the first reminder',
      async () => ((await reminders()).length > 0 ? await reminders() : undefined),
      deadline - Date.now() + 10 * day,
    );
    expect(first[0]?.to).toBe(session.superiorEmails[0]);
    expect(dayOf(first[0]?.createdAt as string)).toBeGreaterThanOrEqual(1);
    // Deciding c wakes the workflow; d is still open, so it waits on — no second mail that day.
    await decideEligibility(session, c, 'accept');
    const waited = await eventually(
      'a reminder the next day',
      async () => {
        const all = await reminders();
        return all.length >= 2 ? all : undefined;
      },
      10 * day,
    );
    expect((await session.view()).stage).toBe('eligibility-review');
    const days = waited.map((n) => dayOf(n.createdAt));
    expect(new Set(days).size).toBe(days.length);
    // A reminder is recorded before it is sent: wait until those read above are mailed.
    const mail = await eventually(
      'the reminders mailed',
      async () => {
        const sent = (await mailFor(session.api, addressesOf(session))).filter((m) =>
          m.subject.includes('待办提醒'),
        );
        const now = await reminders();
        const mailed = waited.every((w) => {
          const n = now.find((r) => r.createdAt === w.createdAt && r.to === w.to);
          return n?.messageId && sent.some((m) => m.messageId === n.messageId);
        });
        return mailed ? sent : undefined;
      },
      10 * day,
    );
    // One mail per reminder recorded (a day may have passed meanwhile: read them again).
    const recorded = new Set((await reminders()).map((n) => n.messageId));
    expect(mail.filter((m) => !recorded.has(m.messageId))).toEqual([]);
    expect(new Set(mail.map((m) => m.messageId)).size).toBe(mail.length);
    expect(mail.every((m) => m.text.includes(d.name))).toBe(true);

    // The organizers decide d: the stage closes at once, without waiting for another day (the
    // 公示 that follows is then held open: where this test leaves the election).
    const decidedAt = Date.now();
    await decideEligibility(session, d, 'accept');
    await session.reach('preliminary-notice', 10 * day);
    await park(session, 'preliminary-notice');
    const advanced = advancedFrom(await session.audit(), 'eligibility-review');
    expect(Date.parse(advanced?.at as string) - decidedAt).toBeLessThan(day);
    const after = await reminders();
    expect(after.every((n) => Date.parse(n.createdAt) < decidedAt)).toBe(true);
  }, 120_000);

  it('halts after the eligibility review when only 2 secretary nominees are eligible (community needs 3), telling the organizers why', async () => {
    const orgId = 'e2e-too-few';
    const { session, nominees } = await startCommunityElection(election(orgId));
    await session.reach('nomination');
    // Two eligible nominees, and a probationary member who is not (正式党员).
    const [a, b] = nominees as [Member, Member];
    const x = session.roll.find((m) => m.status === 'probationary' && m.email) as Member;
    await nominateSecretaries(session, [a, b, x]);
    await decideEligibility(session, a, 'accept');
    await decideEligibility(session, b, 'accept');
    await decideEligibility(session, x, 'reject', '预备党员,不符合书记人选条件');
    await closeSoon(session, 'nomination');

    const halted = await session.reach('halted');
    expect(halted.haltReason).toMatch(/^资格审查后书记人选不足/);
    expect(halted.haltReason).toMatch(/2/);
    expect(halted.haltReason).toMatch(/3/);
    expect(halted.candidates.filter((c) => c.status === 'eligible').map((c) => c.memberId)).toEqual(
      [a.id, b.id].sort(),
    );
    const audit = await session.audit();
    const halt = audit.find((e) => e.action === 'election-halted');
    expect(halt?.data).toEqual({ stage: 'eligibility-review', reason: halted.haltReason });
    expect(audit.some((e) => e.data.to === 'preliminary-notice')).toBe(false);

    // The organizers were told, once; the rejected nominee was told why.
    const mail = await mailFor(stack.api, addressesOf(session));
    const haltedMail = mail.filter((m) => m.subject.includes('选举已暂停'));
    expect(haltedMail.map((m) => m.to)).toEqual(superiorOf(orgId));
    expect(haltedMail[0]?.text).toContain('资格审查后书记人选不足');
    const toRejected = mail.filter((m) => m.to === x.email?.toLowerCase());
    expect(toRejected.some((m) => m.text.includes('预备党员,不符合书记人选条件'))).toBe(true);
  }, 90_000);
});

// Proves, on the real local stack through the HTTP API, that a write-in (另选他人) never costs a
// seat and never skips a step: a secretary elected by write-in has no committee list, so the
// committee vote waits for the one they submit (第五条: 书记提名委员; the organizers reminded
// daily), and at that vote a write-in of the new secretary counts for nobody — the shortfall is
// filled by a further round, never left empty (SPEC §2.9).
import { describe, expect, it } from 'vitest';
import { holdElectionRound, suggest } from '../../../scripts/scenario/actions.ts';
import { runCommunityElection } from '../../../scripts/scenario/community.ts';
import { addressesOf, mailFor } from '../../../scripts/scenario/mailbox.ts';
import { recountEveryRound } from '../../../scripts/scenario/recount.ts';
import { eventually } from '../../../scripts/scenario/session.ts';
import { useStack } from '../../support/e2e.ts';

const SECRET = 'e2e-write-ins-secret';
const DAY = 1000;

const stack = useStack(SECRET);

describe('write-ins at the members’ assembly', () => {
  it('第五条 and SPEC §2.9: a secretary elected by write-in — the committee vote waits for their list (organizers reminded), and their own write-in at it takes no seat: a further round fills it', async () => {
    let writeIn = '';
    const outcome = await runCommunityElection({
      api: stack.api,
      secret: SECRET,
      orgId: 'e2e-write-in',
      dayLengthMs: DAY,
      superiorEmails: ['e2e-write-in@superior.example.cn'],
      // Eligible members enough for two formal candidates' lists and the new secretary's.
      rollSize: 40,
      brisk: true,
      rules: { approvalTimeoutDays: 60 },
      phases: {
        async 'secretary-election'(run) {
          const { session } = run;
          // Someone not on any list (the lists take others[0…5]) is written in by 4 of 5.
          writeIn = (run.others[6] as { id: string }).id;
          await session.reach('secretary-election');
          const round = await session.openRound('secretary-election');
          const [a, b] = round.candidates as [string, string];
          const tally = await holdElectionRound(session, round, {
            marksOf: (i) =>
              i % 5 === 4 ? { [a]: 'for', [b]: 'against' } : { [a]: 'against', [b]: 'against' },
            writeInsOf: (i) => (i % 5 === 4 ? undefined : [writeIn]),
          });
          expect(tally).toMatchObject({ status: 'valid', elected: [writeIn], next: 'advance' });
        },
        async 'member-election'(run) {
          const { session } = run;
          const secretary = run.others[6] as (typeof run.others)[number];
          await session.reach('member-election');
          // No list yet: no committee vote opens, the stage waits, the organizers are reminded.
          const reminder = await eventually(
            'the organizers’ reminder of the missing list',
            async () =>
              (await mailFor(stack.api, addressesOf(session))).find(
                (m) => m.subject.includes('待办提醒') && m.text.includes(secretary.name),
              ),
            30_000,
          );
          expect(reminder.text).toContain('委员建议名单');
          const waiting = await session.view();
          expect(waiting.stage).toBe('member-election');
          expect(waiting.rounds.some((r) => r.id.startsWith('member-election-'))).toBe(false);
          expect(waiting.result).toMatchObject({ secretary: writeIn, members: [] });

          // The new secretary proposes the committee (差额: 3 names for 2 seats).
          const list = run.others.slice(7, 10).map((m) => m.id) as [string, string, string];
          run.suggestions[writeIn] = list;
          await suggest(session, secretary, list, 'candidate');
          const [m1, m2, m3] = list;
          const first = await session.openRound('member-election');
          expect(first.candidates).toEqual(list);
          // 3 of 4 write the new secretary in for the second seat: that mark counts for nobody.
          const short = await holdElectionRound(session, first, {
            marksOf: (i) =>
              i % 4 === 3
                ? { [m1]: 'for', [m2]: 'for', [m3]: 'against' }
                : { [m1]: 'for', [m2]: 'abstain', [m3]: 'against' },
            writeInsOf: (i) => (i % 4 === 3 ? undefined : [writeIn]),
          });
          expect(short).toMatchObject({ elected: [m1], shortfall: 1, next: 'revote' });
          expect(short.counts[writeIn]).toBeUndefined();
          const written = Array.from({ length: short.returned }, (_, i) => i % 4 !== 3);
          expect(short.voidWriteIns).toBe(written.filter(Boolean).length);
          // 另行选举 for the seat left, among those not elected.
          const further = await session.openRound('member-election');
          expect(further).toMatchObject({ candidates: [m2, m3], seats: 1 });
          const filled = await holdElectionRound(session, further, {
            marksOf: () => ({ [m2]: 'for', [m3]: 'against' }),
          });
          expect(filled).toMatchObject({ elected: [m2], next: 'advance' });
        },
      },
    });
    const [m1, m2] = outcome.run.suggestions[writeIn] as [string, string];
    expect(outcome.final.stage).toBe('completed');
    expect(outcome.result).toEqual({ secretary: writeIn, deputies: [], members: [m1, m2] });
    // The public recount agrees, write-ins and the mark that counted for nobody included.
    const recounts = await recountEveryRound(stack.api, outcome.final);
    expect(recounts.lines).toEqual(recounts.expected);
  }, 150_000);
});

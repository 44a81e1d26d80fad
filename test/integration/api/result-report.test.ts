// Proves the 选举结果报告单 (issue 15): with the approval link's authority it shows the
// organization, every closed round the approval reviews (attendance, staff, each candidate's
// count in 姓氏笔画 order, the elected), the ballots' seal of each round's audit entry and the
// chain's head, and the sign-off lines; the approval page links it with a summary; and printed
// to PDF by headless Chromium it is one A4 page naming every candidate.
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openRound, type RoundSpec } from '../../../shared/election/rounds/round.ts';
import { compareBySurnameStrokes } from '../../../shared/rules/surname-order.ts';
import { getElection } from '../../../shared/store/elections.ts';
import type { ApprovalRecord, ElectionRecord } from '../../../shared/store/records.ts';
import { readAudit } from '../../../shared/store/transact.ts';
import { signToken } from '../../support/api.ts';
import { CONSOLE_SHOTS, launchChromium } from '../../support/browser.ts';
import { expectPage } from './answers.ts';
import * as fixtures from './approval-fixtures.ts';

let s: fixtures.StandIns;
let approval: ApprovalRecord;
let electionId: string;

const electionNamed = async (id: string) => (await getElection(id)) as ElectionRecord;

const nameOf = (id: string) => fixtures.ROLL.find((m) => m.id === id)?.name ?? id;

/** 书记: 王芳 李强 张伟 for one seat; 委员: 李强 张伟 刘一 for two. Staff: `evil`, 陈二, 杨三. */
const SECRETARY: RoundSpec = {
  kind: 'election',
  office: 'secretary',
  stage: 'secretary-election',
  candidates: ['c3', 'c1', 'c2'],
  seats: 1,
  revotesSoFar: 0,
};
const MEMBERS: RoundSpec = {
  ...SECRETARY,
  office: 'member',
  stage: 'member-election',
  candidates: ['c2', 'c3', 'm1'],
  seats: 2,
};
const STAFF = { announcer: 'evil', scrutineer: 'm2', counter: 'm3' };
const CANDIDATES = ['c1', 'c2', 'c3', 'm1'];

/** A round held through the API: 8 present, `marks` on each ballot in turn, closed. */
const holdRound = async (spec: RoundSpec, orgId: string, marks: Record<string, string>[]) => {
  const round = await openRound(await electionNamed(electionId), spec, 'workflow');
  const path = `/v1/elections/${electionId}/rounds/${round.id}`;
  const as = await signToken({ sub: 'teller-1', roles: ['teller', 'scrutineer'], orgs: [orgId] });
  const call = (what: string, body: unknown) =>
    s.api.call('POST', `${path}/${what}`, { token: as, body });
  expect((await call('attendance', { present: 8, ballotsIssued: 8, staff: STAFF })).status).toBe(
    200,
  );
  const ballots = marks.map((m, i) => ({ serial: `${round.id}-${i + 1}`, marks: m }));
  expect((await call('ballots', { ballots })).status).toBe(200);
  expect((await call('close', undefined)).status).toBe(200);
};

beforeAll(async () => {
  s = await fixtures.startStandIns();
  const org = await fixtures.seedOrganization();
  const election = await fixtures.seedElection(org, 'member-approval');
  electionId = election.id;
  const vote = (...ids: string[]) => Object.fromEntries(ids.map((id) => [id, 'for']));
  await holdRound(SECRETARY, org.orgId, [
    ...Array.from({ length: 5 }, () => vote('c1')),
    vote('c2'),
    vote('c2'),
    vote('c3'),
  ]);
  await holdRound(MEMBERS, org.orgId, [
    ...Array.from({ length: 5 }, () => vote('c2', 'm1')),
    ...Array.from({ length: 3 }, () => vote('c3')),
  ]);
  approval = await fixtures.seedApproval(election, {
    kind: 'result',
    stage: 'approval',
    subject: {},
  });
}, 120_000);
afterAll(() => s?.stop());

describe('GET /approve/{id}/report', () => {
  it('shows attendance, staff, each count in 姓氏笔画 order, the elected, the seals and the sign-off', async () => {
    const page = await s.api.call('GET', `/approve/${approval.id}/report`);
    const sealed = (await readAudit(`ELECTION#${electionId}`)).filter(
      (e) => e.action === 'round-closed',
    );
    expect(sealed).toHaveLength(2);
    const head = (await readAudit(`ELECTION#${electionId}`)).at(-1);
    expectPage(page, [
      '选举结果报告单',
      '新光社区党委',
      '新光街道党工委',
      '党员大会差额直选书记 第1轮',
      '选举委员 第1轮',
      '<th>应到</th><th>实到</th><th>发出</th><th>收回</th><th>有效</th><th>无效</th>',
      '<td class="num">8</td>',
      '监票人：陈二',
      '计票人：杨三',
      ...CANDIDATES.map(nameOf),
      ...sealed.map((e) => (e.data as { ballots: { digest: string } }).ballots.digest),
      head?.hash ?? 'no head',
      '选举单位（盖章）',
      '监票人（签字）',
      '计票人（签字）',
      '日期',
      '@page { size: A4',
    ]);
    // Markup in a name stays text.
    expect(page.text).not.toContain(fixtures.XSS);
    expect(page.text).toContain('&lt;script&gt;');
    // The secretary's candidates in 姓氏笔画 order, whatever the round's order.
    const secretary = page.text.slice(page.text.indexOf('直选书记'), page.text.indexOf('选举委员'));
    const shown = ['c1', 'c2', 'c3']
      .map(nameOf)
      .sort((a, b) => secretary.indexOf(a) - secretary.indexOf(b));
    expect(shown).toEqual([...shown].sort(compareBySurnameStrokes));
    // The elected with their votes: 王芳 5 as secretary, 李强 and 刘一 5 each as members.
    const elected = page.text.slice(page.text.indexOf('当选人员'));
    for (const name of ['王芳', '李强', '刘一']) {
      expect(elected).toMatch(new RegExp(`<td>${name}</td><td class="num">5</td>`));
    }
  });

  it('is linked from the approval page with a summary of each round; an unknown id is 404', async () => {
    const page = await s.api.call('GET', `/approve/${approval.id}`);
    expectPage(page, [
      '选举结果报告单',
      `href="/approve/${approval.id}/report"`,
      '应到 8 人,实到 8 人',
      '当选 王芳',
    ]);
    expect((await s.api.call('GET', '/approve/no-such-approval/report')).status).toBe(404);
  });

  it('prints on one A4 page naming every candidate (headless Chromium, read back with pdfjs)', async () => {
    const browser = await launchChromium();
    try {
      const page = await browser.newPage({ viewport: { width: 900, height: 1200 } });
      await page.goto(`${s.api.url}/approve/${approval.id}/report`);
      await page.screenshot({ path: `${CONSOLE_SHOTS}result-report.png`, fullPage: true });
      const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
      const document = await getDocument({ data: new Uint8Array(pdf) }).promise;
      expect(document.numPages).toBe(1);
      const first = await document.getPage(1);
      const { width, height } = first.getViewport({ scale: 1 });
      expect([Math.round(width), Math.round(height)]).toEqual([595, 842]); // A4 in points
      const items = (await first.getTextContent()).items as { str?: string }[];
      // Chromium's PDFs give a glyph an item, some CJK as Kangxi radicals: join and normalize.
      const text = items
        .map((item) => item.str ?? '')
        .join('')
        .replace(/\s+/g, '')
        .normalize('NFKC');
      for (const name of [
        ...CANDIDATES.map(nameOf),
        '选举结果报告单',
        '选举单位(盖章)',
        '监票人',
        '计票人',
      ]) {
        expect(text).toContain(name.normalize('NFKC'));
      }
    } finally {
      await browser.close();
    }
  }, 60_000);
});

import { electionScope } from '../election/access.ts';
import { electedIn } from '../election/rounds/tally.ts';
import {
  ballotsLine,
  type CountedRound,
  countHeading,
  countOutcome,
  countRows,
  expectedOf,
} from '../notices/count-reading.ts';
import { OFFICE_NAMES } from '../notices/words.ts';
import { approvalRoundStages } from '../rules/approval-rounds.ts';
import { formatShanghai } from '../rules/index.ts';
import { compareBySurnameStrokes } from '../rules/surname-order.ts';
import type { AuditEntry } from '../store/audit-chain.ts';
import type { RoundRecord } from '../store/records.ts';
import { listRounds } from '../store/rounds.ts';
import { readAudit } from '../store/transact.ts';
import { type ApprovalView, loadApprovalView } from './approval.ts';
import { html, htmlDocument, type SafeHtml } from './html.ts';

/**
 * The 选举结果报告单 (issue 15): what the organization reports to the superior with an approval,
 * as one printable A4 page (print CSS; printed from the browser, so no CJK font ships in a
 * Lambda) served at `GET /approve/{id}/report` with the approval link's own authority. It holds
 * every closed round of the stages the approval reviews: attendance, staff, the count of each
 * candidate, the elected; the ballots' seal from each round's `round-closed` audit entry and the
 * audit chain's head, so the paper names the exact data it was printed from; sign-off lines.
 */

interface ReportRound {
  round: RoundRecord & { tally: NonNullable<RoundRecord['tally']> };
  /** The `round-closed` entry: its seq and the SHA-256 digest sealing the round's ballots. */
  seal?: { seq: number; digest: string; count: number };
}

export interface ResultReport {
  view: ApprovalView;
  rounds: ReportRound[];
  /** The audit chain's last entry when the report was read. */
  head?: { seq: number; hash: string };
}

const sealOf = (entries: readonly AuditEntry[], roundId: string): ReportRound['seal'] => {
  const entry = entries.find(
    (e) => e.action === 'round-closed' && (e.data as { roundId?: string }).roundId === roundId,
  );
  const ballots = (entry?.data as { ballots?: { digest?: string; count?: number } } | undefined)
    ?.ballots;
  return entry && ballots?.digest
    ? { seq: entry.seq, digest: ballots.digest, count: ballots.count ?? 0 }
    : undefined;
};

/** The report of an approval (its rounds may be none); undefined for an unknown id. */
export const loadResultReport = async (approvalId: string): Promise<ResultReport | undefined> => {
  const view = await loadApprovalView(approvalId);
  return view && reportOf(view);
};

/** The report of an approval already loaded (the approval page shows its summary). */
export const reportOf = async (view: ApprovalView): Promise<ResultReport> => {
  const stages = approvalRoundStages(view.approval.kind);
  if (stages.length === 0) return { view, rounds: [] };
  const [rounds, entries] = await Promise.all([
    listRounds(view.election.id),
    readAudit(electionScope(view.election.id)),
  ]);
  const closed = rounds.filter(
    (r): r is ReportRound['round'] =>
      r.status !== 'open' && r.tally !== undefined && stages.includes(r.stage),
  );
  const last = entries.at(-1);
  return {
    view,
    rounds: closed.map((round) => ({ round, seal: sealOf(entries, round.id) })),
    ...(last ? { head: { seq: last.seq, hash: last.hash } } : {}),
  };
};

const STATUS_NAMES: Record<RoundRecord['status'], string> = {
  open: '进行中',
  closed: '有效',
  void: '本轮无效',
  'no-quorum': '人数不足,本轮无效',
};

const counted = (round: ReportRound['round']): CountedRound => ({
  ...round,
  ...(round.attendance ? { attendance: round.attendance } : {}),
});

/** Attendance and ballots: 应到/实到/发出/收回/有效/无效. */
const attendanceTable = ({ round }: ReportRound): SafeHtml => {
  const { tally, attendance } = round;
  const cells = [
    ['应到', attendance ? expectedOf(attendance) : '—'],
    ['实到', attendance?.present ?? '—'],
    ['发出', tally.issued],
    ['收回', tally.returned],
    ['有效', tally.valid],
    ['无效', tally.invalid],
  ] as const;
  return html`<table class="grid"><tr>${cells.map(([label]) => html`<th>${label}</th>`)}</tr><tr>${cells.map(
    ([, value]) => html`<td class="num">${value}</td>`,
  )}</tr></table>`;
};

/** Each candidate in 姓氏笔画 order, then those written in by votes: votes, rate, outcome. */
const countTable = (report: ResultReport, { round }: ReportRound): SafeHtml => {
  const { names, election } = report.view;
  const { rows, basis } = countRows(counted(round), election.rules, names);
  const ordered = [
    ...rows.filter((r) => !r.writeIn).sort((a, b) => compareBySurnameStrokes(a.name, b.name)),
    ...rows.filter((r) => r.writeIn),
  ];
  const elected = new Set(electedIn(round));
  return html`<table class="grid count">
  <thead><tr><th>候选人</th><th class="num">得票</th><th class="num">得票率</th><th>结果</th></tr></thead>
  <tbody>${ordered.map(
    (r) =>
      html`<tr><td>${r.name}${r.writeIn ? html` <span class="muted">(另选)</span>` : ''}</td><td class="num">${r.votes}</td><td class="num">${r.shown || '—'}</td><td>${
        elected.has(r.id) && !r.goesOn ? '当选(领导小组决定)' : r.mark || '—'
      }</td></tr>`,
  )}</tbody>
</table>
<p class="small muted">${basis}</p>`;
};

const roundSection = (report: ResultReport, entry: ReportRound): SafeHtml => {
  const { round, seal } = entry;
  const { names } = report.view;
  const staff = round.attendance?.staff;
  const outcome = countOutcome(counted(round), names);
  return html`<section class="round">
  <h2>${countHeading(round)} <span class="status">${STATUS_NAMES[round.status]}</span></h2>
  ${attendanceTable(entry)}
  ${
    staff
      ? html`<p>唱票人：${names(staff.announcer)}　监票人：${names(staff.scrutineer)}　计票人：${names(staff.counter)}</p>`
      : ''
  }
  ${round.tally.status === 'valid' ? countTable(report, entry) : ''}
  <p><strong>结果：</strong>${outcome.result}${round.decision ? html`;领导小组决定：${round.decision.reason}` : ''}</p>
  <p class="small">计票时间 ${round.closedAt ? formatShanghai(round.closedAt) : '—'}；${
    seal
      ? html`选票 ${seal.count} 张封存摘要（SHA-256，审计第 ${seal.seq} 条）<code>${seal.digest}</code>`
      : '无封存记录'
  }</p>
</section>`;
};

/** Everyone the rounds elected, with their office and votes. */
const electedSection = ({ view, rounds }: ResultReport): SafeHtml => {
  const rows = rounds.flatMap(({ round }) =>
    electedIn(round).map((id) => ({
      office: OFFICE_NAMES[round.office],
      name: view.names(id),
      votes: round.tally.counts[id],
      round: countHeading(round),
    })),
  );
  if (rows.length === 0) return html`<p>本次报告的投票中无人当选。</p>`;
  return html`<table class="grid">
  <thead><tr><th>职务</th><th>姓名</th><th class="num">得票</th><th>投票</th></tr></thead>
  <tbody>${rows.map(
    (r) =>
      html`<tr><td>${r.office}</td><td>${r.name}</td><td class="num">${r.votes ?? '—'}</td><td>${r.round}</td></tr>`,
  )}</tbody>
</table>`;
};

const STYLE = `
@page { size: A4; margin: 12mm 15mm; }
* { box-sizing: border-box; }
body { margin: 0; font: 10pt/1.45 "Noto Serif CJK SC", "Songti SC", SimSun, serif; color: #000;
  background: #fff; }
main { max-width: 180mm; margin: 0 auto; padding: 6mm 0; }
h1 { text-align: center; font-size: 16pt; letter-spacing: .3em; margin: 0 0 1mm; }
.sub { text-align: center; margin: 0 0 2mm; }
h2 { font-size: 11pt; margin: 2mm 0 1mm; }
.status { font-weight: 400; font-size: 9.5pt; }
p { margin: 1mm 0; }
dl { display: grid; grid-template-columns: max-content 1fr max-content 1fr; gap: .5mm 3mm; margin: 0 0 2mm; }
dt { font-weight: 600; }
dd { margin: 0; }
table.grid { border-collapse: collapse; width: 100%; margin: 1mm 0; }
table.grid th, table.grid td { border: .3mm solid #000; padding: .6mm 1.5mm; text-align: left; }
table.grid th { background: #eee; font-weight: 600; }
.num { text-align: right !important; white-space: nowrap; }
section.round { break-inside: avoid; border-top: .3mm solid #000; padding-top: 1mm; }
code { font: 8pt ui-monospace, monospace; word-break: break-all; }
.small { font-size: 8.5pt; }
.muted { color: #444; }
.signoff { display: grid; grid-template-columns: 1fr 1fr; gap: 4mm 10mm; margin-top: 4mm; break-inside: avoid; }
.signoff div { border-bottom: .3mm solid #000; padding-top: 6mm; }
.screen-only { margin: 0 0 4mm; padding: 2mm 3mm; border: .3mm dashed #888; font: 10pt system-ui, sans-serif; }
@media print { .screen-only { display: none; } main { padding: 0; } }
@media screen and (max-width: 600px) { dl { grid-template-columns: max-content 1fr; } main { padding: 4mm; } }
`;

/** GET /approve/{id}/report: the whole report as one printable document. */
export const renderResultReport = (report: ResultReport, now: Date): string => {
  const { approval, election, organization } = report.view;
  const body = html`<main>
<p class="screen-only">请用浏览器的“打印”功能打印本报告单（A4），盖章签字后随审批材料报送。</p>
<h1>选举结果报告单</h1>
<p class="sub">${organization.name}</p>
<dl>
  <dt>选举单位</dt><dd>${organization.name}</dd>
  <dt>报送机关</dt><dd>${organization.superior.name}</dd>
  <dt>选举编号</dt><dd>${election.id}</dd>
  <dt>审批编号</dt><dd>${approval.id.slice(0, 8)}…</dd>
</dl>
${
  report.rounds.length === 0
    ? html`<p>该审批事项没有已结束的投票。</p>`
    : html`${report.rounds.map((entry) => roundSection(report, entry))}
<section class="round"><h2>当选人员</h2>${electedSection(report)}</section>`
}
<p class="small">审计链末条：第 ${report.head?.seq ?? 0} 条 <code>${report.head?.hash ?? '—'}</code>；打印时间 ${formatShanghai(now.toISOString())}</p>
<div class="signoff">
  <div>选举单位（盖章）：</div>
  <div>日期：　　　年　　月　　日</div>
  <div>监票人（签字）：</div>
  <div>计票人（签字）：</div>
</div>
</main>`;
  return htmlDocument({ title: `选举结果报告单 — ${organization.name}`, style: STYLE, body });
};

/** On the approval page: each round's figures and outcome in a line, and the link to print. */
export const reportSummary = (report: ResultReport): SafeHtml | undefined => {
  if (report.rounds.length === 0) return undefined;
  const { names } = report.view;
  return html`<section>
  <h2>选举结果报告单</h2>
  <ul>${report.rounds.map(({ round }) => {
    const line = counted(round);
    return html`<li><strong>${countHeading(round)}</strong>：${ballotsLine(line)}；${countOutcome(line, names).result}</li>`;
  })}</ul>
  <p><a href="/approve/${encodeURIComponent(report.view.approval.id)}/report">打开完整报告单（含唱票、监票、计票人员，选票封存摘要，可打印）</a></p>
</section>`;
};

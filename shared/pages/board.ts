import type { Board, BoardCandidate, BoardRound } from '../election/board/board.ts';
import {
  CANDIDATE_STATUS_NAMES,
  GOAL_CATEGORY_NAMES,
  OBJECTION_DECISION_NAMES,
  ROUND_STATUS_NAMES,
} from '../notices/labels.ts';
import { OFFICE_NAMES, percent, ROUND_KIND_NAMES, STAGE_NAMES } from '../notices/words.ts';
import { formatShanghai, type Office } from '../rules/index.ts';
import type { RoundRecord } from '../store/records.ts';
import { recallsSection } from './board-recalls.ts';
import { html, page, type SafeHtml } from './html.ts';

/** The 公示栏 page (GET /public/elections/{id}): the board, for people, in Shanghai time. */

const OFFICES: readonly Office[] = ['secretary', 'deputy', 'member'];

/** Who goes on, in the words of each kind of round. */
const GOES_ON: Record<RoundRecord['kind'], string> = {
  recommendation: '推荐产生',
  evaluation: '测评通过',
  election: '当选',
  recall: '罢免通过',
};

const overview = (board: Board): SafeHtml => html`
<section${board.stage === 'halted' ? html` class="notice"` : ''}>
  <h2>选举概况</h2>
  <dl>
    <dt>党组织</dt><dd>${board.organization.name}</dd>
    <dt>当前阶段</dt><dd><strong>${STAGE_NAMES[board.stage]}</strong></dd>
    <dt>选举编号</dt><dd>${board.electionId}</dd>
  </dl>
  ${board.haltReason ? html`<p><strong>暂停原因：</strong>${board.haltReason}</p>` : ''}
</section>`;

const resultSection = (board: Board): SafeHtml => {
  const result = board.result;
  if (
    !result ||
    (!result.secretary && result.deputies.length === 0 && result.members.length === 0)
  ) {
    return html``;
  }
  return html`
<section class="ok">
  <h2>选举结果</h2>
  <dl>
    ${result.secretary ? html`<dt>书记</dt><dd>${result.secretary.name}</dd>` : ''}
    ${result.deputies.length ? html`<dt>副书记</dt><dd>${result.deputies.map((p) => p.name).join('、')}</dd>` : ''}
    ${result.members.length ? html`<dt>委员</dt><dd>${result.members.map((p) => p.name).join('、')}</dd>` : ''}
  </dl>
</section>`;
};

const objectionLine = ({ objections }: BoardCandidate): SafeHtml => {
  if (objections.total === 0) return html`<p class="muted">异议：无</p>`;
  return html`<p class="muted">异议：共 ${objections.total} 件（待处理 ${objections.open} 件，成立 ${
    objections.upheld
  } 件，不成立 ${objections.dismissed} 件）</p>${
    objections.resolutions.length > 0
      ? html`<ul>${objections.resolutions.map(
          (r) =>
            html`<li>${OBJECTION_DECISION_NAMES[r.decision]}（${formatShanghai(r.at)}）：${r.reason}</li>`,
        )}</ul>`
      : ''
  }`;
};

const objectionForm = (board: Board, candidate: BoardCandidate): SafeHtml =>
  board.objectionsUrl && candidate.acceptsObjections
    ? html`<details>
  <summary>对${candidate.name}提出异议</summary>
  <form method="post" action="${board.objectionsUrl}">
    <input type="hidden" name="candidateId" value="${candidate.memberId}">
    <input type="hidden" name="office" value="${candidate.office}">
    <p><label for="objection-${candidate.office}-${candidate.memberId}">异议内容（将报送选举工作领导小组，不在本栏公开）</label></p>
    <textarea id="objection-${candidate.office}-${candidate.memberId}" name="text" required maxlength="5000"></textarea>
    <div class="buttons"><button type="submit">提交异议</button></div>
  </form>
</details>`
    : html``;

const candidateBlock = (board: Board, candidate: BoardCandidate): SafeHtml => html`
<article>
  <h3>${candidate.name} <span class="badge">${CANDIDATE_STATUS_NAMES[candidate.status]}</span></h3>
  ${candidate.statusReason ? html`<p class="muted">原因：${candidate.statusReason}</p>` : ''}
  ${candidate.statements.speech ? html`<p>竞职演讲：</p><blockquote>${candidate.statements.speech}</blockquote>` : ''}
  ${
    candidate.statements.commitment
      ? html`<p>竞职承诺：</p><blockquote>${candidate.statements.commitment}</blockquote>`
      : ''
  }
  ${objectionLine(candidate)}
  ${objectionForm(board, candidate)}
</article>`;

const candidatesSection = (board: Board): SafeHtml => {
  if (board.candidates.length === 0) return html``;
  return html`
<section>
  <h2>候选人</h2>
  ${
    board.objectionsUrl
      ? html`<p class="muted">公示期间，任何人都可以对候选人提出异议。异议内容只报送选举工作领导小组，本栏只公布异议件数和处理结果。</p>`
      : ''
  }
  ${OFFICES.map((office) => {
    const list = board.candidates.filter((c) => c.office === office);
    return list.length === 0
      ? ''
      : html`<h3>${OFFICE_NAMES[office]}候选人</h3>${list.map((c) => candidateBlock(board, c))}`;
  })}
</section>`;
};

const tallyTable = (round: BoardRound): SafeHtml => {
  const tally = round.tally;
  if (!tally)
    return html`<p class="muted">候选人：${round.candidates.map((c) => c.name).join('、')}</p>`;
  const hasRate = tally.counts.some((c) => c.rate !== undefined);
  return html`
  <p class="muted">发出选票 ${tally.issued} 张，收回 ${tally.returned} 张，有效 ${tally.valid} 张，无效 ${tally.invalid} 张</p>
  ${tally.reason ? html`<p class="muted">说明：${tally.reason}</p>` : ''}
  ${
    tally.counts.length > 0
      ? html`<div class="table-wrap"><table>
    <thead><tr><th>姓名</th><th class="num">得票</th>${hasRate ? html`<th class="num">综合得票率</th>` : ''}</tr></thead>
    <tbody>${tally.counts.map(
      (c) =>
        html`<tr><td>${c.name}</td><td class="num">${c.count}</td>${
          hasRate ? html`<td class="num">${c.rate === undefined ? '—' : percent(c.rate)}</td>` : ''
        }</tr>`,
    )}</tbody>
  </table></div>`
      : ''
  }
  ${tally.elected.length ? html`<p>${GOES_ON[round.kind]}：<strong>${tally.elected.map((p) => p.name).join('、')}</strong></p>` : ''}
  ${tally.tied.length ? html`<p>得票相同、需再次投票：${tally.tied.map((p) => p.name).join('、')}</p>` : ''}`;
};

/** 第八条 1: 监票人和计票人经大会表决通过 — the vote, when it was recorded. */
const staffApprovalText = (votes: { for: number; against: number; abstain: number } | undefined) =>
  votes
    ? `；监票人、计票人经大会表决通过（赞成 ${votes.for}，反对 ${votes.against}，弃权 ${votes.abstain}）`
    : '';

const roundsSection = (board: Board): SafeHtml => {
  if (board.rounds.length === 0) return html``;
  return html`
<section>
  <h2>投票结果</h2>
  ${board.rounds.map(
    (
      round,
    ) => html`<h3>${OFFICE_NAMES[round.office]}${ROUND_KIND_NAMES[round.kind]} · 第${round.number}轮 <span class="badge">${
      ROUND_STATUS_NAMES[round.status]
    }</span></h3>
  ${
    round.attendance
      ? html`<p class="muted">${round.attendance.expected === undefined ? '' : `应到 ${round.attendance.expected} 人，`}实到 ${
          round.attendance.present
        } 人${staffApprovalText(round.attendance.staffApproval)}</p>`
      : ''
  }
  ${tallyTable(round)}`,
  )}
</section>`;
};

const commitmentsSection = (board: Board): SafeHtml =>
  board.commitments.length === 0
    ? html``
    : html`
<section>
  <h2>任职承诺</h2>
  ${board.commitments.map(
    (c) =>
      html`<p class="muted">经上级党组织批准（${formatShanghai(c.approvedAt)}）</p><ul>${c.goals.map(
        (g) =>
          html`<li><strong>${GOAL_CATEGORY_NAMES[g.category] ?? g.category}</strong>：${g.text}（目标：${g.target}）</li>`,
      )}</ul>`,
  )}
</section>`;

const calendarSection = (board: Board): SafeHtml => html`
<section>
  <h2>日程安排</h2>
  <p class="muted">北京时间</p>
  <ol class="steps">${board.calendar.map(
    (entry) =>
      html`<li${entry.stage === board.stage ? html` class="current"` : ''}><strong>${STAGE_NAMES[entry.stage]}</strong>${
        entry.stage === board.stage ? html` <span class="badge">进行中</span>` : ''
      }<br><span class="muted"><span class="nowrap">${formatShanghai(entry.from)}</span> 至 <span class="nowrap">${formatShanghai(entry.until)}</span></span></li>`,
  )}</ol>
</section>`;

export const renderBoardPage = (board: Board): string =>
  page({
    title: '公推直选公示栏',
    subtitle: board.organization.name,
    body: html`${overview(board)}${resultSection(board)}${candidatesSection(board)}${roundsSection(
      board,
    )}${recallsSection(board.recalls)}${commitmentsSection(board)}${calendarSection(board)}`,
  });

/** The page for an election that does not exist. */
export const renderBoardNotFound = (electionId: string): string =>
  page({
    title: '公推直选公示栏',
    body: html`<section class="notice"><h2>未找到此选举</h2><p>没有编号为 ${electionId} 的选举。</p></section>`,
  });

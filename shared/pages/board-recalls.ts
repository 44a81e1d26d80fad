import type { BoardRecall } from '../election/board/recalls.ts';
import { OFFICE_NAMES } from '../notices/words.ts';
import { formatShanghai } from '../rules/index.ts';
import type { RecallStatus } from '../store/records.ts';
import { html, type SafeHtml } from './html.ts';

/** The board page's 罢免 section: what became of each recall, in the words of the 公示栏. */

const STATUS_WORDS: Record<RecallStatus, (r: BoardRecall) => string> = {
  'pending-approval': () => '上级党组织调查核实中',
  rejected: (r) => `上级党组织认为罢免理由不成立,未启动罢免程序,${r.holder.name}继续任职`,
  voting: () => '经上级党组织批准,提交党员大会投票表决',
  recalled: (r) =>
    `党员大会表决罢免${r.membersRemoved.length > 0 ? `;由其提名产生的委员${r.membersRemoved.map((p) => p.name).join('、')}同时免职` : ''}`,
  retained: (r) => `罢免未获党员大会通过,${r.holder.name}继续任职`,
};

const BY_ELECTION_WORDS: Record<NonNullable<BoardRecall['byElection']>['status'], string> = {
  voting: '补选投票中',
  'pending-approval': '补选结果报上级党组织审批中',
  approved: '补选结果已批准',
  rejected: '补选结果未获批准,空缺待补选',
  failed: '补选无人当选,空缺待补选',
};

/** The board page's 罢免 section (nothing when there is no recall). */
export const recallsSection = (recalls: readonly BoardRecall[]): SafeHtml =>
  recalls.length === 0
    ? html``
    : html`
<section>
  <h2>罢免</h2>
  ${recalls.map(
    (r) => html`<h3>罢免${OFFICE_NAMES[r.office]}${r.holder.name}的要求</h3>
  <p class="muted">${formatShanghai(r.filedAt)},${r.signatories}名党员联名提出</p>
  <p><strong>${STATUS_WORDS[r.status](r)}</strong>${
    r.settledAt || r.decidedAt
      ? html`<span class="muted">(${formatShanghai((r.settledAt ?? r.decidedAt) as string)})</span>`
      : ''
  }</p>
  ${r.newElectionId ? html`<p>已按公推直选办法启动新的选举:<a href="/public/elections/${encodeURIComponent(r.newElectionId)}">查看新选举公示栏</a></p>` : ''}
  ${
    r.byElection
      ? html`<p>${BY_ELECTION_WORDS[r.byElection.status]}${
          r.byElection.elected.length > 0
            ? html`:${r.byElection.elected.map((p) => p.name).join('、')}当选`
            : ''
        }</p>`
      : ''
  }`,
  )}
</section>`;

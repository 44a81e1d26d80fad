import { expiryOf, isDecidable } from '../election/approvals/approval.ts';
import { readSubject } from '../election/approvals/subject.ts';
import { electionNames, type Names } from '../election/names.ts';
import { APPROVAL_KIND_NAMES, GOAL_CATEGORY_NAMES, RATING_NAMES } from '../notices/labels.ts';
import { OFFICE_NAMES, percent, STAGE_NAMES } from '../notices/words.ts';
import { formatShanghai } from '../rules/index.ts';
import { getApproval } from '../store/approvals.ts';
import { getElection } from '../store/elections.ts';
import { getOrganization } from '../store/organizations.ts';
import type { ApprovalRecord, ElectionRecord, OrganizationRecord } from '../store/records.ts';
import { html, page, type SafeHtml } from './html.ts';

/**
 * The approval page (GET /approve/{id}) and its answers to a form post. Reading it changes
 * nothing: mail scanners open links.
 */

export interface ApprovalView {
  approval: ApprovalRecord;
  election: ElectionRecord;
  organization: OrganizationRecord;
  names: Names;
}

/** Everything the page shows; undefined for an unknown id. */
export const loadApprovalView = async (approvalId: string): Promise<ApprovalView | undefined> => {
  const approval = await getApproval(approvalId);
  const election = approval && (await getElection(approval.electionId));
  const organization = election && (await getOrganization(election.orgId));
  if (!approval || !election || !organization) return undefined;
  const known = Object.fromEntries(
    (readSubject(approval.subject).candidates ?? []).map((c) => [c.memberId, c.name]),
  );
  return { approval, election, organization, names: await electionNames(election, known) };
};

const titleOf = (approval: ApprovalRecord): string =>
  readSubject(approval.subject).title ?? APPROVAL_KIND_NAMES[approval.kind];

const heading = ({ approval, election, organization }: ApprovalView): SafeHtml => html`
<section>
  <h2>${titleOf(approval)}</h2>
  <dl>
    <dt>党组织</dt><dd>${organization.name}</dd>
    <dt>审批事项</dt><dd>${APPROVAL_KIND_NAMES[approval.kind]}</dd>
    ${approval.stage ? html`<dt>选举阶段</dt><dd>${STAGE_NAMES[approval.stage]}</dd>` : ''}
    <dt>审批机关</dt><dd>${organization.superior.name}</dd>
    <dt>提交时间</dt><dd>${formatShanghai(approval.createdAt)}</dd>
    <dt>有效期至</dt><dd>${formatShanghai(approval.expiresAt)}</dd>
    <dt>选举编号</dt><dd>${election.id}</dd>
  </dl>
</section>`;

/** The candidates with their votes, rates and inspections; the totals; the result; the goals. */
const subjectSection = ({ approval, names }: ApprovalView): SafeHtml => {
  const subject = readSubject(approval.subject);
  const candidates = subject.candidates ?? [];
  const hasCount = candidates.some((c) => c.count !== undefined);
  const hasRate = candidates.some((c) => c.rate !== undefined);
  const hasElected = candidates.some((c) => c.elected !== undefined);
  const totals = subject.totals;
  const result = subject.result;
  const office = subject.office as keyof typeof OFFICE_NAMES | undefined;
  return html`
<section>
  <h2>审批内容</h2>
  ${subject.description ? html`<p>${subject.description}</p>` : ''}
  ${office && OFFICE_NAMES[office] ? html`<p class="muted">职务：${OFFICE_NAMES[office]}</p>` : ''}
  ${
    candidates.length > 0
      ? html`<div class="table-wrap"><table>
    <thead><tr><th>姓名</th>${hasCount ? html`<th class="num">得票</th>` : ''}${
      hasRate ? html`<th class="num">综合得票率</th>` : ''
    }${hasElected ? html`<th>结果</th>` : ''}</tr></thead>
    <tbody>${candidates.map(
      (c) =>
        html`<tr><td>${names(c.memberId)}</td>${
          hasCount ? html`<td class="num">${c.count ?? '—'}</td>` : ''
        }${hasRate ? html`<td class="num">${c.rate === undefined ? '—' : percent(c.rate)}</td>` : ''}${
          hasElected ? html`<td>${c.elected ? '当选' : '未当选'}</td>` : ''
        }</tr>`,
    )}</tbody>
  </table></div>`
      : ''
  }
  ${candidates
    .filter((c) => c.inspection)
    .map(
      (c) =>
        html`<h3>${names(c.memberId)} 的考察情况 <span class="badge">${
          RATING_NAMES[c.inspection?.rating ?? ''] ?? c.inspection?.rating
        }</span></h3><blockquote>${c.inspection?.summary}</blockquote>`,
    )}
  ${
    totals
      ? html`<p class="muted">发出选票 ${totals.issued ?? '—'} 张，收回 ${totals.returned ?? '—'} 张，有效 ${
          totals.valid ?? '—'
        } 张，无效 ${totals.invalid ?? '—'} 张</p>`
      : ''
  }
  ${
    result
      ? html`<h3>选举结果</h3><dl>
    ${result.secretary ? html`<dt>书记</dt><dd>${names(result.secretary)}</dd>` : ''}
    ${result.deputies?.length ? html`<dt>副书记</dt><dd>${result.deputies.map(names).join('、')}</dd>` : ''}
    ${result.members?.length ? html`<dt>委员</dt><dd>${result.members.map(names).join('、')}</dd>` : ''}
  </dl>`
      : ''
  }
  ${
    subject.goals?.length
      ? html`<h3>任职承诺目标</h3><ul>${subject.goals.map(
          (g) =>
            html`<li><strong>${GOAL_CATEGORY_NAMES[g.category] ?? g.category}</strong>：${g.text}（目标：${g.target}）</li>`,
        )}</ul>`
      : ''
  }
  ${
    subject.recall
      ? html`<h3>罢免请求</h3><dl>
    <dt>被罢免人</dt><dd>${names(subject.recall.officeHolderId)}</dd>
    <dt>罢免理由</dt><dd><blockquote>${subject.recall.reason}</blockquote></dd>
    ${
      subject.recall.signatoryIds?.length
        ? html`<dt>联名党员</dt><dd>${subject.recall.signatoryIds.map(names).join('、')}（${subject.recall.signatoryIds.length}名）</dd>`
        : ''
    }
  </dl>`
      : ''
  }
</section>`;
};

/** Approve / reject; for an inspection, the checkboxes choosing the formal candidates. */
const decisionForm = ({ approval, election, names }: ApprovalView): SafeHtml => {
  const inspection = approval.kind === 'inspection';
  const candidates = readSubject(approval.subject).candidates ?? [];
  const required = election.rules.formalSecretaryCandidates;
  return html`
<section>
  <h2>审批意见</h2>
  <form method="post">
    ${
      inspection
        ? html`<fieldset style="border:0;padding:0;margin:0">
      <legend><strong>请选择 ${required} 名书记正式候选人</strong>（同意时必选）</legend>
      ${candidates.map(
        (c) =>
          html`<label class="choice"><input type="checkbox" name="selection" value="${c.memberId}"> ${names(c.memberId)}</label>`,
      )}
    </fieldset>`
        : ''
    }
    <p><label for="comment">意见（可选；不同意时请说明理由）</label></p>
    <textarea id="comment" name="comment" maxlength="2000"></textarea>
    <div class="buttons">
      <button class="approve" type="submit" name="decision" value="approve">同意</button>
      <button class="reject" type="submit" name="decision" value="reject">不同意</button>
    </div>
  </form>
  <p class="muted">本链接仅供审批机关使用，只能提交一次。</p>
</section>`;
};

const decisionText = (approval: ApprovalRecord): string =>
  approval.status === 'approved' ? '同意' : '不同意';

/** What was decided, for a decided id. */
const decidedSection = ({ approval, names }: ApprovalView, title: string): SafeHtml => html`
<section class="ok">
  <h2>${title}</h2>
  <p>审批意见：<strong>${decisionText(approval)}</strong>（${formatShanghai(approval.decidedAt ?? approval.createdAt)}）</p>
  ${
    approval.decision?.selection?.length
      ? html`<p>确定的书记正式候选人：${approval.decision.selection.map(names).join('、')}</p>`
      : ''
  }
  ${approval.decision?.comment ? html`<p>意见：</p><blockquote>${approval.decision.comment}</blockquote>` : ''}
</section>`;

const expiredSection = (approval: ApprovalRecord): SafeHtml => html`
<section class="notice">
  <h2>此审批链接已过期</h2>
  <p>此链接已于 ${formatShanghai(expiryOf(approval))} 失效，不能再提交审批意见。如仍需审批，系统会另行发送新的审批链接。</p>
</section>`;

/** GET /approve/{id}: the page, with the form only while the id can be decided. */
export const renderApprovalPage = (view: ApprovalView, now: Date, report?: SafeHtml): string => {
  const { approval } = view;
  const decided = approval.status === 'approved' || approval.status === 'rejected';
  // Open: what is to be approved first, the form after it. Closed: say so first.
  const body = decided
    ? html`${decidedSection(view, '此审批已作出决定')}${heading(view)}${subjectSection(view)}${report}`
    : isDecidable(approval, now)
      ? html`${heading(view)}${subjectSection(view)}${report}${decisionForm(view)}`
      : html`${expiredSection(approval)}${heading(view)}${subjectSection(view)}${report}`;
  return page({ title: `审批：${titleOf(approval)}`, subtitle: view.organization.name, body });
};

/** After a form post: the decision is recorded. */
export const renderDecisionConfirmation = (view: ApprovalView): string =>
  page({
    title: '审批意见已提交',
    subtitle: view.organization.name,
    body: html`${decidedSection(view, '审批意见已记录，感谢！')}${heading(view)}`,
  });

/** A refused form post (409, 422) or an unknown id (404), said plainly. */
export const renderApprovalProblem = (title: string, message: string, backLink?: string): string =>
  page({
    title,
    body: html`<section class="notice"><h2>${title}</h2><p>${message}</p>${
      backLink ? html`<p><a href="${backLink}">返回审批页面</a></p>` : ''
    }</section>`,
  });

/** An unknown approval id (404), to a browser. */
export const renderApprovalNotFound = (): string =>
  renderApprovalProblem('未找到此审批', '审批链接无效或已被删除，请核对邮件中的链接。');

const PROBLEM_TITLES: Record<number, string> = {
  409: '审批意见未能提交',
  422: '审批意见不符合要求',
};

/**
 * A form post refused (409 already decided or expired, 422 a selection that breaks a rule):
 * the refusal's own message and a way back to the page. A 404 gets the not-found page.
 */
export const renderApprovalRefusal = (
  refusal: { status: number; message: string },
  approvalId: string,
): string =>
  refusal.status === 404
    ? renderApprovalNotFound()
    : renderApprovalProblem(
        PROBLEM_TITLES[refusal.status] ?? '审批意见未能提交',
        refusal.message,
        `/approve/${encodeURIComponent(approvalId)}`,
      );

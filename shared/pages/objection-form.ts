import { html, page } from './html.ts';

/**
 * The answers to the board's objection form (公示栏, a browser form post): a page with the same
 * status as the JSON answer, and a way back to the board. The handler sends them with the page
 * headers; a refusal comes in as its status, message and details (the HTTP error's fields).
 */

/** A refused objection as the page needs it. */
export interface ObjectionRefusal {
  status: number;
  message: string;
  details: readonly unknown[];
}

const boardLink = (electionId: string | undefined) =>
  electionId
    ? html`<p><a href="/public/elections/${encodeURIComponent(electionId)}">返回公示栏</a></p>`
    : '';

/** The objection was filed (201). */
export const renderObjectionFiled = (electionId: string, objectionId: string): string =>
  page({
    title: '异议已提交',
    body: html`<section class="ok"><h2>异议已提交</h2>
<p>您的异议已报送选举工作领导小组，将依规核实处理。异议内容不在公示栏公开，处理结果将在公示栏公布。</p>
<p class="muted">受理编号：${objectionId}</p>
${boardLink(electionId)}</section>`,
  });

const OBJECTION_PROBLEMS: Record<number, string> = {
  400: '异议内容不符合要求，请填写候选人和异议内容（不超过5000字）后重新提交。',
  404: '未找到此选举，请核对公示栏的地址。',
  409: '当前不在公示期，不能提出异议。',
  413: '提交的内容过长。',
  422: '所提候选人不在本次公示名单中。',
  429: '提交过于频繁，请稍后再试，或以书面形式向公推直选工作小组反映。',
};

/** A 400 about the address (the election id), not about what the form carried. */
const atPath = (refusal: ObjectionRefusal) =>
  refusal.status === 400 &&
  refusal.details.some((detail) => (detail as { path?: unknown[] }).path?.[0] === 'path');

/** The objection was refused; `electionId` is the one in the address, if any. */
export const renderObjectionRefused = (
  refusal: ObjectionRefusal,
  electionId: string | undefined,
): string =>
  page({
    title: '异议未能提交',
    body: html`<section class="notice"><h2>异议未能提交</h2>
<p>${atPath(refusal) ? '公示栏地址无效，请从公示栏重新打开。' : (OBJECTION_PROBLEMS[refusal.status] ?? '请稍后重试。')}</p>
<p class="muted">${refusal.message}</p>
${refusal.status === 404 ? '' : boardLink(electionId)}</section>`,
  });

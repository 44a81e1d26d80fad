/**
 * The links a notice carries. Their base is `ZX_PUBLIC_URL` (SPEC §9), by default the local
 * stack's `http://127.0.0.1:$PORT`.
 */

export const publicUrl = (): string => {
  const base = process.env.ZX_PUBLIC_URL || `http://127.0.0.1:${process.env.PORT || 3000}`;
  return base.replace(/\/+$/, '');
};

/** The approval page of one approval id (GET shows it, only POST decides). */
export const approvalUrl = (approvalId: string): string =>
  `${publicUrl()}/approve/${encodeURIComponent(approvalId)}`;

/** The 选举结果报告单 of an approval (issue 15): printable, with the approval link's authority. */
export const resultReportUrl = (approvalId: string): string => `${approvalUrl(approvalId)}/report`;

/** The election's public notice board (公示栏). */
export const boardUrl = (electionId: string): string =>
  `${publicUrl()}/public/elections/${encodeURIComponent(electionId)}`;

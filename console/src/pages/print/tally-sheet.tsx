import type { PrintData } from './print-data.ts';
import {
  MARKS,
  PAPER_NAMES,
  pagesOf,
  SUBJECT,
  TALLY_ROWS_PER_PAGE,
  tallyWriteInLines,
} from './sheets.ts';

/**
 * The 计票表 for the 计票人: a row per candidate (姓氏笔画 order; an election's 另选他人 lines
 * after them) with, per mark, room for the 正 strokes and the subtotal; the ballots' totals
 * and the signatures of 唱票人, 监票人 and 计票人. A recommendation round has one sheet per
 * constituency (they are counted apart).
 */
export function TallySheet({ data }: { data: PrintData }) {
  const { round, election, candidates } = data;
  const marks = MARKS[round.kind];
  const constituencies =
    round.kind === 'recommendation'
      ? election.rules.recommendation.constituencies.map((c) => c.name)
      : [undefined];
  const rows = [
    ...candidates.map((c) => ({ key: c.id, name: c.name })),
    ...(round.kind === 'election' && !round.amongTied
      ? Array.from({ length: tallyWriteInLines(round.seats) }, (_, i) => ({
          key: `write-in-${i}`,
          name: '',
        }))
      : []),
  ];
  const pages = pagesOf(rows, TALLY_ROWS_PER_PAGE);
  const staff = round.attendance?.staff;
  return constituencies.flatMap((constituency) =>
    pages.map((page, p) => (
      <section className="zx-sheet zx-tally" key={`${constituency ?? ''}-${page[0]?.key ?? p}`}>
        <h1>计票表</h1>
        <h2>
          {data.orgName} · {data.title}
          {constituency ? ` · ${constituency}` : ''}
        </h2>
        <table>
          <thead>
            <tr>
              <th rowSpan={2}>{SUBJECT[round.kind]}</th>
              {marks.map((mark) => (
                <th key={mark} colSpan={2}>
                  {mark}
                </th>
              ))}
            </tr>
            <tr>
              {marks.flatMap((mark) => [
                <th key={`${mark}-marks`}>划“正”字</th>,
                <th key={`${mark}-sum`}>小计</th>,
              ])}
            </tr>
          </thead>
          <tbody>
            {page.map((row) => (
              <tr key={row.key}>
                <td className={row.name ? 'name' : 'name write-in'}>{row.name || '另选他人:'}</td>
                {marks.flatMap((mark) => [
                  <td key={`${mark}-marks`} className="marks" />,
                  <td key={`${mark}-sum`} className="sum" />,
                ])}
              </tr>
            ))}
          </tbody>
        </table>
        {p === pages.length - 1 && (
          <>
            <p>
              发出{PAPER_NAMES[round.kind]}
              <span className="zx-line" />
              张,收回
              <span className="zx-line" />
              张,其中有效
              <span className="zx-line" />
              张,无效
              <span className="zx-line" />
              张。
            </p>
            <div className="zx-signatures">
              {(
                [
                  ['唱票人', staff?.announcer],
                  ['监票人', staff?.scrutineer],
                  ['计票人', staff?.counter],
                ] as const
              ).map(([role, memberId]) => (
                <span key={role}>
                  {role}
                  {memberId ? `(${data.nameOf(memberId)})` : ''}签名:
                  <span className="zx-line" />
                </span>
              ))}
            </div>
            <p style={{ marginTop: '6mm' }}>
              计票时间:
              <span className="zx-line" />年<span className="zx-line" />月
              <span className="zx-line" />日<span className="zx-line" />时
              <span className="zx-line" />分
            </p>
          </>
        )}
        <div className="zx-foot">
          <span>按姓氏笔画排列</span>
          <span>
            第 {p + 1} 页 / 共 {pages.length} 页
          </span>
        </div>
      </section>
    )),
  );
}

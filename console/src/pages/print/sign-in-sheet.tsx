import type { PrintData } from './print-data.ts';
import { PAPER_NAMES, pagesOf, SIGN_IN_ROWS_PER_PAGE } from './sheets.ts';

/**
 * The 签到表 of a round: everyone on its roll in 姓氏笔画 order with a column to sign in and
 * one for the ballot handed out, in pages of a fixed number of rows.
 */
export function SignInSheet({ data }: { data: PrintData }) {
  const pages = pagesOf(data.roll, SIGN_IN_ROWS_PER_PAGE);
  return pages.map((people, page) => (
    <section className="zx-sheet zx-signin" key={people[0]?.id ?? 'empty'}>
      <h1>签到表</h1>
      <h2>
        {data.orgName} · {data.title}
      </h2>
      <table>
        <thead>
          <tr>
            <th style={{ width: '12mm' }}>序号</th>
            <th style={{ width: '34mm' }}>姓名</th>
            <th>本人签名</th>
            <th style={{ width: '26mm' }}>领取{PAPER_NAMES[data.round.kind]}</th>
            <th style={{ width: '24mm' }}>备注</th>
          </tr>
        </thead>
        <tbody>
          {people.map((member, i) => (
            <tr key={member.id}>
              <td>{page * SIGN_IN_ROWS_PER_PAGE + i + 1}</td>
              <td className="name">{member.name}</td>
              <td />
              <td />
              <td />
            </tr>
          ))}
        </tbody>
      </table>
      <div className="zx-foot">
        <span>共 {data.roll.length} 人 · 按姓氏笔画排列</span>
        <span>
          第 {page + 1} 页 / 共 {pages.length} 页
        </span>
      </div>
    </section>
  ));
}

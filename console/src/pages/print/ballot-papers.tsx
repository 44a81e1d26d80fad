import { papersSerials } from '../../../../shared/rules/index.ts';
import type { PrintData } from './print-data.ts';
import { hasWriteInLines, instructions, MARKS, PAPER_NAMES, SUBJECT } from './sheets.ts';

/** Rows (candidates and 另选他人 lines) a ballot holds at full height. */
const COMPACT_ROWS = 10;

/**
 * The ballot papers of a round: one A4 sheet per printed serial, the serial large in the corner,
 * the organization and the vote, the candidates in 姓氏笔画 order with a box per mark, the
 * 另选他人 lines of an election, and the 条例's rules for marking and for an invalid ballot.
 */
export function BallotPapers({ data }: { data: PrintData }) {
  const { round, election, candidates } = data;
  const papers = round.ballotPapers;
  if (!papers) return null;
  const constituencyName = new Map(
    election.rules.recommendation.constituencies.map((c) => [c.id, c.name]),
  );
  const marks = MARKS[round.kind];
  const writeIns = hasWriteInLines(round) ? round.seats : 0;
  const rules = instructions({
    kind: round.kind,
    seats: round.seats,
    amongTied: round.amongTied === true,
    basicallyCounts: election.rules.evaluation.basicallyCounts,
  });
  // A long list (a committee's 差额 candidates and their 另选他人 lines) in smaller rows: one page.
  const compact = candidates.length + writeIns > COMPACT_ROWS ? ' zx-compact' : '';
  return papersSerials(papers).map(({ serial, constituency }) => (
    <section className={`zx-sheet zx-ballot${compact}`} key={serial} data-serial={serial}>
      <div className="zx-serial">
        <small>选票编号</small>
        <b>{serial}</b>
      </div>
      <h1>{PAPER_NAMES[round.kind]}</h1>
      <h2>
        {data.orgName} · {data.title}
        {constituency ? ` · ${constituencyName.get(constituency) ?? constituency}` : ''}
      </h2>
      <div>
        {round.kind === 'recommendation'
          ? `至多推荐 ${round.seats} 名(按姓氏笔画排列)`
          : round.kind === 'evaluation'
            ? `测评对象 ${candidates.length} 名(按姓氏笔画排列)`
            : round.kind === 'recall'
              ? `对 ${candidates.map((c) => c.name).join('、')} 的罢免表决`
              : `应选 ${round.seats} 名,候选人 ${candidates.length} 名(按姓氏笔画排列)`}
      </div>
      <table>
        <thead>
          <tr>
            <th>{SUBJECT[round.kind]}</th>
            {marks.map((mark) => (
              <th key={mark}>{mark}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {candidates.map((candidate) => (
            <tr key={candidate.id}>
              <td className="name">{candidate.name}</td>
              {marks.map((mark) => (
                <td key={mark} className="box" />
              ))}
            </tr>
          ))}
          {Array.from({ length: writeIns }, (_, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: blank lines, alike but for their place
            <tr key={`write-in-${i}`}>
              <td className="name write-in">另选他人:</td>
              <td className="box" colSpan={marks.length} />
            </tr>
          ))}
        </tbody>
      </table>
      <div className="zx-rules">
        <b>填写说明</b>
        <ol>
          {rules.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ol>
      </div>
      <div className="zx-foot">
        <span>{data.orgName}</span>
        <span>
          第 {round.number} 轮 · 编号 {serial}
        </span>
      </div>
    </section>
  ));
}

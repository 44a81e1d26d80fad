import { Alert, Button, Result, Space, Spin, Typography } from 'antd';
import { Link, useParams } from 'react-router';
import { useLoad } from '../../components/use-load.ts';
import { BallotPapers } from './ballot-papers.tsx';
import { loadPrintData } from './print-data.ts';
import { PRINT_CSS } from './print-style.ts';
import { SHEETS, type SheetName } from './sheets.ts';
import { SignInSheet } from './sign-in-sheet.tsx';
import { TallySheet } from './tally-sheet.tsx';

/**
 * A round's print sheets, printed from the browser (A4, no font to ship in a Lambda): the
 * ballot papers (`ballots`), the 签到表 (`sign-in`) and the 计票表 (`tally`). Outside the
 * console's frame so that only the sheets print; the toolbar shows on screen only.
 */

export default function PrintPage() {
  const { id = '', roundId = '', sheet = '' } = useParams();
  const { data, error } = useLoad(() => loadPrintData(id, roundId), `${id}/${roundId}`);
  const known = sheet in SHEETS ? (sheet as SheetName) : undefined;
  if (!known) return <Result status="404" title={`没有“${sheet}”这种打印表`} />;
  if (error && !data) return <Result status="error" title="无法读取本轮投票" subTitle={error} />;
  if (!data) return <Spin style={{ display: 'block', margin: 48 }} />;
  const missingPapers = known === 'ballots' && !data.round.ballotPapers;
  const count = known === 'ballots' ? `共 ${data.round.ballotPapers?.count ?? 0} 张` : '';
  return (
    <div className="zx-print">
      <style>{PRINT_CSS}</style>
      <div className="zx-toolbar">
        <Link to={`/elections/${id}/rounds/${roundId}`}>← 返回本轮</Link>
        <Typography.Text strong>
          {data.title} · {SHEETS[known]} {count}
        </Typography.Text>
        <Space style={{ marginLeft: 'auto' }}>
          {Object.entries(SHEETS)
            .filter(([name]) => name !== known)
            .map(([name, label]) => (
              <Link key={name} to={`/print/elections/${id}/rounds/${roundId}/${name}`}>
                {label}
              </Link>
            ))}
          <Button type="primary" onClick={() => window.print()} disabled={missingPapers}>
            打印
          </Button>
        </Space>
      </div>
      {missingPapers ? (
        <Alert
          style={{ maxWidth: 640, margin: '24px auto' }}
          type="warning"
          showIcon
          title="尚未登记本轮印制的选票张数"
          description="请先在本轮页面“打印选票 / 签到表 / 计票表”中登记张数;登记后每张选票有带校验位的编号。"
        />
      ) : known === 'ballots' ? (
        <BallotPapers data={data} />
      ) : known === 'sign-in' ? (
        <SignInSheet data={data} />
      ) : (
        <TallySheet data={data} />
      )}
    </div>
  );
}

import { Alert, Breadcrumb, Card, Flex, Result, Skeleton, Tabs, Typography } from 'antd';
import { Link, useParams } from 'react-router';
import { call } from '../../api/client.ts';
import { ElectionResult } from '../../components/election-result.tsx';
import { useLoad } from '../../components/use-load.ts';
import { useRoll } from '../../components/use-roll.ts';
import { STAGE_NAMES } from '../../format.ts';
import { CommitmentsPanel } from './commitments-panel.tsx';
import { GoalsPanel } from './goals-panel.tsx';
import { RecallsPanel } from './recalls-panel.tsx';
import { ReportPanel } from './report-panel.tsx';

/**
 * Supervision of one election once it is `completed` (第七条 监督管理): who holds office, the
 * 任职承诺书, term goals and progress, recalls and by-elections, the annual report.
 */
export default function ElectionSupervisionPage() {
  const { id = '' } = useParams();
  const election = useLoad(() => call('GET /v1/elections/{id}', { params: { id } }), id);
  const roll = useRoll(election.data?.orgId);
  if (election.error) {
    return <Result status="error" title="无法读取该选举" subTitle={election.error} />;
  }
  const data = election.data;
  if (!data) return <Skeleton active />;
  const completed = data.stage === 'completed';
  const secretary = data.result?.secretary;
  return (
    <Flex vertical gap="middle">
      <Breadcrumb
        items={[
          { title: <Link to="/elections">选举</Link> },
          { title: <Link to={`/elections/${data.id}`}>{data.id}</Link> },
          { title: '监督管理' },
        ]}
      />
      <Typography.Title level={3} style={{ margin: 0 }}>
        监督管理 · {data.orgId}
      </Typography.Title>
      {!completed && (
        <Alert
          type="info"
          showIcon
          title={`选举尚未完成(当前阶段:${STAGE_NAMES[data.stage]})`}
          description="任职承诺、罢免和补选在选举完成(上级批准选举结果)后进行。"
        />
      )}
      <Card title="选举结果">
        <ElectionResult election={data} />
      </Card>
      <Tabs
        items={[
          {
            key: 'commitments',
            label: '任职承诺书',
            children: (
              <CommitmentsPanel
                electionId={data.id}
                completed={completed}
                holder={secretary ? roll.nameOf(secretary) : undefined}
              />
            ),
          },
          {
            key: 'goals',
            label: '任期目标',
            children: <GoalsPanel orgId={data.orgId} electionId={data.id} />,
          },
          {
            key: 'recalls',
            label: '罢免与补选',
            children: <RecallsPanel election={data} members={roll.members} nameOf={roll.nameOf} />,
          },
          { key: 'report', label: '年度工作报告', children: <ReportPanel orgId={data.orgId} /> },
        ]}
      />
    </Flex>
  );
}

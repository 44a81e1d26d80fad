import { Alert, Button, Card, Result, Space, Spin, Tabs, Tag, Typography } from 'antd';
import { useMemo } from 'react';
import { useNavigate, useParams } from 'react-router';
import { call } from '../../api/client.ts';
import { RefreshButton } from '../../components/refresh-button.tsx';
import { useLoad } from '../../components/use-load.ts';
import { STAGE_NAMES } from '../../format.ts';
import { CountBoardButton } from '../count-board/count-board-button.tsx';
import { AuditTab } from './audit-tab.tsx';
import { CancelElection } from './cancel-election.tsx';
import { CandidatesTab } from './candidates-tab.tsx';
import { type ElectionTabProps, namer } from './election-data.ts';
import { NominationsTab } from './nominations-tab.tsx';
import { OverviewTab } from './overview-tab.tsx';

const TABS = [
  { key: 'overview', label: '概况与日程' },
  { key: 'nominations', label: '提名与资格审查' },
  { key: 'candidates', label: '公示、考察与建议名单' },
  { key: 'audit', label: '审计日志与通知' },
] as const;
type TabKey = (typeof TABS)[number]['key'];

const ENDED_COLOR: Record<string, string> = {
  completed: 'green',
  halted: 'orange',
  cancelled: 'default',
};

/**
 * One election (route `elections/:id/*`): each tab a sub-route (`…/nominations`, `…/audit`) so
 * a link or a reload opens the same tab. The election and the organization's roll (for names)
 * are read once here and handed to the tabs; a tab's action reloads the election.
 */
export default function ElectionPage() {
  const { id = '', '*': rest = '' } = useParams();
  const navigate = useNavigate();
  const tab: TabKey = TABS.find((t) => rest.startsWith(t.key))?.key ?? 'overview';
  const { data, error, loading, reload } = useLoad(async () => {
    const election = await call('GET /v1/elections/{id}', { params: { id } });
    const [org, roll] = await Promise.all([
      call('GET /v1/organizations/{orgId}', { params: { orgId: election.orgId } }).catch(
        () => null,
      ),
      call('GET /v1/organizations/{orgId}/roll', { params: { orgId: election.orgId } })
        .then((answer) => answer.members)
        .catch(() => []),
    ]);
    return { election, orgName: org?.name, roll };
  }, id);
  const nameOf = useMemo(() => namer(data?.roll ?? []), [data?.roll]);

  if (!data) {
    if (loading) return <Spin style={{ display: 'block', margin: 48 }} />;
    return (
      <Result
        status="error"
        title="无法读取这次选举"
        subTitle={error}
        extra={[
          <Button key="retry" type="primary" onClick={reload}>
            重试
          </Button>,
          <Button key="list" onClick={() => navigate('/elections')}>
            回到选举列表
          </Button>,
        ]}
      />
    );
  }
  const { election, orgName, roll } = data;
  const props: ElectionTabProps = { election, roll, nameOf, reload };
  const pane = (key: TabKey) => {
    if (key !== tab) return null;
    if (key === 'nominations') return <NominationsTab {...props} />;
    if (key === 'candidates') return <CandidatesTab {...props} />;
    if (key === 'audit') return <AuditTab {...props} />;
    return <OverviewTab {...props} orgName={orgName} />;
  };
  return (
    <Card
      title={
        <Space wrap>
          <span>{orgName ?? election.orgId}</span>
          <Typography.Text type="secondary" style={{ fontWeight: 400 }}>
            选举 {election.id}
          </Typography.Text>
          <Tag color={ENDED_COLOR[election.stage] ?? 'red'}>{STAGE_NAMES[election.stage]}</Tag>
        </Space>
      }
      extra={
        <Space wrap>
          <RefreshButton load={{ loading, reload }} />
          <CountBoardButton electionId={election.id} />
          <CancelElection election={election} onCancelled={reload} />
        </Space>
      }
    >
      {error && (
        <Alert
          type="warning"
          showIcon
          title={`刷新失败:${error}(显示的是上次读取的内容)`}
          style={{ marginBottom: 16 }}
        />
      )}
      <Tabs
        activeKey={tab}
        onChange={(key) => navigate(`/elections/${encodeURIComponent(id)}/${key}`)}
        items={TABS.map(({ key, label }) => ({ key, label, children: pane(key) }))}
      />
    </Card>
  );
}

import { Breadcrumb, Flex, Tabs, Typography } from 'antd';
import { Link, useParams } from 'react-router';
import { GoalsPanel } from './goals-panel.tsx';
import { ReportPanel } from './report-panel.tsx';

/**
 * An organization's supervision across its elections: its term goals with progress, and the
 * annual work report. Commitments and recalls belong to one election (its supervision page).
 */
export default function OrganizationSupervisionPage() {
  const { orgId = '' } = useParams();
  return (
    <Flex vertical gap="middle">
      <Breadcrumb
        items={[
          { title: <Link to="/organizations">党组织与名册</Link> },
          { title: <Link to={`/organizations/${encodeURIComponent(orgId)}`}>{orgId}</Link> },
          { title: '任期目标与年度报告' },
        ]}
      />
      <Typography.Title level={3} style={{ margin: 0 }}>
        任期目标与年度报告 · {orgId}
      </Typography.Title>
      <Tabs
        items={[
          { key: 'goals', label: '任期目标', children: <GoalsPanel orgId={orgId} /> },
          { key: 'report', label: '年度工作报告', children: <ReportPanel orgId={orgId} /> },
        ]}
      />
    </Flex>
  );
}

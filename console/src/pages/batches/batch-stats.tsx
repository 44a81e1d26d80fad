import { Card, Col, Empty, Progress, Row, Statistic, Table, Typography } from 'antd';
import type { ReactNode } from 'react';
import {
  NOMINATION_KIND_NAMES,
  OFFICE_NAMES,
  percent,
  ROUND_KIND_NAMES,
} from '../../../../shared/notices/words.ts';
import { RULE_NAMES } from '../../../../shared/rules/index.ts';
import type { AnswerOf } from '../../api/routes.ts';

type Stats = AnswerOf<'GET /v1/batches/{id}'>['stats'];
type Kind = keyof typeof NOMINATION_KIND_NAMES;

const KINDS = Object.keys(NOMINATION_KIND_NAMES) as Kind[];

const share = (rate: number | null | undefined) =>
  rate === null || rate === undefined ? '—' : percent(rate);
const age = (value: number | null) => (value === null ? '—' : `${value.toFixed(1)} 岁`);

/** One card of the statistics: half the width on a laptop, the whole on a tablet. */
function Panel(props: { title: string; half?: boolean; children: ReactNode }) {
  return (
    <Col xs={24} lg={props.half ? 12 : 24}>
      <Card title={props.title} size="small">
        {props.children}
      </Card>
    </Col>
  );
}

/**
 * The statistics 第一篇 reports for a batch: how 报名人选 came forward (自荐 / 联名举荐 / 组织
 * 推荐, shares of persons), why nominees failed review, 到会率 at every vote, and the age and
 * education (大专以上) of those elected against the rolls.
 */
export function BatchStats(props: { stats: Stats; orgOf: (electionId: string) => string }) {
  const { stats } = props;
  const failures = Object.entries(stats.eligibilityFailures).map(([rule, n]) => ({
    rule: RULE_NAMES[rule as keyof typeof RULE_NAMES] ?? rule,
    n,
  }));
  const people = [
    { key: 'elected', group: '当选人员', ...stats.elected },
    { key: 'secretaries', group: '其中:书记', ...stats.secretaries },
    { key: 'roll', group: '党员名册(全体)', ...stats.roll },
  ];
  return (
    <Row gutter={[16, 16]}>
      <Panel title="报名人选" half>
        <Statistic title="报名人选(人)" value={stats.nominees.total} />
        {KINDS.map((kind) => (
          <div key={kind} style={{ marginTop: 8 }}>
            <Typography.Text>
              {NOMINATION_KIND_NAMES[kind]}:{stats.nominees[kind]} 人(
              {share(stats.nominees.shares[kind])}),提名 {stats.nominations[kind]} 次
            </Typography.Text>
            <Progress
              percent={Math.round((stats.nominees.shares[kind] ?? 0) * 1000) / 10}
              size="small"
            />
          </div>
        ))}
      </Panel>
      <Panel title="到会与资格审查" half>
        <Statistic title="党员大会平均到会率" value={share(stats.averageElectionTurnout)} />
        <Table
          size="small"
          style={{ marginTop: 12 }}
          rowKey="rule"
          pagination={false}
          dataSource={failures}
          locale={{ emptyText: '资格审查没有未通过的条件' }}
          columns={[
            { title: '未通过的任职条件', dataIndex: 'rule' },
            { title: '人次', dataIndex: 'n', align: 'right', width: 80 },
          ]}
        />
      </Panel>
      <Panel title="年龄与学历">
        <Table
          size="small"
          rowKey="key"
          pagination={false}
          dataSource={people}
          scroll={{ x: 480 }}
          columns={[
            { title: '', dataIndex: 'group' },
            { title: '人数', dataIndex: 'count', align: 'right' },
            { title: '平均年龄', dataIndex: 'averageAge', align: 'right', render: age },
            { title: '大专以上', dataIndex: 'collegeShare', align: 'right', render: share },
          ]}
        />
      </Panel>
      <Panel title="各次会议到会率">
        <Table
          size="small"
          rowKey="roundId"
          dataSource={stats.turnout}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          scroll={{ x: 720 }}
          locale={{ emptyText: <Empty description="还没有召开的会议" /> }}
          columns={[
            { title: '党组织', dataIndex: 'electionId', render: props.orgOf },
            {
              title: '会议',
              key: 'round',
              render: (_, t) =>
                `${OFFICE_NAMES[t.office]}${ROUND_KIND_NAMES[t.kind]} 第 ${t.number} 轮`,
            },
            { title: '应到', dataIndex: 'expected', align: 'right' },
            { title: '实到', dataIndex: 'present', align: 'right' },
            { title: '收回选票', dataIndex: 'returned', align: 'right' },
            { title: '到会率', dataIndex: 'rate', align: 'right', render: share },
          ]}
        />
      </Panel>
    </Row>
  );
}

import {
  Breadcrumb,
  Card,
  Descriptions,
  Flex,
  Progress,
  Result,
  Skeleton,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useEffect, useRef } from 'react';
import { Link, useParams } from 'react-router';
import { call } from '../../api/client.ts';
import type { AnswerOf } from '../../api/routes.ts';
import { RefreshButton } from '../../components/refresh-button.tsx';
import { useLoad } from '../../components/use-load.ts';
import { useOrganizations } from '../../components/use-organizations.ts';
import { usePoll } from '../../components/use-poll.ts';
import { STAGE_NAMES, when } from '../../format.ts';
import { BatchStats } from './batch-stats.tsx';
import { FOLLOW_SECONDS, ImportCard } from './import-card.tsx';
import { presetLabel } from './words.ts';

type Batch = AnswerOf<'GET /v1/batches/{id}'>;
type Entry = Batch['elections'][number];

const stageColor = (stage: Entry['stage']) =>
  stage === 'completed'
    ? 'green'
    : stage === 'halted'
      ? 'red'
      : stage === 'cancelled'
        ? 'default'
        : 'blue';

/**
 * One batch: how far each of its elections has come, and the statistics of 第一篇. A batch from
 * a file shows its import first, read again every few seconds while it runs; its elections
 * once the whole file is in.
 */
export default function BatchPage() {
  const { batchId = '' } = useParams();
  const orgs = useOrganizations();
  const batch = useLoad(() => call('GET /v1/batches/{id}', { params: { id: batchId } }), batchId);
  const importing =
    batch.data?.import?.status === 'checking' || batch.data?.import?.status === 'writing';
  usePoll(batch.reload, FOLLOW_SECONDS * 1000, importing);
  // The file's organizations are new to the list read at first: their names, once written.
  const followed = useRef(false);
  const reloadOrgs = orgs.reload;
  useEffect(() => {
    if (importing) followed.current = true;
    else if (followed.current) {
      followed.current = false;
      void reloadOrgs();
    }
  }, [importing, reloadOrgs]);
  if (batch.error && !batch.data) {
    return <Result status="error" title="无法读取该批量选举" subTitle={batch.error} />;
  }
  const data = batch.data;
  if (!data) return <Skeleton active />;
  // A file not all in: its organizations are being written, their elections not made yet.
  const imported = data.import === undefined || data.import.status === 'done';
  const byStage = new Map<string, number>();
  for (const e of data.elections) {
    const key = e.stage ?? 'starting';
    byStage.set(key, (byStage.get(key) ?? 0) + 1);
  }
  const done = byStage.get('completed') ?? 0;
  const orgOfElection = new Map(data.elections.map((e) => [e.electionId, orgs.nameOf(e.orgId)]));
  return (
    <Flex vertical gap="middle">
      <Breadcrumb items={[{ title: <Link to="/batches">批量选举</Link> }, { title: data.id }]} />
      <Card title={`批量选举 ${data.id}`} extra={<RefreshButton load={batch} />}>
        <Descriptions size="small" column={{ xs: 1, md: 3 }}>
          <Descriptions.Item label="选举方式">{presetLabel(data.preset)}</Descriptions.Item>
          <Descriptions.Item label="党组织数">
            {imported ? data.elections.length : (data.import?.organizations ?? '检查中')}
          </Descriptions.Item>
          <Descriptions.Item label="创建时间">{when(data.createdAt)}</Descriptions.Item>
        </Descriptions>
        {imported && (
          <>
            <Typography.Text>
              已完成 {done} / {data.elections.length}
            </Typography.Text>
            <Progress
              percent={data.elections.length ? Math.round((done / data.elections.length) * 100) : 0}
            />
            <Flex gap={4} wrap style={{ marginTop: 8 }}>
              {[...byStage.entries()].map(([stage, n]) => (
                <Tag key={stage} color={stageColor(stage as Entry['stage'])}>
                  {stage === 'starting' ? '启动中' : STAGE_NAMES[stage as keyof typeof STAGE_NAMES]}
                  :{n}
                </Tag>
              ))}
            </Flex>
          </>
        )}
      </Card>
      {data.import && <ImportCard state={data.import} following={importing} />}
      {imported && (
        <>
          <Card title="各党组织进度" size="small">
            <Table<Entry>
              size="small"
              rowKey="electionId"
              dataSource={data.elections}
              pagination={{ pageSize: 20, hideOnSinglePage: true }}
              scroll={{ x: 640 }}
              columns={[
                {
                  title: '党组织',
                  dataIndex: 'orgId',
                  render: (orgId: string) => `${orgs.nameOf(orgId)}(${orgId})`,
                },
                {
                  title: '当前阶段',
                  key: 'stage',
                  render: (_, e) => (
                    <Flex vertical gap={2} align="start">
                      <Tag color={stageColor(e.stage)}>
                        {e.stage ? STAGE_NAMES[e.stage] : '启动中'}
                      </Tag>
                      {e.haltReason && (
                        <Typography.Text type="danger">{e.haltReason}</Typography.Text>
                      )}
                    </Flex>
                  ),
                },
                {
                  title: '',
                  key: 'link',
                  width: 100,
                  render: (_, e) => <Link to={`/elections/${e.electionId}`}>查看选举</Link>,
                },
              ]}
            />
          </Card>
          <Typography.Title level={4} style={{ margin: 0 }}>
            统计(第一篇口径)
          </Typography.Title>
          <BatchStats stats={data.stats} orgOf={(id) => orgOfElection.get(id) ?? id} />
        </>
      )}
    </Flex>
  );
}

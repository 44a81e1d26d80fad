import { PlusOutlined } from '@ant-design/icons';
import { Button, Empty, Flex, Select, Space, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useNavigate, useSearchParams } from 'react-router';
import { STAGE_NAMES } from '../../../../shared/notices/stage-names.ts';
import { call } from '../../api/client.ts';
import type { AnswerOf } from '../../api/routes.ts';
import { PagedTable, RowLink, TwoLines, useCursorPages } from '../../components/cursor-pages.tsx';
import { RefreshButton } from '../../components/refresh-button.tsx';
import { useLoad } from '../../components/use-load.ts';
import { PRESET_NAMES, relativeDay, shanghaiTime, TASK_NAMES, WHO_NAMES } from './words.ts';

type Summary = AnswerOf<'GET /v1/elections'>['items'][number];

type Stage = Summary['stage'];

// The stages as the list's filter offers them; zod's enum stays out of the first screen.
const STAGE_OPTIONS = Object.entries(STAGE_NAMES).map(([value, label]) => ({ value, label }));
const isStage = (text: string | null): text is Stage => text !== null && text in STAGE_NAMES;

const stageColor = (stage: Stage): string =>
  stage === 'completed'
    ? 'success'
    : stage === 'halted'
      ? 'error'
      : stage === 'cancelled'
        ? 'default'
        : stage.endsWith('approval')
          ? 'gold'
          : 'processing';

const COLUMNS: ColumnsType<Summary> = [
  {
    title: '党组织',
    key: 'org',
    render: (_, e) => (
      <TwoLines under={e.orgId}>
        <RowLink to={`/elections/${encodeURIComponent(e.id)}`}>
          <Typography.Text strong>{e.orgName ?? e.orgId}</Typography.Text>
        </RowLink>
      </TwoLines>
    ),
  },
  { title: '方案', key: 'preset', render: (_, e) => PRESET_NAMES[e.preset] },
  {
    title: '当前阶段',
    key: 'stage',
    render: (_, e) => <Tag color={stageColor(e.stage)}>{STAGE_NAMES[e.stage]}</Tag>,
  },
  {
    title: '本阶段截止',
    key: 'deadline',
    render: (_, e) => {
      if (!e.nextDeadline) return <Typography.Text type="secondary">—</Typography.Text>;
      const passed = Date.parse(e.nextDeadline.at) <= Date.now();
      return (
        <TwoLines
          under={
            passed ? `已过截止(${relativeDay(e.nextDeadline.at)})` : relativeDay(e.nextDeadline.at)
          }
          underType={passed ? 'danger' : 'secondary'}
        >
          <span>{shanghaiTime(e.nextDeadline.at)}</span>
        </TwoLines>
      );
    },
  },
  {
    title: '等待',
    key: 'awaiting',
    render: (_, e) => {
      if (!e.awaiting) return <Typography.Text type="secondary">—</Typography.Text>;
      const { who, task, stage, since } = e.awaiting;
      const what =
        task === 'approval' ? `${STAGE_NAMES[stage]}:等待审批` : (TASK_NAMES[task] ?? task);
      return (
        <TwoLines under={`自 ${shanghaiTime(since)}(${relativeDay(since)})`}>
          <span>
            <Tag color={who === 'superior' ? 'gold' : 'blue'}>{WHO_NAMES[who] ?? who}</Tag>
            {what}
          </span>
        </TwoLines>
      );
    },
  },
  { title: '开始时间', key: 'startsAt', render: (_, e) => shanghaiTime(e.startsAt) },
];

const PANEL = { background: '#fff', borderRadius: 8, padding: 24 } as const;

/** The console's first screen: every election the organizer may act on, what each waits for. */
export default function ElectionsPage() {
  const navigate = useNavigate();
  const [search, setSearch] = useSearchParams();
  const orgId = search.get('orgId') ?? undefined;
  const stageParam = search.get('stage');
  const stage = isStage(stageParam) ? stageParam : undefined;
  const list = useCursorPages(
    (cursor) => call('GET /v1/elections', { query: { orgId, stage, limit: 20, cursor } }),
    `${orgId}|${stage}`,
  );
  const orgs = useLoad(() => call('GET /v1/organizations', { query: { limit: 100 } }), 'orgs');
  const filter = (name: 'orgId' | 'stage', value: string | undefined) => {
    const next = new URLSearchParams(search);
    if (value) next.set(name, value);
    else next.delete(name);
    setSearch(next, { replace: true });
  };
  const filtered = orgId !== undefined || stage !== undefined;

  return (
    // A plain panel, not a Card (whose tabs would weigh on the first screen's bundle).
    <section style={PANEL}>
      <Flex justify="space-between" align="center" wrap gap={8} style={{ marginBottom: 16 }}>
        <Typography.Title level={5} style={{ margin: 0 }}>
          选举
        </Typography.Title>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/elections/new')}>
          新建选举
        </Button>
      </Flex>
      <Space wrap style={{ marginBottom: 16 }}>
        <Select
          aria-label="按党组织筛选"
          placeholder="全部党组织"
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          style={{ minWidth: 220 }}
          loading={orgs.loading}
          value={orgId}
          onChange={(value?: string) => filter('orgId', value)}
          options={(orgs.data?.items ?? []).map((o) => ({ value: o.id, label: o.name }))}
        />
        <Select
          aria-label="按阶段筛选"
          placeholder="全部阶段"
          allowClear
          style={{ minWidth: 200 }}
          value={stage}
          onChange={(value?: string) => filter('stage', value)}
          options={STAGE_OPTIONS}
        />
        <RefreshButton load={list} />
      </Space>
      <PagedTable<Summary>
        list={list}
        what="选举列表"
        columns={COLUMNS}
        onOpen={(e) => navigate(`/elections/${encodeURIComponent(e.id)}`)}
        empty={
          <Empty
            description={
              filtered ? '没有符合筛选条件的选举' : '还没有选举:点击“新建选举”,选择党组织和方案'
            }
          >
            {!filtered && (
              <Button type="primary" onClick={() => navigate('/elections/new')}>
                新建选举
              </Button>
            )}
          </Empty>
        }
      />
    </section>
  );
}

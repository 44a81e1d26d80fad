import { ClockCircleOutlined, EditOutlined } from '@ant-design/icons';
import {
  Alert,
  Button,
  Card,
  Descriptions,
  Empty,
  List,
  Space,
  Steps,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import {
  APPROVAL_KIND_NAMES,
  CANDIDATE_STATUS_NAMES,
  ROUND_STATUS_NAMES,
} from '../../../../shared/notices/labels.ts';
import { dialogEnds } from '../../components/dialog-ends.ts';
import { ElectionResult } from '../../components/election-result.tsx';
import { OFFICE_NAMES, ROUND_KIND_NAMES, STAGE_NAMES, when } from '../../format.ts';
import { PRESET_NAMES, TASK_NAMES, WHO_NAMES } from '../elections/words.ts';
import { DeadlineForm } from './deadline-form.tsx';
import type { Election, ElectionTabProps } from './election-data.ts';
import { ListTable } from './parts.tsx';
import { ResumeForm } from './resume-form.tsx';

type Stage = keyof Election['calendar'];

/** The stages the election runs, each with its from/until, and which is the current one. */
const timeline = (election: Election) => {
  const stages = election.rules.stages;
  const current = stages.indexOf(election.stage as Stage);
  const ended = election.stage === 'completed';
  return { stages, current: ended ? stages.length : current };
};

/**
 * The election at a glance: who, which rules, how many seats, where it stands; the calendar of
 * its stages with the current one marked and each deadline movable; what the workflow waits
 * for and since when; a halt with its reason and the way back; candidates, rounds, result.
 */
export function OverviewTab({
  election,
  nameOf,
  reload,
  orgName,
}: ElectionTabProps & { orgName: string | undefined }) {
  const [moving, setMoving] = useState<Stage | null>(null);
  const [resuming, setResuming] = useState(false);
  const { stages, current } = timeline(election);
  const awaiting = election.awaiting;
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      {election.stage === 'halted' && (
        <Alert
          type="error"
          showIcon
          title="选举已暂停"
          description={`暂停原因:${election.haltReason ?? '(未记录)'}`}
          action={
            <Button type="primary" onClick={() => setResuming(true)}>
              恢复
            </Button>
          }
        />
      )}
      {election.cancellation && (
        <Alert
          type="warning"
          showIcon
          title="选举已撤销"
          description={`撤销原因:${election.cancellation.reason}(${election.cancellation.by} 于 ${when(election.cancellation.at)} 撤销,当时处于${STAGE_NAMES[election.cancellation.stage]}阶段)`}
        />
      )}
      {awaiting && (
        <Alert
          type="info"
          showIcon
          icon={<ClockCircleOutlined />}
          title={`流程正在等待:${TASK_NAMES[awaiting.task] ?? awaiting.task}${
            awaiting.approvalKind
              ? `(${APPROVAL_KIND_NAMES[awaiting.approvalKind as keyof typeof APPROVAL_KIND_NAMES] ?? awaiting.approvalKind})`
              : ''
          }`}
          description={`由${WHO_NAMES[awaiting.who] ?? awaiting.who}办理;自 ${when(awaiting.since)} 起等待(${STAGE_NAMES[awaiting.stage]}阶段)。`}
        />
      )}
      <Descriptions bordered size="small" column={{ xs: 1, sm: 1, md: 2, lg: 2, xl: 3 }}>
        <Descriptions.Item label="党组织">{orgName ?? election.orgId}</Descriptions.Item>
        <Descriptions.Item label="选举方式">{PRESET_NAMES[election.preset]}</Descriptions.Item>
        <Descriptions.Item label="当前阶段">{STAGE_NAMES[election.stage]}</Descriptions.Item>
        <Descriptions.Item label="名额">
          书记 {election.seats.secretary} 名 · 副书记 {election.seats.deputies} 名 · 委员{' '}
          {election.seats.members} 名
        </Descriptions.Item>
        <Descriptions.Item label="开始时间">{when(election.startsAt)}</Descriptions.Item>
        <Descriptions.Item label="创建时间">{when(election.createdAt)}</Descriptions.Item>
      </Descriptions>

      <Card size="small" title="日程(北京时间)">
        <Steps
          direction="vertical"
          size="small"
          current={current}
          status={election.stage === 'halted' ? 'error' : undefined}
          items={stages.map((stage, index) => {
            const entry = election.calendar[stage];
            const movable =
              !['completed', 'cancelled'].includes(election.stage) && index >= current;
            return {
              title: STAGE_NAMES[stage],
              content: (
                <Space wrap size="small">
                  <span>{entry ? `${when(entry.from)} 至 ${when(entry.until)}` : '(未排期)'}</span>
                  {index === current && <Tag color="red">进行中</Tag>}
                  {entry && movable && (
                    <Button
                      size="small"
                      type="link"
                      icon={<EditOutlined />}
                      onClick={() => setMoving(stage)}
                      aria-label={`调整${STAGE_NAMES[stage]}截止时间`}
                    >
                      调整截止时间
                    </Button>
                  )}
                </Space>
              ),
            };
          })}
        />
      </Card>

      <Card size="small" title="候选人">
        <ListTable
          rowKey={(c) => `${c.office}:${c.memberId}`}
          dataSource={election.candidates}
          pageSize={50}
          empty="还没有候选人:报名开始后在“提名与资格审查”中录入"
          columns={[
            { title: '姓名', dataIndex: 'memberId', render: (id: string) => nameOf(id) },
            {
              title: '职务',
              dataIndex: 'office',
              render: (o: keyof typeof OFFICE_NAMES) => OFFICE_NAMES[o],
            },
            {
              title: '状态',
              dataIndex: 'status',
              render: (s: keyof typeof CANDIDATE_STATUS_NAMES) => (
                <Tag>{CANDIDATE_STATUS_NAMES[s] ?? s}</Tag>
              ),
            },
          ]}
        />
      </Card>

      <Card size="small" title="投票轮次">
        {election.rounds.length === 0 ? (
          <Empty description="还没有投票轮次:大会阶段开始后自动开设" />
        ) : (
          <List
            size="small"
            dataSource={election.rounds}
            renderItem={(round) => (
              <List.Item>
                <Link
                  to={`/elections/${encodeURIComponent(election.id)}/rounds/${encodeURIComponent(round.id)}`}
                >
                  {OFFICE_NAMES[round.office]}
                  {ROUND_KIND_NAMES[round.kind]} 第 {round.number} 轮
                </Link>
                <Tag>{ROUND_STATUS_NAMES[round.status]}</Tag>
              </List.Item>
            )}
          />
        )}
      </Card>

      {election.pendingApprovals.length > 0 && (
        <Card size="small" title="待上级审批">
          <List
            size="small"
            dataSource={election.pendingApprovals}
            renderItem={(approval) => (
              <List.Item>{APPROVAL_KIND_NAMES[approval.kind] ?? approval.kind}</List.Item>
            )}
          />
        </Card>
      )}

      <Card size="small" title="选举结果">
        <ElectionResult election={election} />
      </Card>
      <Typography.Text type="secondary">日期和时间均为北京时间。</Typography.Text>

      <DeadlineForm
        election={election}
        stage={moving}
        {...dialogEnds(() => setMoving(null), reload)}
      />
      <ResumeForm
        election={election}
        open={resuming}
        {...dialogEnds(() => setResuming(false), reload)}
      />
    </Space>
  );
}

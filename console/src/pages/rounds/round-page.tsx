import {
  Alert,
  App,
  Breadcrumb,
  Button,
  Card,
  Descriptions,
  Result,
  Space,
  Spin,
  Steps,
  Tag,
  Typography,
} from 'antd';
import { useMemo } from 'react';
import { Link, useParams } from 'react-router';
import { countHeading, nameLookup } from '../../../../shared/notices/count-reading.ts';
import { call } from '../../api/client.ts';
import { useLoad } from '../../components/use-load.ts';
import { OFFICE_NAMES, ROUND_KIND_NAMES, when } from '../../format.ts';
import { PrintMenu } from '../print/print-menu.tsx';
import { AttendanceCard } from './attendance-card.tsx';
import { BallotEntry } from './ballot-entry.tsx';
import { useBallotQueue } from './ballot-queue.ts';
import { DecisionCard } from './decision-card.tsx';
import { DoubleEntryCard } from './double-entry-card.tsx';
import { TallyCard } from './tally-card.tsx';

/**
 * One round of an assembly (公开推荐大会 / 党员大会): which vote it is and what is left to do,
 * then in order the attendance and staff, ballot entry at the table, the scrutineer's close, the
 * count, and the organizers' decision when the re-votes did not settle it.
 */

const STATUS: Record<string, { color: string; text: string }> = {
  open: { color: 'processing', text: '进行中' },
  closed: { color: 'success', text: '已计票' },
  void: { color: 'error', text: '本轮无效' },
  'no-quorum': { color: 'error', text: '人数不足' },
};

const DECISIONS: Record<string, string> = {
  select: '确定人选',
  revote: '再次投票',
  'reduce-seats': '减少名额',
};

const load = async (id: string, roundId: string) => {
  const [election, round] = await Promise.all([
    call('GET /v1/elections/{id}', { params: { id } }),
    call('GET /v1/elections/{id}/rounds/{roundId}', { params: { id, roundId } }),
  ]);
  // Names only (a teller may not read the roll's personal data).
  const roll = await call('GET /v1/elections/{id}/rounds/{roundId}/voters', {
    params: { id, roundId },
  });
  return { election, round, roll };
};

export default function RoundPage() {
  const { id = '', roundId = '' } = useParams();
  const { data, error, loading, reload } = useLoad(() => load(id, roundId), `${id}/${roundId}`);
  const queue = useBallotQueue(id, roundId);
  const { modal, message } = App.useApp();
  const members = data?.roll.members;
  const nameOf = useMemo(() => nameLookup(members ?? []), [members]);

  if (error && !data) {
    return <Result status="error" title="无法读取本轮投票" subTitle={error} />;
  }
  if (!data) return <Spin style={{ display: 'block', margin: 48 }} />;

  const { election, round } = data;
  const people = (members ?? []).map((m) => ({ id: m.id, name: m.name }));
  const open = round.status === 'open';
  const step = !round.attendance ? 0 : open ? 1 : 3;
  const waiting = queue.entries.filter((e) => e.state === 'queued' || e.state === 'sending');
  const nextRound = election.rounds.find(
    (r) => r.status === 'open' && r.office === round.office && r.id !== round.id,
  );

  const todo = !round.attendance
    ? '先登记到会情况和唱票人、监票人、计票人,然后录入选票。'
    : open
      ? '录入全部选票后,由监票人核对张数并结束计票。'
      : round.tally?.next === 'organizer-decision' && !round.decision
        ? '须由领导小组作出决定(见下方)。'
        : nextRound
          ? `本轮已结束,下一轮(第${nextRound.number}轮)已开启。`
          : '本轮已结束。';

  const close = async () => {
    try {
      const { serials } = await call('GET /v1/elections/{id}/rounds/{roundId}/serials', {
        params: { id, roundId },
      });
      const issued = round.attendance?.ballotsIssued ?? 0;
      modal.confirm({
        title: '结束计票?',
        okText: '结束计票',
        cancelText: '继续录入',
        content: (
          <Space direction="vertical">
            <Typography.Text>
              发出选票 <b>{issued}</b> 张,已录入 <b>{serials.length}</b> 张。
            </Typography.Text>
            {serials.length > issued && (
              <Alert type="error" showIcon title="收回多于发出:本轮将无效,须重新投票" />
            )}
            {serials.length < issued && (
              <Typography.Text type="secondary">
                尚有 {issued - serials.length} 张未录入(未收回的选票不计)。
              </Typography.Text>
            )}
            <Typography.Text type="secondary">结束后不能再录入选票。</Typography.Text>
          </Space>
        ),
        onOk: async () => {
          try {
            await call('POST /v1/elections/{id}/rounds/{roundId}/close', {
              params: { id, roundId },
            });
            message.success('计票结束');
            if (queue.entries.every((e) => e.state !== 'queued' && e.state !== 'sending')) {
              queue.forget();
            }
            await reload();
          } catch (failure) {
            message.error(failure instanceof Error ? failure.message : String(failure));
          }
        },
      });
    } catch (failure) {
      message.error(failure instanceof Error ? failure.message : String(failure));
    }
  };

  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Breadcrumb
        items={[
          { title: <Link to="/elections">选举</Link> },
          { title: <Link to={`/elections/${id}`}>{election.orgId}</Link> },
          { title: `第${round.number}轮` },
        ]}
      />
      <Card>
        <Space direction="vertical" style={{ width: '100%' }}>
          <Space wrap align="center">
            <Typography.Title level={3} style={{ margin: 0 }}>
              {countHeading(round)}
            </Typography.Title>
            <Tag color={STATUS[round.status]?.color}>{STATUS[round.status]?.text}</Tag>
          </Space>
          <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 4 }}>
            <Descriptions.Item label="类别">{ROUND_KIND_NAMES[round.kind]}</Descriptions.Item>
            <Descriptions.Item label="职务">{OFFICE_NAMES[round.office]}</Descriptions.Item>
            <Descriptions.Item label="应选">{round.seats} 名</Descriptions.Item>
            <Descriptions.Item label="开始">{when(round.openedAt)}</Descriptions.Item>
            <Descriptions.Item label="候选人" span={4}>
              {round.candidates.map((c, i) => (
                <Tag key={c}>
                  {i + 1}. {nameOf(c)}
                </Tag>
              ))}
              {round.amongTied && <Tag color="orange">在票数相等者中重新投票</Tag>}
            </Descriptions.Item>
          </Descriptions>
          <Steps
            size="small"
            current={step}
            items={[
              { title: '到会与工作人员' },
              { title: '录入选票' },
              { title: '监票人结束计票' },
              { title: '计票结果' },
            ]}
          />
          <Alert type="info" showIcon title={`下一步:${todo}`} />
          {nextRound && (
            <Link to={`/elections/${id}/rounds/${nextRound.id}`}>前往第{nextRound.number}轮 →</Link>
          )}
        </Space>
      </Card>

      <PrintMenu
        electionId={id}
        round={round}
        constituencies={election.rules.recommendation.constituencies}
        onDone={reload}
      />
      {open || round.attendance ? (
        <AttendanceCard
          electionId={id}
          round={round}
          constituencies={election.rules.recommendation.constituencies}
          people={people}
          nameOf={nameOf}
          onDone={reload}
        />
      ) : null}

      {open && round.attendance && (
        <>
          <BallotEntry
            round={round}
            nameOf={nameOf}
            writeInChoices={people.filter((m) => !round.candidates.includes(m.id))}
            basicallyCounts={election.rules.evaluation.basicallyCounts}
            queue={queue}
          />
          <Card title="结束计票(监票人)">
            <Space wrap>
              <Button
                type="primary"
                danger
                onClick={close}
                disabled={waiting.length > 0}
                aria-label="结束计票"
              >
                结束计票
              </Button>
              <Typography.Text type="secondary">
                {waiting.length > 0
                  ? `本机还有 ${waiting.length} 张选票待发送,发送后才能结束`
                  : '监票人核对发出与录入的张数后结束;结束后公布计票结果'}
              </Typography.Text>
            </Space>
          </Card>
        </>
      )}

      {round.attendance && (election.rules.doubleEntry ?? []).includes(round.kind) && (
        <DoubleEntryCard electionId={id} round={round} nameOf={nameOf} />
      )}

      {round.tally && (
        <TallyCard
          round={{ ...round, tally: round.tally }}
          rules={election.rules}
          nameOf={nameOf}
        />
      )}

      {round.tally?.next === 'organizer-decision' && !round.decision && (
        <DecisionCard
          electionId={id}
          roundId={roundId}
          choosable={round.tally.tied?.length ? round.tally.tied : round.candidates}
          seats={round.seats}
          nameOf={nameOf}
          onDone={reload}
        />
      )}
      {round.decision && (
        <Card title="领导小组决定">
          <Descriptions size="small" column={1}>
            <Descriptions.Item label="决定">
              {DECISIONS[round.decision.choice] ?? round.decision.choice}
            </Descriptions.Item>
            {round.decision.memberIds && (
              <Descriptions.Item label="人选">
                {round.decision.memberIds.map(nameOf).join('、')}
              </Descriptions.Item>
            )}
            {round.decision.seats !== undefined && (
              <Descriptions.Item label="名额">{round.decision.seats} 名</Descriptions.Item>
            )}
            <Descriptions.Item label="理由">{round.decision.reason}</Descriptions.Item>
            <Descriptions.Item label="时间">{when(round.decision.at)}</Descriptions.Item>
          </Descriptions>
        </Card>
      )}
      {loading && <Spin />}
    </Space>
  );
}

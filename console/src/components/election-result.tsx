import { Alert, Empty, Skeleton, Table, Tag, Typography } from 'antd';
import { call } from '../api/client.ts';
import type { AnswerOf } from '../api/routes.ts';
import { OFFICE_NAMES, percent, STAGE_NAMES } from '../format.ts';
import { useLoad } from './use-load.ts';
import { useRoll } from './use-roll.ts';

type Election = AnswerOf<'GET /v1/elections/{id}'>;
type Round = AnswerOf<'GET /v1/elections/{id}/rounds/{roundId}'>;
type Office = keyof typeof OFFICE_NAMES;

interface Row {
  key: string;
  office: Office;
  memberId: string;
  votes?: number;
  present?: number;
  round?: Round;
}

/** The last closed election round of an office that elected this person: where their votes are. */
const roundOf = (rounds: readonly Round[], office: Office, memberId: string) =>
  rounds
    .filter(
      (r) => r.kind === 'election' && r.office === office && r.tally?.elected.includes(memberId),
    )
    .at(-1);

/**
 * Who was elected and with how many votes (赞成票, and their share of those present): the
 * election's `result` — who holds office now, after any recall or by-election — with each
 * person's count read from the round that elected them. Embedded by the election's page.
 */
export function ElectionResult(props: { election: Election }) {
  const { election } = props;
  const roll = useRoll(election.orgId);
  const closed = election.rounds.filter((r) => r.kind === 'election' && r.status === 'closed');
  const rounds = useLoad(
    () =>
      Promise.all(
        closed.map((r) =>
          call('GET /v1/elections/{id}/rounds/{roundId}', {
            params: { id: election.id, roundId: r.id },
          }),
        ),
      ),
    `${election.id}:${closed.map((r) => r.id).join(',')}`,
  );
  const result = election.result;
  if (!result) {
    return (
      <Empty
        description={`尚未产生选举结果(当前阶段:${STAGE_NAMES[election.stage]})。党员大会计票后,结果在此显示。`}
      />
    );
  }
  if (rounds.loading && !rounds.data) return <Skeleton active />;
  const held: [Office, string][] = [
    ...(result.secretary ? [['secretary', result.secretary] as [Office, string]] : []),
    ...result.deputies.map((id) => ['deputy', id] as [Office, string]),
    ...result.members.map((id) => ['member', id] as [Office, string]),
  ];
  const rows: Row[] = held.map(([office, memberId]) => {
    const round = roundOf(rounds.data ?? [], office, memberId);
    return {
      key: `${office}:${memberId}`,
      office,
      memberId,
      votes: round?.tally?.counts[memberId],
      present: round?.attendance?.present,
      round,
    };
  });
  return (
    <>
      {(rounds.error || roll.error) && (
        <Alert
          type="warning"
          showIcon
          title={`部分信息未能读取:${rounds.error ?? roll.error}`}
          style={{ marginBottom: 12 }}
        />
      )}
      {result.secretary === null && (
        <Alert
          type="info"
          showIcon
          title="书记职位空缺(已被罢免),新的选举已开始"
          style={{ marginBottom: 12 }}
        />
      )}
      <Table<Row>
        size="small"
        pagination={false}
        rowKey="key"
        dataSource={rows}
        scroll={{ x: 560 }}
        locale={{ emptyText: '没有在任人员' }}
        columns={[
          {
            title: '职务',
            dataIndex: 'office',
            width: 90,
            render: (office: Office) => <Tag color="red">{OFFICE_NAMES[office]}</Tag>,
          },
          {
            title: '姓名',
            dataIndex: 'memberId',
            render: (id: string) => (
              <span>
                {roll.nameOf(id)}{' '}
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {id}
                </Typography.Text>
              </span>
            ),
          },
          {
            title: '赞成票',
            dataIndex: 'votes',
            width: 90,
            align: 'right',
            render: (votes?: number) => votes ?? '—',
          },
          {
            title: '占实到会人数',
            key: 'share',
            width: 130,
            align: 'right',
            render: (_, row) =>
              row.votes !== undefined && row.present ? percent(row.votes / row.present) : '—',
          },
          {
            title: '当选轮次',
            key: 'round',
            width: 120,
            render: (_, row) =>
              row.round ? (
                `第 ${row.round.number} 轮`
              ) : (
                <Typography.Text type="secondary">补选或无记录</Typography.Text>
              ),
          },
        ]}
      />
    </>
  );
}

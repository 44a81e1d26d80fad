import { Alert, Card, Space, Table, Tag, Typography } from 'antd';
import {
  ballotsLine,
  type CountedRound,
  type CountRow,
  type CountRules,
  countOutcome,
  countRows,
} from '../../../../shared/notices/count-reading.ts';

/** A name on the count, marked 另选 when the voters wrote it in. */
export function CandidateName(props: { name: string; writeIn?: boolean }) {
  return (
    <span>
      {props.name}
      {props.writeIn && <Tag style={{ marginLeft: 6 }}>另选</Tag>}
    </span>
  );
}

/**
 * The count of a closed round as a 计票 table: the ballots, what the percentages are of, each
 * candidate with votes, percentage and mark (当选 / 票数相等 / 未过半数), and the outcome with
 * the next step — the same words the demo reads out (shared/notices/count-reading.ts).
 */
export function TallyCard(props: {
  round: CountedRound;
  rules: CountRules;
  nameOf: (id: string) => string;
}) {
  const { round, rules, nameOf } = props;
  const counted = round.tally.status === 'valid';
  const { basis, rows } = countRows(round, rules, nameOf);
  const { result, next } = countOutcome(round, nameOf);
  const settled = round.tally.next === 'advance';
  return (
    <Card title="计票结果" aria-label="计票结果">
      <Space direction="vertical" style={{ width: '100%' }}>
        <Typography.Text>{ballotsLine(round)}</Typography.Text>
        {counted && <Typography.Text type="secondary">{basis}</Typography.Text>}
        {counted && (
          <Table<CountRow>
            size="middle"
            rowKey="id"
            pagination={false}
            scroll={{ x: 'max-content' }}
            dataSource={rows}
            columns={[
              { title: '序', render: (_, __, index) => index + 1, width: 48 },
              {
                title: '姓名',
                render: (_, row) => <CandidateName {...row} />,
              },
              { title: '得票', dataIndex: 'votes', align: 'right' },
              { title: '得票率', dataIndex: 'shown', align: 'right' },
              {
                title: '结果',
                render: (_, row) =>
                  row.mark ? (
                    <Tag color={row.goesOn ? 'red' : row.tied ? 'orange' : 'default'}>
                      {row.mark}
                    </Tag>
                  ) : null,
              },
            ]}
          />
        )}
        <Alert
          type={settled ? 'success' : 'warning'}
          showIcon
          title={`结果:${result}`}
          description={`下一步:${next}`}
        />
      </Space>
    </Card>
  );
}

import { UserDeleteOutlined } from '@ant-design/icons';
import { Button, Card, Flex, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { call } from '../../api/client.ts';
import type { AnswerOf } from '../../api/routes.ts';
import { dialogEnds } from '../../components/dialog-ends.ts';
import { LoadedTable } from '../../components/loaded-table.tsx';
import { useLoad } from '../../components/use-load.ts';
import { OFFICE_NAMES, when } from '../../format.ts';
import { ByElectionForm } from './by-election-form.tsx';
import { BY_ELECTION_STATE, RECALL_STATE } from './labels.ts';
import { RecallForm } from './recall-form.tsx';
import { ReminderButton } from './reminder-button.tsx';
import { useReminder } from './use-reminder.ts';

type Election = AnswerOf<'GET /v1/elections/{id}'>;
type Recall = AnswerOf<'GET /v1/elections/{id}/recalls'>[number];

/** A recalled member's seat waits for a by-election until one runs (or failed and may run again). */
const seatVacant = (recall: Recall) =>
  recall.status === 'recalled' &&
  recall.office !== 'secretary' &&
  (!recall.byElection || ['rejected', 'failed'].includes(recall.byElection.status));

/**
 * Recalls (罢免) of the election's office holders and the by-elections (补选) they lead to: the
 * petitions and where each stands, a new petition, a reminder to the superior, a by-election for
 * a recalled member's seat. A recalled secretary's new election is linked.
 */
export function RecallsPanel(props: {
  election: Election;
  members: { id: string; name: string }[];
  nameOf: (id: string) => string;
}) {
  const { election, nameOf } = props;
  const completed = election.stage === 'completed';
  const [filing, setFiling] = useState(false);
  const [byElection, setByElection] = useState<{ id: string; holder: string } | null>(null);
  const recalls = useLoad(
    () => call('GET /v1/elections/{id}/recalls', { params: { id: election.id } }),
    election.id,
  );
  const { remind, pending } = useReminder(() => void recalls.reload());
  const result = election.result;
  const holders = result
    ? [
        ...(result.secretary ? [{ id: result.secretary, office: 'secretary' as const }] : []),
        ...result.deputies.map((id) => ({ id, office: 'deputy' as const })),
        ...result.members.map((id) => ({ id, office: 'member' as const })),
      ].map((h) => ({ id: h.id, label: `${OFFICE_NAMES[h.office]} ${nameOf(h.id)}` }))
    : [];
  const inOffice = new Set(holders.map((h) => h.id));
  const minCandidates = Math.ceil((100 + election.rules.competitionMarginPercent) / 100);
  return (
    <Card
      title="罢免与补选"
      extra={
        <Button
          danger
          icon={<UserDeleteOutlined />}
          disabled={!completed || holders.length === 0}
          onClick={() => setFiling(true)}
        >
          提出罢免要求
        </Button>
      }
    >
      <Typography.Paragraph type="secondary">
        {election.rules.recallMinSignatories}{' '}
        名以上党员联名可提出罢免要求,上级党组织调查同意后由党员大会表决。
        罢免书记后自动开始新的公推直选;罢免委员后在此发起补选。
      </Typography.Paragraph>
      <LoadedTable<Recall>
        load={recalls}
        dataSource={recalls.data ?? []}
        width={960}
        empty={
          completed
            ? '没有罢免要求。党员联名提出时,点击“提出罢免要求”录入'
            : '选举完成后才能提出罢免要求'
        }
        columns={[
          {
            title: '被罢免人',
            key: 'holder',
            width: 150,
            render: (_, r) => `${OFFICE_NAMES[r.office]} ${nameOf(r.officeHolderId)}`,
          },
          {
            title: '联名',
            key: 'signatories',
            width: 70,
            render: (_, r) => `${r.signatoryIds.length} 人`,
          },
          { title: '理由', dataIndex: 'reason', ellipsis: true },
          { title: '提出时间', dataIndex: 'filedAt', width: 150, render: (at: string) => when(at) },
          {
            title: '状态',
            key: 'status',
            width: 200,
            render: (_, r) => (
              <Flex vertical gap={2} align="start">
                <Tag color={RECALL_STATE[r.status]?.color}>
                  {RECALL_STATE[r.status]?.text ?? r.status}
                </Tag>
                {r.comment && (
                  <Typography.Text type="secondary">上级意见:{r.comment}</Typography.Text>
                )}
                {r.byElection && (
                  <Tag>{BY_ELECTION_STATE[r.byElection.status] ?? r.byElection.status}</Tag>
                )}
              </Flex>
            ),
          },
          {
            title: '后续',
            key: 'next',
            width: 240,
            render: (_, r) => (
              <Space wrap>
                {r.roundId && (
                  <Link to={`/elections/${election.id}/rounds/${r.roundId}`}>罢免表决</Link>
                )}
                {r.byElectionRoundId && (
                  <Link to={`/elections/${election.id}/rounds/${r.byElectionRoundId}`}>
                    补选投票
                  </Link>
                )}
                {r.newElectionId && <Link to={`/elections/${r.newElectionId}`}>新的选举</Link>}
                {(r.status === 'pending-approval' ||
                  r.byElection?.status === 'pending-approval') && (
                  <ReminderButton
                    loading={pending === r.id}
                    onConfirm={() =>
                      remind(r.id, () =>
                        call('POST /v1/elections/{id}/recalls/{recallId}/reminder', {
                          params: { id: election.id, recallId: r.id },
                        }),
                      )
                    }
                  />
                )}
                {seatVacant(r) && (
                  <Button
                    size="small"
                    type="primary"
                    onClick={() => setByElection({ id: r.id, holder: nameOf(r.officeHolderId) })}
                  >
                    发起补选
                  </Button>
                )}
              </Space>
            ),
          },
        ]}
      />
      <RecallForm
        electionId={election.id}
        open={filing}
        holders={holders}
        members={props.members}
        minSignatories={election.rules.recallMinSignatories}
        {...dialogEnds(() => setFiling(false), recalls.reload)}
      />
      <ByElectionForm
        electionId={election.id}
        recall={byElection}
        members={props.members.filter((m) => !inOffice.has(m.id))}
        minCandidates={minCandidates}
        {...dialogEnds(() => setByElection(null), recalls.reload)}
      />
    </Card>
  );
}

import { Alert, Card, Form, Radio, Select, Space, Typography } from 'antd';
import { useMemo } from 'react';
import { AmendmentBody, SuggestionBody } from '../../../../shared/election/candidates/schemas.ts';
import { suggestibleMembers } from '../../../../shared/election/candidates/suggestion-list.ts';
import {
  checkSuggestionList,
  electionDay,
  minCompetitiveCandidates,
} from '../../../../shared/rules/index.ts';
import { call } from '../../api/client.ts';
import { Problem } from '../../components/problem.tsx';
import { useSubmit } from '../../components/use-submit.ts';
import type { Election, ElectionTabProps, RollMember } from './election-data.ts';
import { CandidateChoice, optionsOf, ProblemList, SubmitButton } from './parts.tsx';

interface Values {
  candidateId?: string;
  memberIds?: string[];
  mode: 'submit' | 'amend';
}

const MODE_NAMES = { submit: '代为提交', amend: '审定修改' } as const;

/** Whose list may be entered now: formal secretary candidates; in member-election the elected. */
const submitters = (election: Election) =>
  election.candidates.filter(
    (c) =>
      c.office === 'secretary' &&
      (c.status === 'formal' ||
        (election.stage === 'member-election' && c.memberId === election.result?.secretary)),
  );

/**
 * The 差额 check of a list as the server makes it (the same pure rules: who may stand on it,
 * `checkSuggestionList`), run on every pick: enough distinct eligible names for the seats.
 */
const liveCheck = (
  election: Election,
  roll: readonly RollMember[],
  candidateId: string | undefined,
  memberIds: readonly string[],
) => {
  if (!candidateId || election.seats.members < 1) return null;
  let day: string;
  try {
    day = electionDay(election.calendar);
  } catch {
    return null;
  }
  const eligible = suggestibleMembers(roll, election.rules, day, candidateId);
  return {
    eligible,
    result: checkSuggestionList(
      { candidateId, memberIds: [...memberIds], seats: election.seats.members },
      election.rules,
      eligible,
    ),
  };
};

/**
 * 委员建议名单: a formal secretary candidate's list of committee members (差额), entered by the
 * organizers for them or amended in their review, with the 差额 check shown as members are picked.
 */
export function SuggestionCard({ election, roll, nameOf, reload }: ElectionTabProps) {
  const [form] = Form.useForm<Values>();
  const candidateId = Form.useWatch('candidateId', form);
  const memberIds = Form.useWatch('memberIds', form) ?? [];
  const mode = Form.useWatch('mode', form) ?? 'submit';
  const check = useMemo(
    () => liveCheck(election, roll, candidateId, memberIds),
    [election, roll, candidateId, memberIds],
  );
  const seats = election.seats.members;
  const needed =
    seats > 0 ? minCompetitiveCandidates(seats, election.rules.competitionMarginPercent) : 0;
  const submitting = useSubmit({
    form,
    schema: mode === 'amend' ? AmendmentBody : SuggestionBody,
    toBody: (values: Values) =>
      values.mode === 'amend'
        ? { memberIds: values.memberIds ?? [] }
        : { candidateId: values.candidateId, memberIds: values.memberIds ?? [] },
    send: (body: { candidateId?: string; memberIds: string[] }) =>
      mode === 'amend'
        ? call('PUT /v1/elections/{id}/suggestions/{candidateId}', {
            params: { id: election.id, candidateId: candidateId ?? '' },
            body: { memberIds: body.memberIds },
          })
        : call('POST /v1/elections/{id}/suggestions', {
            params: { id: election.id },
            body: { candidateId: candidateId ?? '', memberIds: body.memberIds },
          }),
    success: (answer) => `${nameOf(answer.candidateId)} 的委员建议名单已保存`,
    onDone: () => void reload(),
  });
  const whose = submitters(election);
  const options = roll
    .filter((m) => m.id !== candidateId)
    .map((m) => ({
      value: m.id,
      label: `${m.name}(${m.id})${check && !check.eligible.has(m.id) ? ' · 不符合任职条件' : ''}`,
    }));
  return (
    <Card size="small" title="委员建议名单(差额)">
      {seats < 1 ? (
        <Typography.Text type="secondary">本次选举不选委员。</Typography.Text>
      ) : (
        <>
          <Typography.Paragraph type="secondary">
            委员 {seats} 名,建议名单须差额提出至少 {needed}{' '}
            名符合任职条件的党员(不含书记候选人本人)。
          </Typography.Paragraph>
          <Problem text={submitting.problem} />
          <Form
            name="suggestion"
            form={form}
            layout="vertical"
            initialValues={{ mode: 'submit', memberIds: [] }}
            disabled={whose.length === 0}
          >
            <Space wrap size="middle" style={{ width: '100%' }}>
              <CandidateChoice
                label="书记候选人"
                name="candidateId"
                choices={whose.map((c) => ({ value: c.memberId, label: nameOf(c.memberId) }))}
                none="正式候选人公示阶段才有书记正式候选人"
              />
              <Form.Item label="操作" name="mode">
                <Radio.Group options={optionsOf(['submit', 'amend'], MODE_NAMES)} />
              </Form.Item>
            </Space>
            <Form.Item label="建议人选" name="memberIds" required>
              <Select
                mode="multiple"
                optionFilterProp="label"
                options={options}
                placeholder="输入姓名查找"
              />
            </Form.Item>
            {check &&
              (check.result.ok ? (
                <Alert
                  type="success"
                  showIcon
                  title={`差额检查通过:${check.result.value.memberIds.length} 名符合条件的人选,${seats} 个名额需要至少 ${needed} 名`}
                  style={{ marginBottom: 12 }}
                />
              ) : (
                <Alert
                  type="warning"
                  showIcon
                  title="差额检查未通过"
                  description={
                    <ProblemList
                      items={check.result.violations.map((v) => ({
                        key: `${v.rule}:${v.message}`,
                        text: v.message,
                      }))}
                    />
                  }
                  style={{ marginBottom: 12 }}
                />
              ))}
            <SubmitButton submitting={submitting}>
              {mode === 'amend' ? '保存修改后的名单' : '提交建议名单'}
            </SubmitButton>
          </Form>
        </>
      )}
    </Card>
  );
}

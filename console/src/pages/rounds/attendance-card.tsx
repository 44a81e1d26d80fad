import { Alert, Button, Card, Col, Descriptions, Form, InputNumber, Row, Select } from 'antd';
import { useState } from 'react';
import { AttendanceReport } from '../../../../shared/rules/index.ts';
import { call } from '../../api/client.ts';
import type { AnswerOf } from '../../api/routes.ts';
import { useSubmit } from '../../components/use-submit.ts';

/**
 * 到会情况 and the election staff of a round (`POST …/attendance`, a teller): present and
 * ballots issued — per constituency at a recommendation assembly — and 唱票人, 监票人, 计票人
 * chosen from the roll (three different members, none a candidate). Before the first ballot it
 * may be corrected; then it is frozen and shown as recorded.
 */

type Round = AnswerOf<'GET /v1/elections/{id}/rounds/{roundId}'>;

interface Values {
  present?: number;
  ballotsIssued?: number;
  constituencies?: {
    id: string;
    name: string;
    expected?: number;
    present?: number;
    ballotsIssued?: number;
  }[];
  staff: { announcer?: string; scrutineer?: string; counter?: string };
  staffApproval?: { for?: number; against?: number; abstain?: number };
}

const STAFF = [
  { key: 'announcer', label: '唱票人' },
  { key: 'scrutineer', label: '监票人' },
  { key: 'counter', label: '计票人' },
] as const;

/** The constituencies a round reports: the rules' at a recommendation, 非党员工 at an evaluation. */
const constituenciesOf = (round: Round, known: { id: string; name: string }[]) =>
  round.kind === 'recommendation' && known.length > 1
    ? known
    : round.kind === 'evaluation'
      ? [{ id: 'employees', name: '非党员工' }]
      : undefined;

/** A count (人数, 张数) in its column of the form: a whole number, never negative. */
function CountField(props: {
  label: string;
  name: string | (string | number)[];
  xs: number;
  md: number;
  extra?: string;
  placeholder?: string;
}) {
  return (
    <Col xs={props.xs} md={props.md}>
      <Form.Item label={props.label} name={props.name} extra={props.extra}>
        <InputNumber min={0} style={{ width: '100%' }} placeholder={props.placeholder} />
      </Form.Item>
    </Col>
  );
}

const sum = (values: (number | undefined)[]) => values.reduce<number>((s, v) => s + (v ?? 0), 0);

export function AttendanceCard(props: {
  electionId: string;
  round: Round;
  constituencies: { id: string; name: string }[];
  people: { id: string; name: string }[];
  nameOf: (id: string) => string;
  onDone: () => void;
}) {
  const { round, nameOf } = props;
  const [form] = Form.useForm<Values>();
  const [editing, setEditing] = useState(!round.attendance);
  const parts = constituenciesOf(round, props.constituencies);
  const recorded = round.attendance;

  const { submit, pending, problem } = useSubmit({
    form,
    schema: AttendanceReport,
    toBody: (values: Values) => {
      const constituencies = parts ? values.constituencies : undefined;
      const approval = values.staffApproval;
      return {
        present: constituencies ? sum(constituencies.map((c) => c.present)) : values.present,
        ballotsIssued: constituencies
          ? sum(constituencies.map((c) => c.ballotsIssued))
          : values.ballotsIssued,
        ...(constituencies
          ? {
              constituencies: constituencies.map(({ id, expected, present, ballotsIssued }) => ({
                id,
                expected,
                present,
                ballotsIssued,
              })),
            }
          : {}),
        staff: values.staff,
        ...(approval?.for !== undefined && approval.for !== null
          ? {
              staffApproval: {
                for: approval.for,
                against: approval.against ?? 0,
                abstain: approval.abstain ?? 0,
              },
            }
          : {}),
      };
    },
    send: (body) =>
      call('POST /v1/elections/{id}/rounds/{roundId}/attendance', {
        params: { id: props.electionId, roundId: round.id },
        body,
      }),
    success: '到会情况已登记',
    onDone: () => {
      setEditing(false);
      props.onDone();
    },
  });

  if (recorded && !editing) {
    return (
      <Card
        title="到会情况与工作人员"
        extra={
          !round.ballotsEntered &&
          round.status === 'open' && <Button onClick={() => setEditing(true)}>修改</Button>
        }
      >
        <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 3 }} bordered>
          <Descriptions.Item label="应到">{recorded.expected ?? '—'} 人</Descriptions.Item>
          <Descriptions.Item label="实到">{recorded.present} 人</Descriptions.Item>
          <Descriptions.Item label="发出选票">{recorded.ballotsIssued} 张</Descriptions.Item>
          {recorded.constituencies?.map((c) => (
            <Descriptions.Item key={c.id} label={c.name ?? c.id}>
              应到 {c.expected},实到 {c.present},发票 {c.ballotsIssued}
            </Descriptions.Item>
          ))}
          {STAFF.map(({ key, label }) => (
            <Descriptions.Item key={key} label={label}>
              {nameOf(recorded.staff[key])}
            </Descriptions.Item>
          ))}
          {recorded.staffApproval && (
            <Descriptions.Item label="工作人员表决">
              同意 {recorded.staffApproval.for},不同意 {recorded.staffApproval.against},弃权{' '}
              {recorded.staffApproval.abstain}
            </Descriptions.Item>
          )}
        </Descriptions>
        {round.ballotsEntered && (
          <Alert
            style={{ marginTop: 12 }}
            type="info"
            showIcon
            title="已开始录入选票,到会情况不能再修改"
          />
        )}
      </Card>
    );
  }

  const staffOptions = props.people
    .filter((m) => !round.candidates.includes(m.id))
    .map((m) => ({ value: m.id, label: m.name }));

  return (
    <Card title="登记到会情况与工作人员">
      {problem && <Alert type="error" showIcon title={problem} style={{ marginBottom: 16 }} />}
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{
          present: recorded?.present,
          ballotsIssued: recorded?.ballotsIssued,
          constituencies: parts?.map((part) => {
            const before = recorded?.constituencies?.find((c) => c.id === part.id);
            return {
              ...part,
              expected: before?.expected,
              present: before?.present,
              ballotsIssued: before?.ballotsIssued,
            };
          }),
          staff: recorded?.staff ?? {},
          staffApproval: recorded?.staffApproval,
        }}
      >
        {parts ? (
          <Form.List name="constituencies">
            {(fields) =>
              fields.map((field) => (
                <Row gutter={16} key={field.key}>
                  <Col xs={24} md={6} style={{ paddingTop: 34, fontWeight: 500 }}>
                    {parts[field.name]?.name}
                  </Col>
                  {(
                    [
                      ['expected', '应到(人)'],
                      ['present', '实到(人)'],
                      ['ballotsIssued', '发出选票(张)'],
                    ] as const
                  ).map(([name, label]) => (
                    <CountField key={name} xs={8} md={6} label={label} name={[field.name, name]} />
                  ))}
                </Row>
              ))
            }
          </Form.List>
        ) : (
          <Row gutter={16}>
            <CountField
              xs={12}
              md={8}
              label="实到会人数"
              name="present"
              extra="应到会人数按名册计算"
            />
            <CountField xs={12} md={8} label="发出选票(张)" name="ballotsIssued" />
          </Row>
        )}
        <Row gutter={16}>
          {STAFF.map(({ key, label }) => (
            <Col xs={24} md={8} key={key}>
              <Form.Item label={label} name={['staff', key]} extra="三人不同,且不是本轮候选人">
                <Select
                  showSearch
                  allowClear
                  aria-label={label}
                  placeholder="输入姓名查找"
                  optionFilterProp="label"
                  options={staffOptions}
                />
              </Form.Item>
            </Col>
          ))}
        </Row>
        <Row gutter={16}>
          {(
            [
              ['for', '监票人、计票人表决:同意'],
              ['against', '不同意'],
              ['abstain', '弃权'],
            ] as const
          ).map(([name, label]) => (
            <CountField
              key={name}
              xs={8}
              md={8}
              label={label}
              name={['staffApproval', name]}
              placeholder="未表决可不填"
            />
          ))}
        </Row>
        <Button type="primary" htmlType="submit" loading={pending}>
          登记到会情况
        </Button>
        {recorded && (
          <Button style={{ marginLeft: 8 }} onClick={() => setEditing(false)}>
            取消修改
          </Button>
        )}
      </Form>
    </Card>
  );
}

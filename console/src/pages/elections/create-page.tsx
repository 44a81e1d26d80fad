import {
  Alert,
  Button,
  Card,
  Checkbox,
  Col,
  DatePicker,
  Descriptions,
  Form,
  InputNumber,
  Row,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useMemo } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { ElectionPlan, OrgId } from '../../../../shared/election/elections/schemas.ts';
import type { RoundKind } from '../../../../shared/rules/ballots-schema.ts';
import {
  type Calendar,
  DEFAULT_DAY_LENGTH_MS,
  electionDay,
  planCalendar,
} from '../../../../shared/rules/calendar.ts';
import { PRESETS, resolveRules } from '../../../../shared/rules/presets.ts';
import { PresetName } from '../../../../shared/rules/rules.ts';
import type { Stage } from '../../../../shared/rules/stages.ts';
import { call } from '../../api/client.ts';
import { ConfirmButton } from '../../components/confirm-button.tsx';
import { useLoad } from '../../components/use-load.ts';
import { useSubmit } from '../../components/use-submit.ts';
import { dayjs, fromPicker, ROUND_KIND_NAMES, STAGE_NAMES, when, ZONE } from '../../format.ts';
import { PRESET_DESCRIPTIONS, PRESET_NAMES } from './words.ts';

/** The body of `POST /v1/elections`, as the endpoint declares it. */
const NewElection = ElectionPlan.extend({ orgId: OrgId });

interface Values {
  orgId?: string;
  preset: PresetName;
  seats: { deputies: number | null; members: number | null };
  startsAt?: Dayjs;
  rules?: { approvalTimeoutDays?: number | null; doubleEntry?: RoundKind[] };
}

/** Stages held at one sitting (大会): the timeline marks them. */
const ASSEMBLIES: readonly Stage[] = [
  'recommendation',
  'party-recommendation',
  'secretary-election',
  'deputy-election',
  'member-election',
];

const DOUBLE_ENTRY_OPTIONS = (['recommendation', 'evaluation', 'election', 'recall'] as const).map(
  (kind) => ({ value: kind, label: ROUND_KIND_NAMES[kind] }),
);

const hasDeputies = (preset: PresetName) => PRESETS[preset].stages.includes('deputy-election');

/** The rules an organizer routinely changes; the rest is the preset's article. */
const overridesOf = (values: Values) => ({
  ...(values.rules?.approvalTimeoutDays
    ? { approvalTimeoutDays: values.rules.approvalTimeoutDays }
    : {}),
  ...(values.rules?.doubleEntry?.length ? { doubleEntry: values.rules.doubleEntry } : {}),
});

interface PlannedStage {
  stage: Stage;
  from: string;
  until: string;
  days: number;
}

/**
 * The calendar the server will plan (shared/rules/calendar.ts `planCalendar`, the function
 * createElection calls), on real days; a broken override says why instead.
 */
const previewOf = (values: Partial<Values>) => {
  if (!values.startsAt) return { problem: '选择开始时间后,这里显示每个阶段的日程。' };
  try {
    const preset = values.preset ?? 'community';
    const rules = resolveRules(preset, overridesOf(values as Values));
    const start = fromPicker(values.startsAt);
    const calendar: Calendar = planCalendar(
      { startsAt: start, dayLengthMs: DEFAULT_DAY_LENGTH_MS },
      rules,
    );
    const rows: PlannedStage[] = rules.stages.map((stage) => ({
      stage,
      from: calendar[stage]?.from ?? '',
      until: calendar[stage]?.until ?? '',
      days: rules.calendar[stage]?.days ?? 0,
    }));
    return { rows, start, day: electionDay(calendar), rules };
  } catch (error) {
    return { problem: `无法生成日程:${error instanceof Error ? error.message : String(error)}` };
  }
};

/** A date in the timeline: the year is in the summary above it. */
const short = (instant: string) => dayjs(instant).tz(ZONE).format('M月D日 HH:mm');

const nextMorning = () => dayjs().tz(ZONE).add(1, 'day').hour(9).minute(0).second(0).millisecond(0);

/** A new election: organization, preset, seats, start, and the calendar it will run on. */
export default function CreateElectionPage() {
  const navigate = useNavigate();
  const [search] = useSearchParams();
  const [form] = Form.useForm<Values>();
  const orgs = useLoad(() => call('GET /v1/organizations', { query: { limit: 100 } }), 'orgs');
  const preset: PresetName = Form.useWatch('preset', form) ?? 'community';
  const startsAt: Dayjs | undefined = Form.useWatch('startsAt', form);
  const timeout: number | null | undefined = Form.useWatch(['rules', 'approvalTimeoutDays'], form);
  const orgId: string | undefined = Form.useWatch('orgId', form);
  const preview = useMemo(
    () => previewOf({ preset, startsAt, rules: { approvalTimeoutDays: timeout } }),
    [preset, startsAt, timeout],
  );
  const org = orgs.data?.items.find((o) => o.id === orgId);

  const { submit, pending, problem } = useSubmit({
    form,
    schema: NewElection,
    toBody: (values: Values) => {
      const rules = overridesOf(values);
      return {
        orgId: values.orgId,
        preset: values.preset,
        seats: {
          secretary: 1,
          deputies: hasDeputies(values.preset) ? values.seats?.deputies : 0,
          members: values.seats?.members,
        },
        startsAt: values.startsAt ? fromPicker(values.startsAt) : undefined,
        ...(Object.keys(rules).length > 0 ? { rules } : {}),
      };
    },
    send: (body) => call('POST /v1/elections', { body }),
    success: '选举已创建,工作流已启动',
    onDone: (created) => navigate(`/elections/${encodeURIComponent(created.id)}`),
  });

  return (
    <Row gutter={[24, 24]}>
      <Col xs={24} xl={11}>
        <Card title="新建选举">
          {problem && <Alert type="error" showIcon title={problem} style={{ marginBottom: 16 }} />}
          <Form<Values>
            form={form}
            layout="vertical"
            initialValues={{
              orgId: search.get('orgId') ?? undefined,
              preset: 'community',
              seats: { deputies: 0, members: 4 },
              startsAt: nextMorning(),
              rules: { doubleEntry: ['election'] },
            }}
            onValuesChange={(changed: Partial<Values>) => {
              if (changed.preset && !hasDeputies(changed.preset)) {
                form.setFieldValue(['seats', 'deputies'], 0);
              }
            }}
          >
            <Form.Item label="党组织" name="orgId" required>
              <Select
                placeholder="选择进行换届选举的党组织"
                showSearch={{ optionFilterProp: 'label' }}
                loading={orgs.loading}
                options={(orgs.data?.items ?? []).map((o) => ({
                  value: o.id,
                  label: `${o.name}(${o.id})`,
                }))}
                notFoundContent={orgs.error ?? '没有可选的党组织:请先在“党组织与名册”中新建'}
              />
            </Form.Item>
            {org && org.memberCount === 0 && (
              <Alert
                type="warning"
                showIcon
                style={{ marginBottom: 16 }}
                title="该党组织尚未导入党员名册"
                description={
                  <Button
                    type="link"
                    style={{ padding: 0 }}
                    onClick={() => navigate(`/organizations/${encodeURIComponent(org.id)}`)}
                  >
                    去导入名册
                  </Button>
                }
              />
            )}
            <Form.Item label="选举方案" name="preset" required extra={PRESET_DESCRIPTIONS[preset]}>
              <Select
                options={PresetName.options.map((name) => ({
                  value: name,
                  label: PRESET_NAMES[name],
                }))}
              />
            </Form.Item>
            <Typography.Paragraph strong style={{ marginBottom: 8 }}>
              职数
            </Typography.Paragraph>
            <Space wrap align="start" size="large">
              <Form.Item label="书记">
                <InputNumber value={1} disabled style={{ width: 96 }} />
              </Form.Item>
              <Form.Item
                label="副书记"
                name={['seats', 'deputies']}
                extra={hasDeputies(preset) ? undefined : '该方案不选举副书记'}
              >
                <InputNumber
                  min={0}
                  max={10}
                  disabled={!hasDeputies(preset)}
                  style={{ width: 96 }}
                />
              </Form.Item>
              <Form.Item label="委员" name={['seats', 'members']} required>
                <InputNumber min={0} max={50} style={{ width: 96 }} />
              </Form.Item>
            </Space>
            <Form.Item
              label="开始时间(北京时间)"
              name="startsAt"
              required
              extra="宣传动员阶段从此时开始,其后各阶段按方案日程顺延"
            >
              <DatePicker
                showTime={{ format: 'HH:mm' }}
                format="YYYY-MM-DD HH:mm"
                style={{ width: '100%' }}
              />
            </Form.Item>
            <Form.Item
              label="上级审批时限(天)"
              name={['rules', 'approvalTimeoutDays']}
              extra={`可选;留空按方案规定(${PRESETS[preset].approvalTimeoutDays} 天)`}
            >
              <InputNumber min={1} max={60} style={{ width: 160 }} placeholder="按方案" />
            </Form.Item>
            <Form.Item
              label="双人录入"
              name={['rules', 'doubleEntry']}
              extra="勾选的投票,每张选票由两名计票人分别录入,两次一致才计入;不一致的由监票人对照原票裁定"
            >
              <Checkbox.Group options={DOUBLE_ENTRY_OPTIONS} />
            </Form.Item>
            <ConfirmButton
              type="primary"
              loading={pending}
              confirm={{
                title: '创建选举',
                description: '创建后工作流立即启动,并按日程向党员发送通知。确定创建?',
                okText: '确定创建',
                cancelText: '再看看',
              }}
              onConfirm={submit}
            >
              创建选举
            </ConfirmButton>
            <Button style={{ marginLeft: 8 }} onClick={() => navigate('/elections')}>
              取消
            </Button>
          </Form>
        </Card>
      </Col>
      <Col xs={24} xl={13}>
        <Card title="日程预览">
          {'problem' in preview ? (
            <Alert type="info" showIcon title={preview.problem} />
          ) : (
            <>
              <Descriptions size="small" column={1} style={{ marginBottom: 16 }}>
                <Descriptions.Item label="开始">{when(preview.start)}</Descriptions.Item>
                <Descriptions.Item label="选举日(党员大会)">
                  {dayjs(preview.day).format('YYYY年M月D日')}
                </Descriptions.Item>
                <Descriptions.Item label="上级审批时限">
                  {preview.rules.approvalTimeoutDays} 天
                </Descriptions.Item>
              </Descriptions>
              <Table<PlannedStage>
                rowKey="stage"
                size="small"
                pagination={false}
                dataSource={preview.rows}
                scroll={{ x: 'max-content' }}
                columns={[
                  {
                    title: '阶段',
                    key: 'stage',
                    render: (_, row) => (
                      <Space size={4}>
                        {STAGE_NAMES[row.stage]}
                        {ASSEMBLIES.includes(row.stage) && <Tag color="red">大会</Tag>}
                      </Space>
                    ),
                  },
                  { title: '开始', key: 'from', render: (_, row) => short(row.from) },
                  { title: '截止', key: 'until', render: (_, row) => short(row.until) },
                  { title: '天数', key: 'days', dataIndex: 'days', align: 'right' },
                ]}
              />
              <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
                按服务器计算日程的同一规则预览;阶段实际开始较晚时,公示期顺延为完整天数。创建后可在选举页调整截止时间。
              </Typography.Paragraph>
            </>
          )}
        </Card>
      </Col>
    </Row>
  );
}

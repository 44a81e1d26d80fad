import {
  Alert,
  Button,
  Card,
  Col,
  Empty,
  Form,
  Input,
  Modal,
  Radio,
  Row,
  Space,
  Statistic,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useCallback, useEffect, useState } from 'react';
import * as z from 'zod';
import { EntryChoice } from '../../../../shared/rules/double-entry.ts';
import { call } from '../../api/client.ts';
import type { AnswerOf } from '../../api/routes.ts';
import { useSubmit } from '../../components/use-submit.ts';
import { when } from '../../format.ts';
import type { RoundKind } from './ballot-keys.ts';
import { type EntryRow, entryRows } from './entry-rows.ts';

/**
 * Double entry at the table (双人录入): live — every 2 s while the round is open — the papers
 * entered once, the matching pairs, and each mismatch side by side with the differing marks
 * highlighted; the 监票人 (or an organizer) settles an open paper by choosing a version or
 * neither, with the reason the audit log keeps. The round closes only once none is open.
 */

type Entries = AnswerOf<'GET /v1/elections/{id}/rounds/{roundId}/entries'>;
type Version = Entries['single'][number]['first'];

const POLL_MS = 2000;

const Resolution = z.strictObject({ choose: EntryChoice, reason: z.string().trim().min(1) });

interface Values {
  choose?: 'first' | 'second' | 'neither';
  reason?: string;
}

interface OpenPaper {
  serial: string;
  first: Version;
  second?: Version;
}

const differing = { background: '#fff1f0', color: '#cf1322', fontWeight: 600 };

/** Both readings of one paper, a row a candidate; the rows that differ in red. */
function Comparison(props: {
  kind: RoundKind;
  candidates: string[];
  paper: OpenPaper;
  nameOf: (id: string) => string;
}) {
  const { paper } = props;
  const rows = entryRows(
    props.kind,
    props.candidates,
    paper.first.content,
    paper.second?.content,
    props.nameOf,
  );
  const cell = (value: string, row: EntryRow) => (
    <span style={row.differs ? differing : undefined}>{value || '—'}</span>
  );
  return (
    <Table<EntryRow>
      rowKey="key"
      size="small"
      pagination={false}
      dataSource={rows}
      columns={[
        { title: '项目', dataIndex: 'label', key: 'label' },
        {
          title: `第一次(${paper.first.by})`,
          key: 'first',
          render: (_, row) => cell(row.first, row),
        },
        ...(paper.second
          ? [
              {
                title: `第二次(${paper.second.by})`,
                key: 'second',
                render: (_: unknown, row: EntryRow) => cell(row.second, row),
              },
            ]
          : []),
      ]}
    />
  );
}

function ResolveDialog(props: {
  electionId: string;
  roundId: string;
  paper: OpenPaper;
  onClose: () => void;
  onDone: () => void;
}) {
  const [form] = Form.useForm<Values>();
  const { paper } = props;
  const { submit, pending, problem } = useSubmit({
    form,
    schema: Resolution,
    toBody: (values: Values) => ({ choose: values.choose, reason: values.reason ?? '' }),
    send: (body) =>
      call('POST /v1/elections/{id}/rounds/{roundId}/entries/{serial}/resolution', {
        params: { id: props.electionId, roundId: props.roundId, serial: paper.serial },
        body,
      }),
    success: (answer) => `编号 ${answer.serial} 已裁定${answer.counted ? ',计入选票' : ',不计入'}`,
    onDone: props.onDone,
  });
  return (
    <Modal
      open
      title={`裁定编号 ${paper.serial}`}
      okText="确定裁定"
      cancelText="取消"
      confirmLoading={pending}
      onOk={submit}
      onCancel={props.onClose}
    >
      {problem && <Alert type="error" showIcon title={problem} style={{ marginBottom: 12 }} />}
      <Form<Values> form={form} layout="vertical">
        <Form.Item label="以哪一次录入为准(对照原票)" name="choose" required>
          <Radio.Group>
            <Radio value="first">第一次录入</Radio>
            <Radio value="second" disabled={!paper.second}>
              第二次录入
            </Radio>
            <Radio value="neither">均不计入</Radio>
          </Radio.Group>
        </Form.Item>
        <Form.Item label="理由(记入审计日志)" name="reason" required>
          <Input.TextArea rows={2} maxLength={1000} placeholder="如:核对原票,第二次录入正确" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export function DoubleEntryCard(props: {
  electionId: string;
  round: { id: string; kind: RoundKind; candidates: string[]; status: string };
  nameOf: (id: string) => string;
}) {
  const { electionId, round, nameOf } = props;
  const [entries, setEntries] = useState<Entries | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [resolving, setResolving] = useState<OpenPaper | null>(null);
  const open = round.status === 'open';

  const refresh = useCallback(async () => {
    try {
      setEntries(
        await call('GET /v1/elections/{id}/rounds/{roundId}/entries', {
          params: { id: electionId, roundId: round.id },
        }),
      );
      setProblem(null);
    } catch (failure) {
      setProblem(failure instanceof Error ? failure.message : String(failure));
    }
  }, [electionId, round.id]);

  useEffect(() => {
    void refresh();
    if (!open) return;
    const timer = setInterval(() => void refresh(), POLL_MS);
    return () => clearInterval(timer);
  }, [refresh, open]);

  const openCount = (entries?.single.length ?? 0) + (entries?.mismatched.length ?? 0);
  const action = (paper: OpenPaper) =>
    open && (
      <Button size="small" onClick={() => setResolving(paper)}>
        裁定
      </Button>
    );

  return (
    <Card
      title="双人录入核对"
      extra={
        openCount > 0 ? (
          <Tag color="warning">待处理 {openCount} 张</Tag>
        ) : (
          <Tag color="success">无待处理</Tag>
        )
      }
    >
      <Space direction="vertical" size={16} style={{ width: '100%' }}>
        {problem && <Alert type="warning" showIcon title={`读取失败:${problem}`} />}
        <Row gutter={16}>
          <Col span={6}>
            <Statistic title="仅录入一次" value={entries?.single.length ?? '—'} />
          </Col>
          <Col span={6}>
            <Statistic title="两次一致(已计入)" value={entries?.matched ?? '—'} />
          </Col>
          <Col span={6}>
            <Statistic
              title="两次不一致"
              value={entries?.mismatched.length ?? '—'}
              valueStyle={entries?.mismatched.length ? { color: '#cf1322' } : undefined}
            />
          </Col>
          <Col span={6}>
            <Statistic title="监票人已裁定" value={entries?.resolved ?? '—'} />
          </Col>
        </Row>
        {open && openCount > 0 && (
          <Typography.Text type="secondary">
            每张选票须由两名计票人分别录入;仅录入一次或两次不一致的选票,须再次录入或由监票人对照原票裁定,之后才能结束计票。
          </Typography.Text>
        )}
        {(entries?.mismatched ?? []).map((paper) => (
          <Card
            key={paper.serial}
            size="small"
            type="inner"
            title={
              <Space>
                <span>编号 {paper.serial}</span>
                <Tag color="error">不一致</Tag>
              </Space>
            }
            extra={action(paper)}
          >
            <Comparison
              kind={round.kind}
              candidates={round.candidates}
              paper={paper}
              nameOf={nameOf}
            />
          </Card>
        ))}
        {(entries?.single.length ?? 0) > 0 && (
          <Table<OpenPaper>
            rowKey="serial"
            size="small"
            pagination={{ pageSize: 10, hideOnSinglePage: true }}
            dataSource={entries?.single ?? []}
            columns={[
              { title: '仅录入一次的编号', dataIndex: 'serial', key: 'serial' },
              { title: '录入人', key: 'by', render: (_, paper) => paper.first.by },
              { title: '时间', key: 'at', render: (_, paper) => when(paper.first.at) },
              { title: '', key: 'action', render: (_, paper) => action(paper) },
            ]}
            expandable={{
              expandedRowRender: (paper) => (
                <Comparison
                  kind={round.kind}
                  candidates={round.candidates}
                  paper={paper}
                  nameOf={nameOf}
                />
              ),
            }}
          />
        )}
        {entries && openCount === 0 && entries.matched + entries.resolved === 0 && (
          <Empty description="尚无录入" />
        )}
      </Space>
      {resolving && (
        <ResolveDialog
          electionId={electionId}
          roundId={round.id}
          paper={resolving}
          onClose={() => setResolving(null)}
          onDone={() => {
            setResolving(null);
            void refresh();
          }}
        />
      )}
    </Card>
  );
}

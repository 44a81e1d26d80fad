import {
  Alert,
  Button,
  Card,
  Col,
  Input,
  type InputRef,
  Row,
  Segmented,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import { type KeyboardEvent, useEffect, useMemo, useRef, useState } from 'react';
import { type BallotPapers, checkPrintedSerial } from '../../../../shared/rules/serials.ts';
import {
  ballotBody,
  emptyBallot,
  INVALID_REASONS,
  isMarkKind,
  MARK_KEYS,
  markLabel,
  type RoundKind,
  type TypedBallot,
  votesOf,
} from './ballot-keys.ts';
import type { Entry, useBallotQueue } from './ballot-queue.ts';
import { CandidateName } from './tally-card.tsx';

/**
 * Ballot entry at the counting table (计票), keyboard only: the serial, Enter; then one key per
 * candidate in the paper's order (or, for a recommendation, the candidates' numbers to tick);
 * 另选他人 by name where the round allows it; Enter commits, Esc clears. A serial already
 * entered — here or at another table — is flagged as it is typed. The running count stays in
 * view; what is typed is kept on this device until the API has answered for it.
 */

export interface EntryRound {
  kind: RoundKind;
  candidates: string[];
  amongTied?: true;
  attendance?: { ballotsIssued: number; constituencies?: { id: string; name?: string }[] };
  /** Printed papers: a serial is checked (check digit, range) as it is typed. */
  ballotPapers?: BallotPapers;
}

type Queue = ReturnType<typeof useBallotQueue>;

const STATE_TAGS: Record<Entry['state'], { color: string; text: string }> = {
  queued: { color: 'processing', text: '待发送' },
  sending: { color: 'processing', text: '发送中' },
  stored: { color: 'success', text: '已录入' },
  invalid: { color: 'warning', text: '无效票(已计入收回)' },
  duplicate: { color: 'error', text: '编号重复' },
  refused: { color: 'error', text: '被拒绝' },
};

/** Entries that count for someone in the running count: neither refused nor a duplicate. */
const counting = (entry: Entry) =>
  entry.state === 'queued' || entry.state === 'sending' || entry.state === 'stored';

export function BallotEntry(props: {
  round: EntryRound;
  nameOf: (id: string) => string;
  writeInChoices: { id: string; name: string }[];
  basicallyCounts: boolean;
  queue: Queue;
}) {
  const { round, nameOf, queue } = props;
  const { kind, candidates } = round;
  const constituencies = round.attendance?.constituencies ?? [];
  const [ballot, setBallot] = useState<TypedBallot>(() => ({
    ...emptyBallot(),
    ...(constituencies[0] ? { constituency: constituencies[0].id } : {}),
  }));
  const [phase, setPhase] = useState<'serial' | 'marks'>('serial');
  const [cursor, setCursor] = useState(0);
  const [writingIn, setWritingIn] = useState(false);
  const serialInput = useRef<InputRef>(null);
  const marksPanel = useRef<HTMLDivElement>(null);
  const writeInsAllowed = kind === 'election' && !round.amongTied;

  const serial = ballot.serial.trim();
  const repeated = serial !== '' && queue.isEntered(serial);
  // The server refuses a mistyped printed serial too (422); here it is caught before Enter.
  const printed =
    serial !== '' && round.ballotPapers
      ? checkPrintedSerial(round.ballotPapers, serial, ballot.constituency)
      : undefined;
  const blocked = repeated || printed?.ok === false;

  // The keys go where the phase is, once it is rendered (the serial's input is enabled again).
  const [focusTurn, setFocusTurn] = useState(0);
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new turn asks for the focus again
  useEffect(() => {
    if (writingIn) return;
    if (phase === 'serial') serialInput.current?.focus();
    else marksPanel.current?.focus();
  }, [phase, writingIn, focusTurn]);
  const focusSerial = () => setFocusTurn((n) => n + 1);
  const focusMarks = () => setFocusTurn((n) => n + 1);

  const clear = () => {
    setBallot((b) => ({
      ...emptyBallot(),
      ...(b.constituency ? { constituency: b.constituency } : {}),
    }));
    setCursor(0);
    setWritingIn(false);
    setPhase('serial');
    focusSerial();
  };

  const commit = () => {
    if (serial === '' || blocked) return;
    queue.add(serial, ballotBody(kind, { ...ballot, serial }));
    clear();
  };

  const onSerialKey = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      clear();
    } else if (event.key === 'Enter') {
      event.preventDefault();
      if (serial === '' || blocked) return;
      setPhase('marks');
      focusMarks();
    }
  };

  const onMarksKey = (event: KeyboardEvent<HTMLDivElement>) => {
    const { key } = event;
    if (key === 'Escape') return clear();
    if (key === 'Enter') return commit();
    if ((key === '+' || key === '4') && writeInsAllowed) {
      event.preventDefault();
      setWritingIn(true);
      return;
    }
    if (kind === 'recommendation') {
      const index = Number(key) - 1;
      const id = candidates[index];
      if (!/^[1-9]$/.test(key) || !id) return;
      setBallot((b) => ({
        ...b,
        choices: b.choices.includes(id)
          ? b.choices.filter((c) => c !== id)
          : candidates.filter((c) => c === id || b.choices.includes(c)),
      }));
      return;
    }
    if (!isMarkKind(kind)) return;
    if (key === 'Backspace' || key === 'ArrowLeft') {
      event.preventDefault();
      const back = Math.max(0, cursor - 1);
      const id = candidates[back];
      setCursor(back);
      if (id && key === 'Backspace') {
        setBallot((b) => {
          const { [id]: _, ...marks } = b.marks;
          return { ...b, marks };
        });
      }
      return;
    }
    if (key === 'ArrowRight' || key === '0') {
      setCursor((c) => Math.min(candidates.length, c + 1));
      return;
    }
    const mark = MARK_KEYS[kind].find((m) => m.key === key);
    const id = candidates[cursor];
    if (!mark || !id) return;
    setBallot((b) => ({ ...b, marks: { ...b.marks, [id]: mark.value } }));
    setCursor((c) => Math.min(candidates.length, c + 1));
  };

  // The running count over the ballots entered at this table (sent or waiting to be).
  const tallyRows = useMemo(() => {
    const counts = new Map<string, number>(candidates.map((id) => [id, 0]));
    for (const entry of queue.entries.filter(counting)) {
      for (const id of votesOf(kind, entry.ballot, props.basicallyCounts)) {
        counts.set(id, (counts.get(id) ?? 0) + 1);
      }
    }
    return [...counts].map(([id, votes]) => ({
      id,
      name: nameOf(id),
      writeIn: !candidates.includes(id),
      votes,
    }));
  }, [queue.entries, candidates, kind, nameOf, props.basicallyCounts]);

  const entered = queue.entries.filter((e) => e.state !== 'duplicate' && e.state !== 'refused');
  const waiting = queue.entries.filter((e) => e.state === 'queued' || e.state === 'sending');
  const invalidCount = queue.entries.filter((e) => e.state === 'invalid').length;
  const issued = round.attendance?.ballotsIssued ?? 0;
  const countWord = kind === 'recommendation' ? '推荐' : kind === 'evaluation' ? '满意' : '赞成';

  const keyHelp = isMarkKind(kind)
    ? `${MARK_KEYS[kind].map((m) => `${m.key} ${m.label}`).join(' · ')} · 0 / → 不标记 · ← 后退 · Backspace 撤销上一个`
    : `按候选人序号勾选 / 取消(1–${Math.min(9, candidates.length)})`;

  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} lg={14}>
        <Card
          title="录入选票"
          extra={<Typography.Text type="secondary">仅用键盘即可</Typography.Text>}
        >
          {constituencies.length > 1 && (
            <Space style={{ marginBottom: 12 }} wrap>
              <Typography.Text>推荐单位:</Typography.Text>
              <Segmented
                value={ballot.constituency}
                options={constituencies.map((c) => ({ value: c.id, label: c.name ?? c.id }))}
                onChange={(value) => setBallot((b) => ({ ...b, constituency: String(value) }))}
              />
            </Space>
          )}
          <Typography.Text strong>① 选票编号</Typography.Text>
          <Input
            ref={serialInput}
            aria-label="选票编号"
            size="large"
            autoFocus
            autoComplete="off"
            placeholder="输入选票上的编号,回车"
            value={ballot.serial}
            status={blocked ? 'error' : undefined}
            disabled={phase === 'marks'}
            onChange={(e) => setBallot((b) => ({ ...b, serial: e.target.value }))}
            onKeyDown={onSerialKey}
            style={{ margin: '6px 0 4px' }}
          />
          {repeated ? (
            <Alert
              type="error"
              showIcon
              role="alert"
              title={`编号 ${serial} 已录入过(本机或其他录入台),请核对选票;按 Esc 清除`}
            />
          ) : printed?.ok === false ? (
            <Alert type="error" showIcon role="alert" title={`${printed.message};按 Esc 清除`} />
          ) : (
            <Typography.Text type="secondary">回车后逐一标记;Esc 清除本张</Typography.Text>
          )}

          <div style={{ marginTop: 16 }}>
            <Typography.Text strong>② 标记</Typography.Text>{' '}
            <Typography.Text type="secondary">{keyHelp}</Typography.Text>
            {writeInsAllowed && <Typography.Text type="secondary"> · + 另选他人</Typography.Text>}
          </div>
          <div
            ref={marksPanel}
            role="application"
            tabIndex={phase === 'marks' ? 0 : -1}
            aria-label="标记选票"
            onKeyDown={onMarksKey}
            style={{
              marginTop: 6,
              padding: 8,
              borderRadius: 8,
              border: `2px solid ${phase === 'marks' ? '#1677ff' : '#f0f0f0'}`,
              outline: 'none',
              opacity: phase === 'marks' ? 1 : 0.6,
            }}
          >
            {candidates.map((id, index) => {
              const value = kind === 'recommendation' ? undefined : ballot.marks[id];
              const ticked = ballot.choices.includes(id);
              const here = phase === 'marks' && isMarkKind(kind) && index === cursor;
              return (
                <div
                  key={id}
                  data-candidate={id}
                  style={{
                    display: 'flex',
                    justifyContent: 'space-between',
                    alignItems: 'center',
                    padding: '6px 10px',
                    borderRadius: 6,
                    background: here ? '#e6f4ff' : undefined,
                  }}
                >
                  <span style={{ fontSize: 16 }}>
                    <Tag>{index + 1}</Tag>
                    {nameOf(id)}
                  </span>
                  {kind === 'recommendation' ? (
                    ticked ? (
                      <Tag color="red">推荐</Tag>
                    ) : (
                      <Typography.Text type="secondary">—</Typography.Text>
                    )
                  ) : value && isMarkKind(kind) ? (
                    <Tag color={value === 'for' || value === 'satisfied' ? 'red' : 'default'}>
                      {markLabel(kind, value)}
                    </Tag>
                  ) : (
                    <Typography.Text type="secondary">
                      {kind === 'evaluation' ? '未标' : '未标(弃权)'}
                    </Typography.Text>
                  )}
                </div>
              );
            })}
            {ballot.writeIns.map((id) => (
              <div key={id} style={{ padding: '6px 10px' }}>
                <Tag color="purple">另选</Tag>
                {nameOf(id)}
              </div>
            ))}
            {writingIn && (
              <Select
                showSearch
                autoFocus
                defaultOpen
                aria-label="另选他人"
                placeholder="输入姓名查找党员"
                style={{ width: '100%', marginTop: 6 }}
                optionFilterProp="label"
                options={props.writeInChoices
                  .filter((m) => !ballot.writeIns.includes(m.id))
                  .map((m) => ({ value: m.id, label: m.name }))}
                onSelect={(id: string) => {
                  setBallot((b) => ({ ...b, writeIns: [...b.writeIns, id] }));
                  setWritingIn(false);
                  focusMarks();
                }}
                onKeyDown={(e) => {
                  e.stopPropagation();
                  if (e.key === 'Escape') {
                    setWritingIn(false);
                    focusMarks();
                  }
                }}
              />
            )}
          </div>
          <Space style={{ marginTop: 12 }} wrap>
            <Button type="primary" onClick={commit} disabled={phase !== 'marks' || repeated}>
              确认本张(Enter)
            </Button>
            <Button onClick={clear}>清除本张(Esc)</Button>
          </Space>

          {queue.problem && (
            <Alert
              style={{ marginTop: 16 }}
              type="warning"
              showIcon
              title={queue.problem}
              action={
                <Button size="small" onClick={queue.retryNow}>
                  立即重发
                </Button>
              }
            />
          )}
          <Table<Entry>
            style={{ marginTop: 16 }}
            size="small"
            rowKey={(e) => `${e.serial}-${e.state}`}
            pagination={{ pageSize: 8, hideOnSinglePage: true }}
            scroll={{ x: 'max-content' }}
            locale={{ emptyText: '本机尚未录入选票' }}
            dataSource={[...queue.entries].reverse()}
            columns={[
              { title: '编号', dataIndex: 'serial' },
              {
                title: '状态',
                render: (_, e) => {
                  const tag = STATE_TAGS[e.state];
                  const text = e.state === 'queued' && e.reason === 'unsent' ? '待重发' : tag.text;
                  return <Tag color={tag.color}>{text}</Tag>;
                },
              },
              {
                title: '说明',
                render: (_, e) =>
                  e.state === 'invalid'
                    ? (INVALID_REASONS[e.reason ?? ''] ?? e.reason)
                    : e.state === 'duplicate' || e.state === 'refused'
                      ? e.reason
                      : e.resent
                        ? '重发时确认:上次请求已录入'
                        : '',
              },
              {
                title: '',
                render: (_, e) =>
                  e.state === 'duplicate' || e.state === 'refused' ? (
                    <Button size="small" type="link" onClick={() => queue.remove(e.serial)}>
                      移除
                    </Button>
                  ) : null,
              },
            ]}
          />
        </Card>
      </Col>
      <Col xs={24} lg={10}>
        <Card title="实时计票(本机)" aria-label="实时计票">
          <Table
            size="small"
            rowKey="id"
            pagination={false}
            dataSource={tallyRows}
            columns={[
              {
                title: '姓名',
                render: (_, r) => <CandidateName {...r} />,
              },
              { title: `${countWord}票`, dataIndex: 'votes', align: 'right' },
            ]}
          />
          <Space direction="vertical" style={{ marginTop: 12 }}>
            <Typography.Text>
              本机已录入 <b>{entered.length}</b> 张(其中无效 {invalidCount} 张)
              {waiting.length > 0 && `,待发送 ${waiting.length} 张`}
            </Typography.Text>
            <Typography.Text type="secondary">
              服务器已收 {queue.serverCount} 张 / 发出 {issued} 张
            </Typography.Text>
          </Space>
        </Card>
      </Col>
    </Row>
  );
}

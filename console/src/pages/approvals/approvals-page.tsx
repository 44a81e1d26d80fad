import { ReloadOutlined, SendOutlined } from '@ant-design/icons';
import { App, Button, Card, Flex, Select, Tag, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { Link } from 'react-router';
import { APPROVAL_KIND_NAMES } from '../../../../shared/notices/labels.ts';
import { ApiError, call } from '../../api/client.ts';
import type { AnswerOf } from '../../api/routes.ts';
import { ConfirmButton } from '../../components/confirm-button.tsx';
import { LoadedTable } from '../../components/loaded-table.tsx';
import { useLoad } from '../../components/use-load.ts';
import { useOrganizations } from '../../components/use-organizations.ts';
import { when } from '../../format.ts';

type Approval = AnswerOf<'GET /v1/approvals'>[number];
type Row = Approval & { closed?: string };

/** The approvals that belong to the supervision screens of an election, not to its stages. */
const SUPERVISION = new Set(['commitment', 'recall', 'by-election']);

const kindName = (kind: string) =>
  APPROVAL_KIND_NAMES[kind as keyof typeof APPROVAL_KIND_NAMES] ?? kind;

/**
 * 上级审批: what waits for the superior's decision across the organizer's organizations, to
 * whom the request went and until when the link works, with a resend of the mail (confirmed;
 * at most once per 10 minutes). An approval that leaves the list while the page is open was
 * decided or expired: it stays shown as such, so nothing vanishes without a word.
 */
export default function ApprovalsPage() {
  const { message } = App.useApp();
  const orgs = useOrganizations();
  const [orgId, setOrgId] = useState<string | undefined>(undefined);
  const [resending, setResending] = useState<string | null>(null);
  const [closed, setClosed] = useState<Map<string, Row>>(new Map());
  const pending = useLoad(
    () => call('GET /v1/approvals', { params: {}, query: { orgId, status: 'pending' } }),
    orgId ?? '*',
  );
  const seen = useRef<Map<string, Approval>>(new Map());

  // Those listed before and gone now were decided or expired meanwhile.
  useEffect(() => {
    if (!pending.data) return;
    const now = new Set(pending.data.map((a) => a.id));
    const gone = [...seen.current.values()].filter((a) => !now.has(a.id));
    if (gone.length > 0) {
      setClosed((before) => {
        const next = new Map(before);
        for (const a of gone)
          if (!next.has(a.id)) next.set(a.id, { ...a, closed: '已决定或已过期' });
        return next;
      });
    }
    seen.current = new Map(pending.data.map((a) => [a.id, a]));
  }, [pending.data]);

  const resend = async (approval: Approval) => {
    setResending(approval.id);
    try {
      const answer = await call('POST /v1/approvals/{approvalId}/resend', {
        params: { approvalId: approval.id },
      });
      if (answer.resent) message.success(`审批链接已重新发送至 ${answer.sentTo.join('、')}`);
      else message.info('10 分钟内已重发过一次,未再次发送;请上级查收先前的邮件');
    } catch (error) {
      if (error instanceof ApiError && error.status === 409) {
        setClosed((before) =>
          new Map(before).set(approval.id, { ...approval, closed: error.message }),
        );
        message.warning('该审批已作出决定或已过期,无需重发');
      } else {
        message.error(error instanceof Error ? error.message : String(error));
      }
    } finally {
      setResending(null);
      void pending.reload();
    }
  };

  const nowMs = Date.now();
  const rows: Row[] = [
    ...(pending.data ?? []).filter((a) => !closed.has(a.id)),
    ...[...closed.values()].filter((a) => !orgId || a.orgId === orgId),
  ];
  return (
    <Card
      title="上级审批"
      extra={
        <Flex gap="small" wrap>
          <Select
            aria-label="党组织"
            allowClear
            showSearch
            optionFilterProp="label"
            placeholder="全部党组织"
            style={{ width: 220 }}
            value={orgId}
            onChange={setOrgId}
            loading={orgs.loading}
            options={orgs.organizations.map((o) => ({ value: o.id, label: o.name }))}
          />
          <Button icon={<ReloadOutlined />} onClick={() => void pending.reload()}>
            刷新
          </Button>
        </Flex>
      }
    >
      <Typography.Paragraph type="secondary">
        等待上级党组织审批的事项。审批请求已通过邮件发送给上级;上级未收到或遗失邮件时,可重发审批链接(原链接仍然有效)。链接过期后系统会自动发送提醒和新的链接。
      </Typography.Paragraph>
      <LoadedTable<Row>
        load={pending}
        dataSource={rows}
        width={960}
        empty="没有待审批的事项"
        columns={[
          {
            title: '选举',
            key: 'election',
            width: 170,
            render: (_, a) => (
              <Flex vertical>
                <Link
                  to={`/elections/${a.electionId}${SUPERVISION.has(a.kind) ? '/supervision' : ''}`}
                >
                  {orgs.nameOf(a.orgId)}
                </Link>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {a.electionId}
                </Typography.Text>
              </Flex>
            ),
          },
          { title: '审批事项', dataIndex: 'kind', width: 130, render: kindName },
          {
            title: '发送给',
            dataIndex: 'sentTo',
            render: (to: string[]) => to.join('、') || '—',
          },
          { title: '发送时间', dataIndex: 'sentAt', width: 120, render: (at: string) => when(at) },
          {
            title: '链接有效期至',
            key: 'expiresAt',
            width: 170,
            render: (_, a) => (
              <Flex gap={4} wrap>
                {when(a.expiresAt)}
                {a.closed ? (
                  <Tag>{a.closed}</Tag>
                ) : Date.parse(a.expiresAt) <= nowMs ? (
                  <Tag color="red">已过期</Tag>
                ) : (
                  <Tag color="gold">待审批</Tag>
                )}
              </Flex>
            ),
          },
          {
            title: '操作',
            key: 'action',
            width: 140,
            fixed: 'right',
            render: (_, a) =>
              a.closed || Date.parse(a.expiresAt) <= nowMs ? (
                <Typography.Text type="secondary">无需重发</Typography.Text>
              ) : (
                <ConfirmButton
                  size="small"
                  icon={<SendOutlined />}
                  loading={resending === a.id}
                  confirm={{
                    title: '重发审批链接?',
                    description: `将审批邮件再次发送至 ${a.sentTo.join('、')}`,
                    okText: '重发',
                  }}
                  onConfirm={() => resend(a)}
                >
                  重发审批链接
                </ConfirmButton>
              ),
          },
        ]}
      />
    </Card>
  );
}

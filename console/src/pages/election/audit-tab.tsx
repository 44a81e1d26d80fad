import { CheckCircleOutlined, WarningOutlined } from '@ant-design/icons';
import { Alert, Card, Space, Tag, Tooltip, Typography } from 'antd';
import { call } from '../../api/client.ts';
import { useLoad } from '../../components/use-load.ts';
import { when } from '../../format.ts';
import { verifyAuditChain } from './audit-chain.ts';
import type { ElectionTabProps } from './election-data.ts';
import { ListTable } from './parts.tsx';

const NOTICE_STATUS = {
  sent: { color: 'green', label: '已发送' },
  pending: { color: 'blue', label: '待发送' },
  sending: { color: 'blue', label: '发送中' },
  failed: { color: 'red', label: '发送失败' },
} as const;

/** The recorded actions of an election, as the organizers call them. */
const ACTION_NAMES: Record<string, string> = {
  'election-created': '创建选举',
  'stage-begun': '阶段开始',
  'stage-entered': '进入阶段',
  'stage-advanced': '阶段推进',
  'deadline-moved': '调整截止时间',
  'election-halted': '选举暂停',
  'election-resumed': '选举恢复',
  'election-cancelled': '选举撤销',
  'nomination-recorded': '录入提名',
  'eligibility-decided': '资格审查决定',
  'objection-filed': '提出异议',
  'objection-resolved': '处理异议',
  'inspection-recorded': '录入考察',
  'inspection-proposal': '提交上级票决人选',
  'statement-recorded': '记录演讲或承诺',
  'suggestion-submitted': '提交委员建议名单',
  'suggestion-amended': '修改委员建议名单',
  'round-opened': '开设投票轮次',
  'round-closed': '计票',
  'round-decided': '组织决定(平票/不足额)',
  'result-recorded': '记录选举结果',
  'approval-requested': '请求上级审批',
  'approval-renewed': '重发审批链接',
  'approval-expired': '审批过期',
  'approval-decided': '上级审批决定',
  'mail-undeliverable': '邮件无法送达',
};

const REASONS: Record<string, string> = {
  'hash does not match the entry': '记录内容与其哈希不符(记录被改动)',
  'prevHash does not match the entry before': '与上一条记录的哈希衔接不上(记录被删除、插入或改动)',
};

/**
 * 审计日志 and 通知: every recorded change in order, its hash chain verified here in the browser
 * (not taken on the server's word), and every e-mail of the election — sent, waiting or failed
 * with the error.
 */
export function AuditTab({ election }: ElectionTabProps) {
  const audit = useLoad(async () => {
    const entries = await call('GET /v1/elections/{id}/audit', { params: { id: election.id } });
    return { entries, check: await verifyAuditChain(entries) };
  }, `${election.id}:audit`);
  const notices = useLoad(
    () => call('GET /v1/elections/{id}/notices', { params: { id: election.id } }),
    `${election.id}:notices`,
  );
  const check = audit.data?.check;
  const broken = check && !check.ok ? check.seq : undefined;
  const failed = (notices.data ?? []).filter((n) => n.status === 'failed').length;
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Card size="small" title="审计日志">
        {audit.error && <Alert type="error" showIcon title={`无法读取审计日志:${audit.error}`} />}
        {check &&
          (check.ok ? (
            <Alert
              type="success"
              showIcon
              icon={<CheckCircleOutlined />}
              title={`链完整:共 ${check.length} 条记录,已在本页逐条重新计算哈希并核对`}
              style={{ marginBottom: 12 }}
            />
          ) : (
            <Alert
              type="error"
              showIcon
              icon={<WarningOutlined />}
              title={`审计链在第 ${check.seq} 条记录处断开`}
              description={REASONS[check.reason] ?? check.reason}
              style={{ marginBottom: 12 }}
            />
          ))}
        <ListTable
          rowKey="seq"
          loading={audit.loading}
          dataSource={audit.data?.entries ?? []}
          pageSize={50}
          rowClassName={(entry) => (entry.seq === broken ? 'ant-table-row-selected' : '')}
          empty="还没有审计记录"
          columns={[
            { title: '序号', dataIndex: 'seq', width: 64 },
            { title: '时间', dataIndex: 'at', render: (at: string) => when(at) },
            { title: '操作人', dataIndex: 'actor' },
            {
              title: '操作',
              dataIndex: 'action',
              render: (action: string, entry) => (
                <Space size={4}>
                  <Tooltip title={action}>{ACTION_NAMES[action] ?? action}</Tooltip>
                  {entry.seq === broken && <Tag color="red">断开处</Tag>}
                </Space>
              ),
            },
            {
              title: '内容',
              dataIndex: 'data',
              render: (data: unknown) => (
                <Typography.Text
                  style={{ maxWidth: 280, display: 'inline-block', fontSize: 12 }}
                  ellipsis={{ tooltip: JSON.stringify(data, null, 1) }}
                >
                  {JSON.stringify(data)}
                </Typography.Text>
              ),
            },
            {
              title: '哈希',
              dataIndex: 'hash',
              render: (hash: string) => (
                <Typography.Text code copyable={{ text: hash }}>
                  {hash.slice(0, 8)}…
                </Typography.Text>
              ),
            },
          ]}
        />
      </Card>
      <Card
        size="small"
        title="通知邮件"
        extra={failed > 0 ? <Tag color="red">{failed} 封发送失败</Tag> : undefined}
      >
        {notices.error && <Alert type="error" showIcon title={`无法读取通知:${notices.error}`} />}
        <ListTable
          rowKey={(n) => `${n.createdAt}:${n.to}:${n.template}:${n.subject}`}
          loading={notices.loading}
          dataSource={notices.data ?? []}
          pageSize={20}
          empty="还没有发出通知"
          columns={[
            { title: '收件人', dataIndex: 'to' },
            { title: '主题', dataIndex: 'subject' },
            {
              title: '状态',
              dataIndex: 'status',
              render: (status: keyof typeof NOTICE_STATUS) => (
                <Tag color={NOTICE_STATUS[status].color}>{NOTICE_STATUS[status].label}</Tag>
              ),
            },
            { title: '生成时间', dataIndex: 'createdAt', render: (at: string) => when(at) },
            {
              title: '发送时间',
              dataIndex: 'sentAt',
              render: (at: string | null) => (at ? when(at) : '—'),
            },
            { title: '尝试次数', dataIndex: 'attempts' },
            {
              title: '错误',
              dataIndex: 'error',
              render: (error: string | null, notice) =>
                error ? (
                  <Typography.Text type="danger">
                    {error}
                    {notice.notBefore ? `(${when(notice.notBefore)} 后重试)` : ''}
                  </Typography.Text>
                ) : (
                  '—'
                ),
            },
          ]}
        />
      </Card>
    </Space>
  );
}

import { Alert, Button, Card, Form, Input, Radio, Tag, Typography } from 'antd';
import { useState } from 'react';
import { ResolutionBody } from '../../../../shared/election/candidates/schemas.ts';
import { call } from '../../api/client.ts';
import type { AnswerOf } from '../../api/routes.ts';
import { FormModal } from '../../components/form-modal.tsx';
import { useDialogForm } from '../../components/use-dialog-form.ts';
import { useLoad } from '../../components/use-load.ts';
import { OFFICE_NAMES, STAGE_NAMES, when } from '../../format.ts';
import type { ElectionTabProps } from './election-data.ts';
import { ListTable, optionsOf } from './parts.tsx';

type Objection = AnswerOf<'GET /v1/elections/{id}/objections'>[number];

const STATUS = {
  open: { color: 'orange', label: '待处理' },
  upheld: { color: 'red', label: '异议成立' },
  dismissed: { color: 'default', label: '异议不成立' },
} as const;

const RESOLUTION_NAMES = {
  dismissed: '异议不成立(保留候选人)',
  upheld: '异议成立(取消候选人资格)',
} as const;

/**
 * 公示期间的异议: every objection with its text (organizers only), and its resolution — 成立
 * removes the candidate, 不成立 keeps them; either with the reason the board will show.
 */
export function ObjectionsCard({ election, nameOf, reload }: ElectionTabProps) {
  const list = useLoad(
    () => call('GET /v1/elections/{id}/objections', { params: { id: election.id } }),
    `${election.id}:objections:${election.stage}`,
  );
  const [resolving, setResolving] = useState<Objection | null>(null);
  const dialog = useDialogForm(
    { open: resolving !== null, onClose: () => setResolving(null) },
    {
      schema: ResolutionBody,
      toBody: (values: { decision?: 'upheld' | 'dismissed'; reason?: string }) => values,
      send: (body) =>
        call('POST /v1/elections/{id}/objections/{objectionId}/resolution', {
          params: { id: election.id, objectionId: resolving?.id ?? '' },
          body,
        }),
      success: (objection) =>
        objection.status === 'upheld' ? '已认定异议成立' : '已认定异议不成立',
      onDone: () => {
        setResolving(null);
        void Promise.all([list.reload(), reload()]);
      },
    },
  );
  const decision = Form.useWatch('decision', dialog.form);
  const open = (list.data ?? []).filter((o) => o.status === 'open').length;
  return (
    <Card
      size="small"
      title="公示期间的异议"
      extra={open > 0 ? <Tag color="orange">{open} 件待处理</Tag> : undefined}
    >
      {list.error && <Alert type="error" showIcon title={`无法读取异议:${list.error}`} />}
      <ListTable
        rowKey="id"
        loading={list.loading}
        dataSource={list.data ?? []}
        pageSize={10}
        empty="没有异议:公示期间群众可在公示栏提出"
        columns={[
          {
            title: '候选人',
            dataIndex: 'candidateId',
            render: (id: string, o) => `${nameOf(id)} · ${OFFICE_NAMES[o.office]}`,
          },
          {
            title: '异议内容',
            dataIndex: 'text',
            render: (text: string) => (
              <Typography.Paragraph
                style={{ maxWidth: 360, margin: 0 }}
                ellipsis={{ rows: 3, expandable: true }}
              >
                {text}
              </Typography.Paragraph>
            ),
          },
          {
            title: '公示阶段',
            dataIndex: 'stage',
            render: (s: Objection['stage']) => STAGE_NAMES[s],
          },
          { title: '提出时间', dataIndex: 'filedAt', render: (at: string) => when(at) },
          {
            title: '处理结果',
            dataIndex: 'status',
            render: (status: Objection['status'], o) => (
              <>
                <Tag color={STATUS[status].color}>{STATUS[status].label}</Tag>
                {o.resolution && <div>{o.resolution.reason}</div>}
              </>
            ),
          },
          {
            title: '操作',
            key: 'resolve',
            fixed: 'right',
            render: (_, o) =>
              o.status === 'open' ? (
                <Button size="small" type="primary" onClick={() => setResolving(o)}>
                  处理
                </Button>
              ) : null,
          },
        ]}
      />
      <FormModal
        {...dialog}
        title={resolving ? `处理异议:${nameOf(resolving.candidateId)}` : '处理异议'}
        name="resolution"
        okText={decision === 'upheld' ? '确认异议成立' : '确认处理结果'}
        danger={decision === 'upheld'}
      >
        {resolving && <Typography.Paragraph>{resolving.text}</Typography.Paragraph>}
        <Form.Item label="经核实" name="decision" required>
          <Radio.Group options={optionsOf(['dismissed', 'upheld'], RESOLUTION_NAMES)} />
        </Form.Item>
        {decision === 'upheld' && (
          <Alert
            type="warning"
            showIcon
            title="异议成立将取消该候选人的候选人资格,不能撤回"
            style={{ marginBottom: 16 }}
          />
        )}
        <Form.Item label="核实情况和理由" name="reason" required extra="将在公示栏公布处理结果">
          <Input.TextArea rows={3} maxLength={2000} showCount />
        </Form.Item>
      </FormModal>
    </Card>
  );
}

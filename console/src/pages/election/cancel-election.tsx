import { StopOutlined } from '@ant-design/icons';
import { Alert, Button, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { CancelBody } from '../../../../shared/election/elections/schemas.ts';
import { call } from '../../api/client.ts';
import { FormModal } from '../../components/form-modal.tsx';
import { useSubmit } from '../../components/use-submit.ts';
import type { Election } from './election-data.ts';

/** Where an election has ended: nothing left to cancel. */
const ENDED = new Set(['completed', 'cancelled']);

/**
 * 撤销选举 (`POST …/cancel`): asks the reason, says what it does — the workflow stops for good and
 * every member with an e-mail and the organizers are told — and only then cancels.
 */
export function CancelElection(props: { election: Election; onCancelled: () => void }) {
  const { election } = props;
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<{ reason?: string }>();
  const submitting = useSubmit({
    form,
    schema: CancelBody,
    toBody: (values) => values,
    send: (body) => call('POST /v1/elections/{id}/cancel', { params: { id: election.id }, body }),
    success: '选举已撤销,已通知全体党员',
    onDone: () => {
      setOpen(false);
      props.onCancelled();
    },
  });
  if (ENDED.has(election.stage)) return null;
  return (
    <>
      <Button danger icon={<StopOutlined />} onClick={() => setOpen(true)}>
        撤销选举
      </Button>
      <FormModal
        title="撤销选举"
        open={open}
        onClose={() => setOpen(false)}
        form={form}
        name="cancel"
        okText="确认撤销,并通知党员"
        danger
        submitting={submitting}
      >
        <Alert
          type="warning"
          showIcon
          title="撤销后不能恢复"
          description="选举流程将停止;名册中留有邮箱的每一位党员和组织者都会收到撤销通知,通知中写明撤销原因。"
          style={{ marginBottom: 16 }}
        />
        <Form.Item label="撤销原因" name="reason" required extra="将写入通知和审计日志">
          <Input.TextArea rows={3} maxLength={500} showCount />
        </Form.Item>
        <Typography.Text type="secondary">选举编号:{election.id}</Typography.Text>
      </FormModal>
    </>
  );
}

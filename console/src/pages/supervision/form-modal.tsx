import { Alert, Button, Modal } from 'antd';
import type { ReactNode } from 'react';

/**
 * The frame of every supervision form: a dialog with its submit button (which shows the request
 * is on its way) and the refusal the API gave that belongs to no single field, above the form.
 */
export function FormModal(props: {
  title: string;
  open: boolean;
  okText: string;
  danger?: boolean;
  width?: number;
  pending: boolean;
  problem: string | null;
  onClose: () => void;
  onSubmit: () => void;
  children: ReactNode;
}) {
  return (
    <Modal
      title={props.title}
      open={props.open}
      onCancel={props.onClose}
      width={props.width}
      forceRender
      footer={[
        <Button key="cancel" onClick={props.onClose}>
          取消
        </Button>,
        <Button
          key="ok"
          type="primary"
          danger={props.danger}
          loading={props.pending}
          onClick={props.onSubmit}
        >
          {props.okText}
        </Button>,
      ]}
    >
      {props.problem && (
        <Alert type="error" showIcon title={props.problem} style={{ marginBottom: 16 }} />
      )}
      {props.children}
    </Modal>
  );
}

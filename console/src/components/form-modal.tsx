import { Alert, Button, Form, type FormInstance, Modal } from 'antd';
import type { ReactNode } from 'react';

/**
 * The frame of every console form in a dialog: a dialog with its submit button (which shows the
 * request is on its way), the form, and the refusal the API gave that belongs to no single field,
 * above the form.
 */
export function FormModal<V>(props: {
  title: string;
  open: boolean;
  okText: string;
  danger?: boolean;
  width?: number;
  /** The form and what `useSubmit` gives for it. */
  form: FormInstance<V>;
  initialValues?: object;
  /** Prefixes its fields' ids: two forms on one page may share field names (and their labels). */
  name?: string;
  submitting: { submit: () => void; pending: boolean; problem: string | null };
  onClose: () => void;
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
          loading={props.submitting.pending}
          onClick={props.submitting.submit}
        >
          {props.okText}
        </Button>,
      ]}
    >
      {props.submitting.problem && (
        <Alert
          type="error"
          showIcon
          title={props.submitting.problem}
          style={{ marginBottom: 16 }}
        />
      )}
      <Form
        name={props.name}
        form={props.form}
        layout="vertical"
        initialValues={props.initialValues}
      >
        {props.children}
      </Form>
    </Modal>
  );
}

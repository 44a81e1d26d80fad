import { Button, type ButtonProps, Popconfirm } from 'antd';
import type { ReactNode } from 'react';

/**
 * A button for a step that cannot be taken back (or that mails someone): it acts only once the
 * organizer confirms what it will do.
 */
export function ConfirmButton(
  props: Omit<ButtonProps, 'onClick' | 'title'> & {
    confirm: { title: string; description: ReactNode; okText: string; cancelText?: string };
    onConfirm: () => unknown;
  },
) {
  const { confirm, onConfirm, ...button } = props;
  return (
    <Popconfirm
      title={confirm.title}
      description={confirm.description}
      okText={confirm.okText}
      cancelText={confirm.cancelText ?? '取消'}
      onConfirm={onConfirm}
    >
      <Button {...button} />
    </Popconfirm>
  );
}

import { BellOutlined } from '@ant-design/icons';
import { ConfirmButton } from '../../components/confirm-button.tsx';

/** 提醒上级, confirmed first: a new approval link goes out only once the old one expired. */
export function ReminderButton(props: { loading: boolean; onConfirm: () => void }) {
  return (
    <ConfirmButton
      size="small"
      icon={<BellOutlined />}
      loading={props.loading}
      confirm={{
        title: '提醒上级党组织审批?',
        description: '原审批链接过期时发送新的链接;仍有效时不重复发送。',
        okText: '提醒',
      }}
      onConfirm={props.onConfirm}
    >
      提醒上级
    </ConfirmButton>
  );
}

import { DesktopOutlined } from '@ant-design/icons';
import { App, Button, Modal, Space, Typography } from 'antd';
import { useState } from 'react';
import { call } from '../../api/client.ts';

/**
 * 唱票大屏: creates a link to the election's 唱票 board (`POST …/count-board`) and shows it to copy
 * onto the projector's browser; the link may be revoked here while the dialog is open (a link
 * lost later is revoked by creating no new one: it shows nothing but counts and names).
 */
export function CountBoardButton({ electionId }: { electionId: string }) {
  const { message } = App.useApp();
  const [link, setLink] = useState<{ token: string; url: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const run = async (action: () => Promise<void>) => {
    setBusy(true);
    try {
      await action();
    } catch (failure) {
      message.error(failure instanceof Error ? failure.message : String(failure));
    } finally {
      setBusy(false);
    }
  };
  const create = () =>
    run(async () =>
      setLink(await call('POST /v1/elections/{id}/count-board', { params: { id: electionId } })),
    );
  const revoke = (token: string) =>
    run(async () => {
      await call('DELETE /v1/elections/{id}/count-board/{token}', {
        params: { id: electionId, token },
      });
      message.success('链接已撤销');
      setLink(null);
    });
  const address = link ? `${window.location.origin}${link.url}` : '';
  return (
    <>
      <Button icon={<DesktopOutlined />} loading={busy && !link} onClick={create}>
        唱票大屏
      </Button>
      <Modal
        title="唱票大屏链接"
        open={link !== null}
        onCancel={() => setLink(null)}
        footer={[
          <Button key="revoke" danger loading={busy} onClick={() => link && revoke(link.token)}>
            撤销此链接
          </Button>,
          <Button key="close" type="primary" onClick={() => setLink(null)}>
            完成
          </Button>,
        ]}
      >
        <Space direction="vertical" style={{ width: '100%' }}>
          <Typography.Text>
            在投影电脑的浏览器中打开此链接(无需登录,双击画面全屏)。大屏只显示候选人姓名和计票数,每秒更新。
          </Typography.Text>
          <Typography.Paragraph
            copyable={{ text: address }}
            code
            style={{ wordBreak: 'break-all' }}
          >
            {address}
          </Typography.Paragraph>
          <Typography.Link href={address} target="_blank" rel="noreferrer">
            在新窗口打开
          </Typography.Link>
        </Space>
      </Modal>
    </>
  );
}

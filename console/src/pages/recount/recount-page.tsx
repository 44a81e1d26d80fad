import { InboxOutlined } from '@ant-design/icons';
import { Alert, Card, Flex, Input, List, Result, Typography, Upload } from 'antd';
import { useState } from 'react';
import {
  type RecountVerdict,
  verdictLines,
  verifyRecountText,
} from '../../../../shared/recount/verify.ts';

/**
 * 复核计票 (public, no sign-in): a round's recount file, chosen or dropped here, checked in the
 * browser by the very verifier the command runs (shared/recount/verify.ts) — nothing is sent
 * anywhere. `match`, or each difference by name.
 */
export default function RecountPage() {
  const [head, setHead] = useState('');
  const [checked, setChecked] = useState<{ name: string; verdict: RecountVerdict }>();
  const headOk = head.trim() === '' || /^[0-9a-fA-F]{64}$/.test(head.trim());

  const check = async (file: File) => {
    const text = await file.text();
    const options = head.trim() && headOk ? { head: head.trim() } : {};
    setChecked({ name: file.name, verdict: await verifyRecountText(text, options) });
  };
  const pick = (file: File) => {
    void check(file);
    return false;
  };

  return (
    <div style={{ maxWidth: 880, margin: '32px auto', padding: '0 16px' }}>
      <Typography.Title level={3}>复核计票</Typography.Title>
      <Typography.Paragraph type="secondary">
        选择或拖入某一轮投票的复核文件(公开下载:/public/elections/选举编号/rounds/轮次编号/recount)。
        本页在浏览器中用与服务器相同的计票规则重新计票,并核对审计链与封存摘要;文件不会上传。
      </Typography.Paragraph>
      <Flex vertical gap="middle">
        <Typography.Text>选举结果报告单上的审计链末端哈希(可选,用于锚定审计链)</Typography.Text>
        <Input
          aria-label="审计链末端哈希"
          value={head}
          onChange={(event) => setHead(event.target.value)}
          status={headOk ? '' : 'error'}
          placeholder="64 位十六进制"
          allowClear
        />
        {/* Read here, never uploaded: returning false keeps antd from sending it. */}
        <Upload.Dragger accept=".json,application/json" showUploadList={false} beforeUpload={pick}>
          <InboxOutlined style={{ fontSize: 40, color: '#c8102e' }} />
          <Typography.Paragraph style={{ marginTop: 12 }}>
            点击选择或拖入复核文件(.json)
          </Typography.Paragraph>
        </Upload.Dragger>
        {checked && <Verdict {...checked} />}
      </Flex>
    </div>
  );
}

function Verdict({ name, verdict }: { name: string; verdict: RecountVerdict }) {
  if (verdict.outcome === 'match') {
    return (
      <Result
        status="success"
        title="match"
        subTitle={`${name}:轮次 ${verdict.roundId} 的 ${verdict.checked} 张选票重新计票结果一致,审计链完整`}
      />
    );
  }
  return (
    <Card title={name}>
      <Alert
        type={verdict.outcome === 'bad-file' ? 'warning' : 'error'}
        showIcon
        title={
          verdict.outcome === 'bad-file'
            ? '这不是有效的复核文件'
            : `轮次 ${verdict.roundId} 复核不一致:${verdict.differences.length} 处`
        }
        style={{ marginBottom: 16 }}
      />
      <List
        size="small"
        dataSource={verdictLines(verdict)}
        renderItem={(line) => (
          <List.Item>
            <Typography.Text code>{line}</Typography.Text>
          </List.Item>
        )}
      />
    </Card>
  );
}

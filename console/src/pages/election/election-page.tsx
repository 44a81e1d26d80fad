import { Result } from 'antd';

// Placeholder until its screen lands (issue 14, this session).
export default function ElectionPage() {
  return <Result status="info" title="此页面正在建设中" />;
}

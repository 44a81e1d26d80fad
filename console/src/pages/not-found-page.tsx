import { Button, Result } from 'antd';
import { useNavigate } from 'react-router';

export default function NotFoundPage() {
  const navigate = useNavigate();
  return (
    <Result
      status="404"
      title="没有这个页面"
      extra={<Button onClick={() => navigate('/elections')}>回到选举列表</Button>}
    />
  );
}

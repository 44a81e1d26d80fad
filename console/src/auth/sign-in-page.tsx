import { Alert, Button, Card, Checkbox, Form, Input, Select, Spin, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { signInLocally, startSignIn } from './session.ts';

const ROLE_OPTIONS = [
  { value: 'organizer', label: '组织者(党组织工作人员)' },
  { value: 'teller', label: '计票人 / 发票人' },
  { value: 'scrutineer', label: '监票人' },
  { value: 'approver', label: '上级党组织审批人' },
  { value: 'member', label: '党员' },
];

interface LocalSignIn {
  sub: string;
  roles: string[];
  orgs: string[];
}

/**
 * Sign-in. On AWS it hands over to Cognito's managed login at once. Locally (no user pool) it
 * asks who you are acting as — roles and organizations — and the local adapter signs a token;
 * that route does not exist on AWS.
 */
export default function SignInPage() {
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const back = params.get('back') || '/elections';
  const [mode, setMode] = useState<'checking' | 'local' | 'redirected'>('checking');
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const [form] = Form.useForm<LocalSignIn>();

  useEffect(() => {
    startSignIn(back).then(setMode, (failure: unknown) => {
      setError(failure instanceof Error ? failure.message : String(failure));
      setMode('local');
    });
  }, [back]);

  if (mode !== 'local') return <Spin style={{ display: 'block', margin: 96 }} />;

  const submit = async (values: LocalSignIn) => {
    setPending(true);
    setError(null);
    try {
      await signInLocally(values);
      navigate(back, { replace: true });
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : String(failure));
    } finally {
      setPending(false);
    }
  };

  return (
    <div style={{ display: 'flex', justifyContent: 'center', padding: '8vh 16px' }}>
      <Card style={{ width: 480 }}>
        <Typography.Title level={3}>公推直选 · 组织者控制台</Typography.Title>
        <Typography.Paragraph type="secondary">
          本地环境登录:选择以何种身份、为哪些党组织操作。本页仅在本地环境提供,AWS 上由 Cognito
          统一登录。
        </Typography.Paragraph>
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
        <Form
          form={form}
          layout="vertical"
          initialValues={{
            sub: 'organizer',
            roles: ['organizer', 'teller', 'scrutineer'],
            orgs: ['*'],
          }}
          onFinish={submit}
        >
          <Form.Item
            label="用户名"
            name="sub"
            rules={[{ required: true, message: '请填写用户名' }]}
          >
            <Input autoComplete="username" />
          </Form.Item>
          <Form.Item
            label="角色"
            name="roles"
            rules={[{ required: true, message: '至少选择一个角色' }]}
          >
            <Checkbox.Group options={ROLE_OPTIONS} style={{ display: 'grid', gap: 4 }} />
          </Form.Item>
          <Form.Item
            label="可操作的党组织编号"
            name="orgs"
            extra="输入编号后回车;* 表示全部"
            rules={[{ required: true, message: '至少填写一个党组织编号,或 *' }]}
          >
            <Select mode="tags" open={false} tokenSeparators={[',', ' ']} />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={pending}>
            登录
          </Button>
        </Form>
      </Card>
    </div>
  );
}

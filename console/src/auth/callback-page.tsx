import { Alert, Spin } from 'antd';
import { useEffect, useState } from 'react';
import { useNavigate } from 'react-router';
import { finishSignIn } from './session.ts';

/** Where Cognito's managed login sends people back (authorization code + PKCE). */
export default function CallbackPage() {
  const navigate = useNavigate();
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    finishSignIn().then(
      (back) => navigate(back, { replace: true }),
      (failure: unknown) => setError(failure instanceof Error ? failure.message : String(failure)),
    );
  }, [navigate]);
  return error ? (
    <Alert type="error" showIcon title="登录未完成" description={error} style={{ margin: 48 }} />
  ) : (
    <Spin style={{ display: 'block', margin: 48 }} />
  );
}

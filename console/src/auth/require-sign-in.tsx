import { type ReactNode, useEffect, useState } from 'react';
import { Navigate, useLocation } from 'react-router';
import { SIGNED_OUT_EVENT } from '../api/client.ts';
import { currentToken } from './session.ts';

/** Shows its children to a signed-in person; anyone else goes to sign in, and comes back. */
export function RequireSignIn({ children }: { children: ReactNode }) {
  const location = useLocation();
  const [signedIn, setSignedIn] = useState(() => currentToken() !== null);
  useEffect(() => {
    const onSignedOut = () => setSignedIn(false);
    window.addEventListener(SIGNED_OUT_EVENT, onSignedOut);
    return () => window.removeEventListener(SIGNED_OUT_EVENT, onSignedOut);
  }, []);
  if (!signedIn) {
    const back = `${location.pathname}${location.search}`;
    return <Navigate to={`/sign-in?back=${encodeURIComponent(back)}`} replace />;
  }
  return <>{children}</>;
}

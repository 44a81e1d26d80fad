import { Spin } from 'antd';
import { type ComponentType, lazy, Suspense } from 'react';
import { createBrowserRouter, Navigate } from 'react-router';
import { RequireSignIn } from './auth/require-sign-in.tsx';
import { ConsoleLayout } from './layout.tsx';

/** Each screen is its own chunk, loaded when first opened: the first screen stays small. */
const page = (load: () => Promise<{ default: ComponentType }>) => {
  // Built once per route, when the router is made: React keeps the lazy component's state.
  const Page = lazy(load);
  return (
    <Suspense fallback={<Spin style={{ display: 'block', margin: 48 }} />}>
      <Page />
    </Suspense>
  );
};

export const router = createBrowserRouter(
  [
    { path: '/sign-in', element: page(() => import('./auth/sign-in-page.tsx')) },
    { path: '/callback', element: page(() => import('./auth/callback-page.tsx')) },
    {
      element: (
        <RequireSignIn>
          <ConsoleLayout />
        </RequireSignIn>
      ),
      children: [
        { index: true, element: <Navigate to="/elections" replace /> },
        {
          path: 'organizations',
          element: page(() => import('./pages/organizations/list-page.tsx')),
        },
        {
          path: 'organizations/:orgId',
          element: page(() => import('./pages/organizations/organization-page.tsx')),
        },
        { path: 'elections', element: page(() => import('./pages/elections/list-page.tsx')) },
        { path: 'elections/new', element: page(() => import('./pages/elections/create-page.tsx')) },
        {
          path: 'elections/:id/*',
          element: page(() => import('./pages/election/election-page.tsx')),
        },
        {
          path: 'elections/:id/rounds/:roundId',
          element: page(() => import('./pages/rounds/round-page.tsx')),
        },
        { path: 'approvals', element: page(() => import('./pages/approvals/approvals-page.tsx')) },
        { path: 'batches', element: page(() => import('./pages/batches/batches-page.tsx')) },
        { path: 'batches/:batchId', element: page(() => import('./pages/batches/batch-page.tsx')) },
        { path: '*', element: page(() => import('./pages/not-found-page.tsx')) },
      ],
    },
  ],
  { basename: '/console' },
);

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

/** Every screen behind sign-in, by path (under /console/). */
const SCREENS: Record<string, () => Promise<{ default: ComponentType }>> = {
  organizations: () => import('./pages/organizations/list-page.tsx'),
  'organizations/:orgId': () => import('./pages/organizations/organization-page.tsx'),
  'organizations/:orgId/supervision': () =>
    import('./pages/supervision/organization-supervision-page.tsx'),
  elections: () => import('./pages/elections/list-page.tsx'),
  'elections/new': () => import('./pages/elections/create-page.tsx'),
  'elections/:id/*': () => import('./pages/election/election-page.tsx'),
  'elections/:id/rounds/:roundId': () => import('./pages/rounds/round-page.tsx'),
  'elections/:id/supervision': () => import('./pages/supervision/election-supervision-page.tsx'),
  approvals: () => import('./pages/approvals/approvals-page.tsx'),
  batches: () => import('./pages/batches/batches-page.tsx'),
  'batches/:batchId': () => import('./pages/batches/batch-page.tsx'),
  '*': () => import('./pages/not-found-page.tsx'),
};

export const router = createBrowserRouter(
  [
    { path: '/sign-in', element: page(() => import('./auth/sign-in-page.tsx')) },
    { path: '/callback', element: page(() => import('./auth/callback-page.tsx')) },
    // Public, no sign-in: anyone rechecks a count.
    { path: '/recount', element: page(() => import('./pages/recount/recount-page.tsx')) },
    // Print sheets: signed in, outside the console's frame (only the sheets print).
    {
      path: '/print/elections/:id/rounds/:roundId/:sheet',
      element: <RequireSignIn>{page(() => import('./pages/print/print-page.tsx'))}</RequireSignIn>,
    },
    // Public, for the projector: the link's token is the credential (no sign-in).
    {
      path: '/count-board/:token',
      element: page(() => import('./pages/count-board/count-board-page.tsx')),
    },
    {
      element: (
        <RequireSignIn>
          <ConsoleLayout />
        </RequireSignIn>
      ),
      children: [
        { index: true, element: <Navigate to="/elections" replace /> },
        ...Object.entries(SCREENS).map(([path, load]) => ({ path, element: page(load) })),
      ],
    },
  ],
  { basename: '/console' },
);

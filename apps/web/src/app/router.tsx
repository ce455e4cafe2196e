import { lazy, Suspense, useEffect } from 'react';
import { createBrowserRouter, Outlet, useLocation, useNavigate } from 'react-router';
import { useQueryClient } from '@tanstack/react-query';
import { installApiHandlers, redirectCodes } from './api';
import { showError } from './feedback';
import { meKey } from './auth';
import { allPages } from './pages';
import { ErrorPage } from './ErrorPage';
import { PageLoading } from './PageLoading';
import { preloadable } from './preloadable';

const LoginPage = lazy(() => import('../modules/auth/LoginPage'));
const ChangePasswordPage = lazy(() => import('../modules/auth/ChangePasswordPage'));
const SecondFactorPage = lazy(() => import('../modules/auth/SecondFactorPage'));
// The desktop layout, its menus and every page load after the first paint: the sign-in page needs none of them.
// (warmStart loads the layout ahead on other addresses: preloadLayout)
const AppLayout = preloadable(async () => ({ default: (await import('./AppLayout')).AppLayout }));
const PageGate = preloadable(async () => ({ default: (await import('./AppLayout')).PageGate }));
export const preloadLayout = () => Promise.all([AppLayout.preload(), PageGate.preload()]);
const NotFoundPage = lazy(() => import('./NotFoundPage').then((m) => ({ default: m.NotFoundPage })));
/** Phone pages for elder volunteers (/m/): their own lazy chunk, outside the desktop layout. */
const MobileApp = lazy(() => import('../mobile/MobileApp'));

/** Wires the api client's redirects (401 → sign in, pending → change password / bind 2FA) and 5xx messages. */
function Root() {
  const navigate = useNavigate();
  const location = useLocation();
  const qc = useQueryClient();
  useEffect(() => {
    installApiHandlers({
      authProblem: (err) => {
        const target = redirectCodes[err.code];
        if (target === '/login') {
          qc.setQueryData(meKey, null);
          const here = window.location.pathname + window.location.search;
          if (window.location.pathname !== '/login') navigate(`/login${here && here !== '/' ? `?next=${encodeURIComponent(here)}` : ''}`, { replace: true });
        } else {
          void qc.invalidateQueries({ queryKey: meKey });
          if (window.location.pathname !== target) navigate(target, { replace: true });
        }
      },
      serverError: showError,
    });
  }, [navigate, qc]);
  useEffect(() => {
    window.scrollTo(0, 0);
  }, [location.pathname]);
  return (
    <Suspense fallback={<PageLoading full />}>
      <Outlet />
    </Suspense>
  );
}

export const router = createBrowserRouter([
  {
    element: <Root />,
    errorElement: <ErrorPage />,
    children: [
      { path: '/login', element: <LoginPage /> },
      { path: '/change-password', element: <ChangePasswordPage /> },
      { path: '/second-factor', element: <SecondFactorPage /> },
      { path: '/m/*', element: <MobileApp /> },
      {
        element: <AppLayout />,
        errorElement: <ErrorPage />,
        children: [...allPages.map((p) => ({ path: p.path, element: <PageGate page={p} /> })), { path: '*', element: <NotFoundPage /> }],
      },
    ],
  },
]);

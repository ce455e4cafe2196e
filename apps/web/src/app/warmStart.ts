import type { QueryClient } from '@tanstack/react-query';
import type { DashboardOverview } from '@gg/shared';
import { request } from './api';

/**
 * The first screen after signing in is the dashboard, and it waited on a chain: entry → layout chunk → home page
 * chunk → dashboard chunk → figures. Here the chunks and the figures start at once, beside the signed-in check
 * (issue 10: dashboard usable ≤ 1.5 s). A dynamic import of a chunk React.lazy loads later is the same request,
 * and the figures land in the query the dashboard asks (same key).
 */
export function warmStart(qc: QueryClient) {
  const { pathname, search } = window.location;
  if (pathname === '/login' || pathname.startsWith('/m/') || pathname === '/change-password' || pathname === '/second-factor') return;
  void import('./AppLayout');
  if (pathname !== '/' || search) return;
  void import('../modules/dashboard/HomePage');
  void import('../modules/dashboard/Dashboard');
  const year = new Date().getFullYear();
  // prefetchQuery: a dashboard that mounts while this is on its way waits for this request instead of sending its own;
  // a failure stays in the cache as an error, which the dashboard's own query retries on mount.
  void qc.prefetchQuery({
    queryKey: ['dashboard', 'overview', year, undefined],
    queryFn: () => request<DashboardOverview>('GET', '/api/dashboard/overview', { query: { year }, quiet: true }),
    staleTime: 60_000,
  });
}

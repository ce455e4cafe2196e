import type { QueryClient } from '@tanstack/react-query';
import type { DashboardOverview } from '@gg/shared';
import { request } from './api';
import { fetchMe, meKey, meStaleTime } from './auth';
import { apiPathsKey, fetchApiPaths } from './apiPaths';
import { homePage } from './pages';
import { preloadLayout } from './router';

/**
 * The first screen after signing in is the dashboard, and it waited on a chain: entry → layout chunk → home page
 * chunk → dashboard chunk → figures, and before any page, who is signed in (GET /api/auth/me, asked only once React
 * rendered) and then the API's paths (asked only once the layout knew the user). Here the chunks, the user, the paths
 * and the figures start at once (issue 10: dashboard usable ≤ 1.5 s); on / the requests were already sent by
 * public/early.js before the entry downloaded, and request() takes those answers. Each answer lands in the query its
 * component asks (same key, same function). Answers when the layout's (and on /, the home page's) chunks are in.
 */
export function warmStart(qc: QueryClient): Promise<unknown> {
  const { pathname, search } = window.location;
  if (pathname === '/login' || pathname.startsWith('/m/') || pathname === '/change-password' || pathname === '/second-factor') return Promise.resolve();
  // prefetchQuery: a component that mounts while one of these is on its way waits for it instead of sending its own;
  // a failure stays in the cache as an error, which the component's own query retries on mount. The small, quick
  // answers first: the figures take the server longest.
  void qc.prefetchQuery({ queryKey: meKey, queryFn: fetchMe, staleTime: meStaleTime });
  void qc.prefetchQuery({ queryKey: apiPathsKey, queryFn: fetchApiPaths, staleTime: Infinity });
  // Loaded ahead, they mount without suspending (preloadable.ts); a failure shows when React asks for them again.
  const ignore = () => {};
  const layout = preloadLayout().catch(ignore);
  if (pathname !== '/' || search) return layout;
  const home = homePage.component.preload().catch(ignore);
  const year = new Date().getFullYear();
  void qc.prefetchQuery({
    queryKey: ['dashboard', 'overview', year, undefined],
    queryFn: () => request<DashboardOverview>('GET', '/api/dashboard/overview', { query: { year }, quiet: true }),
    staleTime: 60_000,
  });
  return Promise.all([layout, home]);
}

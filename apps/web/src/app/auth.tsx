import { createContext, useCallback, useContext, useMemo, type ReactNode } from 'react';
import { useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import type { Me, Permission } from '@gg/shared';
import { ApiError, request } from './api';

interface AuthState {
  me: Me | null;
  loading: boolean;
  error: ApiError | null;
  can: (permission: Permission) => boolean;
  refresh: () => Promise<Me | null>;
  logout: () => Promise<void>;
}

const AuthContext = createContext<AuthState | null>(null);
export const meKey = ['auth', 'me'] as const;

export const meStaleTime = 60_000;

/** Who is signed in (null: nobody). */
export async function fetchMe(): Promise<Me | null> {
  try {
    return await request<Me>('GET', '/api/auth/me', { quiet: true });
  } catch (err) {
    if (err instanceof ApiError && err.status === 401) return null;
    throw err;
  }
}

/** Who is signed in, from GET /api/auth/me; permissions from it drive the menu and the buttons. */
export function AuthProvider({ children }: { children: ReactNode }) {
  const qc = useQueryClient();
  const query = useQuery<Me | null, ApiError>({ queryKey: meKey, queryFn: fetchMe, staleTime: meStaleTime, retry: false });
  const me = query.data ?? null;
  const permissions = useMemo(() => new Set(me?.permissions ?? []), [me]);
  const can = useCallback((p: Permission) => permissions.has(p), [permissions]);
  const refresh = useCallback(async () => {
    const result = await qc.fetchQuery<Me | null, ApiError>({ queryKey: meKey, queryFn: () => request<Me>('GET', '/api/auth/me', { quiet: true }).catch((e) => (e instanceof ApiError && e.status === 401 ? null : Promise.reject(e))), staleTime: 0 });
    return result;
  }, [qc]);
  const logout = useCallback(async () => {
    try {
      await request('POST', '/api/auth/logout', { body: {}, quiet: true });
    } finally {
      forgetOthers(qc);
      qc.setQueryData(meKey, null);
    }
  }, [qc]);
  const value = useMemo<AuthState>(
    () => ({ me, loading: query.isLoading, error: query.error ?? null, can, refresh, logout }),
    [me, query.isLoading, query.error, can, refresh, logout],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthState {
  const ctx = useContext(AuthContext);
  if (!ctx) throw new Error('useAuth outside AuthProvider');
  return ctx;
}

/** Drops every cached answer except who is signed in (whose observers must stay attached). */
export function forgetOthers(qc: QueryClient) {
  qc.removeQueries({ predicate: (q) => q.queryKey[0] !== meKey[0] });
}

/** Where a signed-in user must go before anything else, if anywhere. */
export function pendingPath(pending: readonly string[]): string | null {
  if (pending.includes('changePassword')) return '/change-password';
  if (pending.includes('setupSecondFactor')) return '/second-factor';
  return null;
}

import { useQuery } from '@tanstack/react-query';
import type { MemberUnit, RoleItem } from '@gg/shared';
import { api, type Page } from '../app/api';
import { useAuth } from '../app/auth';

/** Active member units for pickers (read permission required; otherwise an empty list). */
export function useMemberUnitOptions() {
  const { can } = useAuth();
  const q = useQuery({
    queryKey: ['member-units', 'options'],
    queryFn: () => api.get<Page<MemberUnit>>('/api/member-units', { status: 'active', pageSize: 100, sort: 'sortOrder' }),
    enabled: can('memberUnit:read'),
    staleTime: 60_000,
  });
  return { options: (q.data?.items ?? []).map((m) => ({ value: m.id, label: m.name })), loading: q.isLoading };
}

/** Roles for pickers and filters (needs role:read). */
export function useRoles() {
  const { can } = useAuth();
  const q = useQuery({ queryKey: ['roles', 'list'], queryFn: () => api.get<RoleItem[]>('/api/roles'), enabled: can('role:read'), staleTime: 30_000 });
  return { roles: q.data ?? [], options: (q.data ?? []).map((r) => ({ value: r.id, label: r.name })), loading: q.isLoading, query: q };
}

import { useQuery } from '@tanstack/react-query';
import type { CreationStatus, CreationType } from '@gg/shared';
import { api } from '../../app/api';

export const creationStatusColors: Record<CreationStatus, string> = { applied: 'orange', checked: 'blue', rejected: 'default', named: 'green', expired: 'gold', revoked: 'red' };

export function useCreationTypes() {
  const q = useQuery({ queryKey: ['creation-types', 'list'], queryFn: () => api.get<CreationType[]>('/api/creation-types'), staleTime: 30_000 });
  return { types: q.data ?? [], options: (q.data ?? []).map((t) => ({ value: t.id, label: t.name })), loading: q.isLoading, query: q };
}

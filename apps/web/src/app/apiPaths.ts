import { useQuery } from '@tanstack/react-query';
import { takeEarly } from './api';

export const apiPathsKey = ['api-paths'] as const;

/** The API paths this server offers (GET /api/paths: the keys of its OpenAPI document, without the document). */
export async function fetchApiPaths(): Promise<Set<string>> {
  const res = await (takeEarly('/api/paths') ?? fetch('/api/paths', { credentials: 'same-origin' }));
  if (!res.ok) throw new Error(String(res.status));
  const doc = (await res.json()) as { paths?: string[] };
  return new Set(doc.paths ?? []);
}

/**
 * The API paths this server offers. A page shows in the menu only once the routes it reads exist, so the web never
 * offers a screen the server cannot serve yet.
 */
export function useApiPaths(): { has: (path: string) => boolean; ready: boolean } {
  const query = useQuery({ queryKey: apiPathsKey, queryFn: fetchApiPaths, staleTime: Infinity, retry: 1 });
  // If the list cannot be read, do not hide anything: the server's own answers still decide.
  return { has: (p) => (query.data ? query.data.has(p) : query.isError), ready: !query.isLoading };
}

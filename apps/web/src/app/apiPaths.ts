import { useQuery } from '@tanstack/react-query';

/**
 * The API paths this server offers, from its OpenAPI document. A page shows in the menu only once the
 * routes it reads exist, so the web never offers a screen the server cannot serve yet.
 */
export function useApiPaths(): { has: (path: string) => boolean; ready: boolean } {
  const query = useQuery({
    queryKey: ['openapi-paths'],
    queryFn: async () => {
      const res = await fetch('/api/openapi.json', { credentials: 'same-origin' });
      if (!res.ok) throw new Error(String(res.status));
      const doc = (await res.json()) as { paths?: Record<string, unknown> };
      return new Set(Object.keys(doc.paths ?? {}));
    },
    staleTime: Infinity,
    retry: 1,
  });
  // If the document cannot be read, do not hide anything: the server's own answers still decide.
  return { has: (p) => (query.data ? query.data.has(p) : query.isError), ready: !query.isLoading };
}

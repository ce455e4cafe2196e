import { useCallback, useEffect, useState } from 'react';
import type { OrgUnitTreeNode } from '@gg/shared';
import { api } from '../../app/api';

interface StoredNode extends Omit<OrgUnitTreeNode, 'children'> {
  /** Known once the node's children were loaded. */
  childIds?: string[];
}

interface TreeState {
  roots: string[];
  nodes: Record<string, StoredNode>;
}

function ingest(state: TreeState, list: OrgUnitTreeNode[]): TreeState {
  const nodes = { ...state.nodes };
  const walk = (n: OrgUnitTreeNode) => {
    const { children, ...rest } = n;
    const prev = nodes[n.id];
    nodes[n.id] = { ...rest, childIds: children ? children.map((c) => c.id) : n.childCount === 0 ? [] : prev?.childIds };
    children?.forEach(walk);
  };
  list.forEach(walk);
  return { ...state, nodes };
}

/**
 * The org tree, loaded lazily: GET /api/org-units/tree?depth=2 for the top, then
 * GET /api/org-units/tree?rootId=<id>&depth=2 (the node itself with its children) when a node opens.
 */
export function useOrgTree(options: { includeDisabled?: boolean; enabled?: boolean } = {}) {
  const { includeDisabled = false, enabled = true } = options;
  const [state, setState] = useState<TreeState>({ roots: [], nodes: {} });
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<unknown>(null);

  const loadRoots = useCallback(async () => {
    setLoading(true);
    try {
      const list = await api.get<OrgUnitTreeNode[]>('/api/org-units/tree', { depth: 2, includeDisabled: includeDisabled ? 'true' : undefined });
      setState(ingest({ roots: list.map((n) => n.id), nodes: {} }, list));
      setError(null);
    } catch (err) {
      setError(err);
    } finally {
      setLoading(false);
    }
  }, [includeDisabled]);

  useEffect(() => {
    if (enabled) void loadRoots();
  }, [enabled, loadRoots]);

  /** Loads (or reloads, after a change) the children of one node. */
  const loadChildren = useCallback(
    async (id: string) => {
      const list = await api.get<OrgUnitTreeNode[]>('/api/org-units/tree', { rootId: id, depth: 2, includeDisabled: includeDisabled ? 'true' : undefined });
      setState((s) => {
        const next = ingest(s, list);
        // A node just loaded with no children key has none.
        const own = list[0];
        if (own && !own.children) next.nodes[id] = { ...next.nodes[id], childIds: [] };
        return next;
      });
    },
    [includeDisabled],
  );

  /** Maps the loaded part of the tree into whatever node shape a component needs. */
  const build = useCallback(
    <T,>(map: (node: StoredNode, children: T[] | undefined) => T | null, exclude?: string): T[] => {
      const go = (id: string): T | null => {
        const n = state.nodes[id];
        if (!n || id === exclude) return null;
        const kids = n.childIds?.map(go).filter((x): x is NonNullable<typeof x> => x !== null) as T[] | undefined;
        return map(n, kids);
      };
      return state.roots.map(go).filter((x): x is NonNullable<typeof x> => x !== null) as T[];
    },
    [state],
  );

  return { state, loading, error, loadRoots, loadChildren, build, node: (id: string) => state.nodes[id] as StoredNode | undefined };
}

export type { StoredNode };

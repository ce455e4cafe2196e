import type { DataScope, PendingAction, Permission } from '@gg/shared';

/** The signed-in user as every check sees it: permissions and the union of the roles' data scopes. */
export interface Actor {
  userId: string;
  username: string;
  displayName: string;
  orgUnitId: string | null;
  orgPath: string | null;
  memberUnitId: string | null;
  permissions: ReadonlySet<Permission>;
  scope: OrgScope;
  sessionIdHash: string;
  pending: PendingAction[];
  roles: { id: string; code: string; name: string; dataScope: DataScope }[];
}

/**
 * What part of the org tree the actor may see. `subtreePaths` are materialised-path prefixes;
 * `nodeIds` single nodes; `self` records the actor owns. Empty everywhere means nothing.
 */
export interface OrgScope {
  all: boolean;
  subtreePaths: string[];
  nodeIds: string[];
  self: boolean;
}

export function can(actor: Actor, permission: Permission): boolean {
  return actor.permissions.has(permission);
}

/** Materialised paths are `/id/id/…/`; the subtree of `p` is the range [p, p with its last `/` raised to `0`). */
export function subtreeUpperBound(path: string): string {
  return `${path.slice(0, -1)}0`;
}

/** Whether a node (by its path) lies inside the actor's scope. */
export function pathInScope(scope: OrgScope, nodeId: string, path: string): boolean {
  if (scope.all) return true;
  if (scope.nodeIds.includes(nodeId)) return true;
  return scope.subtreePaths.some((p) => path.startsWith(p));
}

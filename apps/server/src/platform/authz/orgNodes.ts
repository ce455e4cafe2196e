import type { Executor } from '../db/database.js';

export interface OrgNode {
  id: string;
  name: string;
  kind: string;
  path: string;
}

/**
 * Org nodes by id (name, kind, path), for the 所属组织 / 乡镇 columns of lists: kept per server while the authorisation
 * epoch stands still, like a user's grants (auth/sessions.ts). Every write to org_unit moves the epoch in its own
 * transaction (orgUnits/repository.ts), and each request's session read tells this cache the epoch it saw
 * (`noteAuthzEpoch`), so a renamed or moved node is read afresh on the next request on every server. Reads inside a
 * transaction go to the database (they may see a node that is not committed yet).
 */
interface Kept {
  epoch: number;
  seenEpoch: number;
  at: number;
  nodes: Map<string, OrgNode>;
}

/** A safety net for a write that forgot to move the epoch: nothing is kept longer than this. */
const MAX_AGE_MS = 60_000;
const MAX_NODES = 50_000;
const keptByDb = new WeakMap<Executor, Kept>();

/** Called with the epoch every session read returns. */
export function noteAuthzEpoch(db: Executor, epoch: number): void {
  const kept = keptByDb.get(db);
  if (kept) kept.seenEpoch = epoch;
  else keptByDb.set(db, { epoch, seenEpoch: epoch, at: Date.now(), nodes: new Map() });
}

/** The nodes of `ids` that exist (any status, any scope: callers have already scoped the rows that name them). */
export async function orgNodesById(db: Executor, ids: readonly string[]): Promise<Map<string, OrgNode>> {
  const unique = [...new Set(ids)];
  const out = new Map<string, OrgNode>();
  if (!unique.length) return out;
  const kept = db.isTransaction ? undefined : fresh(db);
  const missing = kept ? unique.filter((id) => !kept.nodes.has(id)) : unique;
  for (let i = 0; i < missing.length; i += 1000) {
    const rows = await db.selectFrom('orgUnit').select(['id', 'name', 'kind', 'path']).where('id', 'in', missing.slice(i, i + 1000)).execute();
    for (const r of rows) {
      out.set(r.id, r);
      if (kept && kept.nodes.size < MAX_NODES) kept.nodes.set(r.id, r);
    }
  }
  if (kept) for (const id of unique) { const n = kept.nodes.get(id); if (n) out.set(id, n); }
  return out;
}

function fresh(db: Executor): Kept | undefined {
  const kept = keptByDb.get(db);
  if (!kept) return undefined; // no session read on this handle yet: nothing tells when to forget
  const now = Date.now();
  if (kept.epoch !== kept.seenEpoch || now - kept.at > MAX_AGE_MS) {
    kept.epoch = kept.seenEpoch;
    kept.at = now;
    kept.nodes.clear();
  }
  return kept;
}

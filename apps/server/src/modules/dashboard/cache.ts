import type { DashboardOverview } from '@gg/shared';
import type { Platform } from '../../platform/context.js';
import type { Actor } from '../../platform/authz/actor.js';
import type { OverviewQuery } from './overview.js';

const TTL_MS = 60_000;
const MAX_ENTRIES = 500;

/**
 * Overviews kept per (user, question, day) while nothing has been written since: every mutation writes its audit row
 * in its own transaction and moves the audit chain head (`audit_chain_head.seq`, one row, locked by each writer), so
 * an unchanged head means unchanged data — on this instance and on every other one sharing the database. A minute at
 * most, for what depends on the clock alone. The county leader's page reloads cost one indexed read.
 */
export function cachedOverview(platform: Platform, compute: (actor: Actor, query: OverviewQuery) => Promise<DashboardOverview>) {
  const entries = new Map<string, { seq: number; at: number; value: DashboardOverview }>();
  return async function overview(actor: Actor, query: OverviewQuery): Promise<DashboardOverview> {
    const head = await platform.db.selectFrom('auditChainHead').select('seq').where('id', '=', 1).executeTakeFirst();
    const seq = Number(head?.seq ?? 0);
    const day = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
    const key = `${actor.userId}|${actor.sessionIdHash}|${day}|${JSON.stringify(query)}`;
    const hit = entries.get(key);
    const now = Date.now();
    if (hit && hit.seq === seq && now - hit.at < TTL_MS) return hit.value;
    const value = await compute(actor, query);
    if (entries.size >= MAX_ENTRIES) entries.delete(entries.keys().next().value!);
    entries.delete(key);
    entries.set(key, { seq, at: now, value });
    return value;
  };
}

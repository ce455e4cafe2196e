/**
 * Targets (目标清单、责任清单). Other modules use only what is exported here:
 * - `ownerVisible`, `resolveOwner`, `ownerNameSql` — the "owner" (member unit or committee node) scope
 *   shared by deeds, assessments and tasks;
 * - `checkUploads`, `checkActivities`, `uploadNames`, `activityRefs` — evidence links;
 * - `targetCompletion(db, owners, year)` — completion rates for the assessment metrics;
 * - `targetSummary(platform, actor, year)` — per-unit progress (scope-filtered) for the dashboard and reports.
 */
import type { Executor } from '../../platform/db/database.js';
import type { Platform } from '../../platform/context.js';
import type { Actor } from '../../platform/authz/actor.js';
import { createTargetService } from './service.js';
import { ownerNameSql, ownerVisible } from './owner.js';

export { targetRoutes } from './routes.js';
export { ownerVisible, resolveOwner, ownerNameSql, chinaToday, parseIds, type Owner } from './owner.js';
export { checkUploads, checkActivities, uploadNames, activityRefs } from './links.js';

/** Per owner id (member unit or org node): targets of kind `target` in the year, and how many are completed. */
export async function targetCompletion(db: Executor, ownerIds: string[], year: number): Promise<Map<string, { total: number; completed: number }>> {
  const out = new Map<string, { total: number; completed: number }>();
  if (!ownerIds.length) return out;
  const rows = await db
    .selectFrom('target')
    .select(['memberUnitId', 'orgUnitId', 'status'])
    .where('year', '=', year)
    .where('kind', '=', 'target')
    .where((eb) => eb.or([eb('memberUnitId', 'in', ownerIds), eb('orgUnitId', 'in', ownerIds)]))
    .execute();
  for (const r of rows) {
    const key = (r.memberUnitId ?? r.orgUnitId)!;
    const cur = out.get(key) ?? { total: 0, completed: 0 };
    cur.total++;
    if (r.status === 'completed') cur.completed++;
    out.set(key, cur);
  }
  return out;
}

/** The year's targets the actor may see (owner, title, kind, status, org node), for the yearly report's plans for next year. */
export function targetTitles(db: Executor, actor: Actor, year: number) {
  return db
    .selectFrom('target')
    .select(['target.title', 'target.kind', 'target.status', 'target.orgUnitId', 'target.deadline', ownerNameSql('target').as('ownerName')])
    .where('target.year', '=', year)
    .where((eb) => ownerVisible(eb, actor, 'target'))
    .orderBy('target.sortOrder')
    .orderBy('target.title')
    .execute();
}

/** Per-unit yearly target progress, as GET /targets/summary answers it (only owners the actor may see), for dashboards and reports. */
export function targetSummary(platform: Platform, actor: Actor, year: number) {
  return createTargetService(platform).summary(actor, year);
}

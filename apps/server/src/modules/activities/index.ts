/**
 * Activities: one record per event, counted everywhere. Other modules use only what is exported here:
 * - `saveActivity(trx, …)` to write an activity (and its volunteers' service) inside their own transaction
 *   (lecture requests become activities this way);
 * - `activityTotalsBy(db, actor, 'campaignId' | 'baseId', ids)` for campaign totals and base visit counts,
 *   set-based and counted only over activities the actor may see.
 */
import type { Actor } from '../../platform/authz/actor.js';
import type { Executor } from '../../platform/db/database.js';
import { activityRepository } from './repository.js';
import { activityUnderPath, activityVisible } from './scope.js';
import type { Platform } from '../../platform/context.js';
import { createActivityService } from './service.js';

export { activityRoutes } from './routes.js';
/** The list export (same filters as GET /activities/export), for background tasks. */
export { exportActivities } from './export.js';
export { createActivityService };
export { saveActivity, type ActivityValues, type ParticipantInput } from './write.js';

export function activityTotalsBy(db: Executor, actor: Actor, key: 'campaignId' | 'baseId', ids: string[]) {
  return activityRepository(db).totalsBy(actor, key, ids);
}

// ---- read-only look-ups for modules that link activities as evidence (targets, notable deeds, venues, brands)

/** Of `ids`, the activities the actor may see (id, title, date): to check links before saving them. */
export async function visibleActivitiesByIds(db: Executor, actor: Actor, ids: string[]): Promise<{ id: string; title: string; date: string }[]> {
  if (!ids.length) return [];
  return db
    .selectFrom('activity')
    .select(['activity.id', 'activity.title', 'activity.activityDate as date'])
    .where('activity.id', 'in', ids)
    .where((eb) => activityVisible(eb, actor))
    .execute();
}

/** Titles and dates of linked activities (already checked when linked), for presenting the links. */
export async function activitiesByIds(db: Executor, ids: string[]): Promise<{ id: string; title: string; date: string }[]> {
  if (!ids.length) return [];
  return db.selectFrom('activity').select(['activity.id', 'activity.title', 'activity.activityDate as date']).where('activity.id', 'in', ids).orderBy('activity.activityDate').execute();
}

/**
 * Activities held in [from, to] (YYYY-MM-DD) organised by each member unit, and held at each org node's
 * subtree: one GROUP BY for the units, one COUNT per node. Not filtered by a reader: yearly assessment
 * metrics are the same whoever looks.
 */
export async function activityCountsFor(db: Executor, owners: { memberUnitIds: string[]; orgUnits: { id: string; path: string }[] }, from: string, to: string) {
  const byMemberUnit = new Map<string, number>();
  const byOrgUnit = new Map<string, number>();
  if (owners.memberUnitIds.length) {
    const rows = await db
      .selectFrom('activity')
      .select(['activity.memberUnitId', (eb) => eb.fn.countAll<number>().as('n')])
      .where('activity.memberUnitId', 'in', owners.memberUnitIds)
      .where('activity.activityDate', '>=', from)
      .where('activity.activityDate', '<=', to)
      .groupBy('activity.memberUnitId')
      .execute();
    for (const r of rows) byMemberUnit.set(r.memberUnitId!, Number(r.n));
  }
  for (const o of owners.orgUnits) {
    const r = await db
      .selectFrom('activity')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where(activityUnderPath(o.path))
      .where('activity.activityDate', '>=', from)
      .where('activity.activityDate', '<=', to)
      .executeTakeFirstOrThrow();
    byOrgUnit.set(o.id, Number(r.n));
  }
  return { byMemberUnit, byOrgUnit };
}

/** Totals, per type and per month over a period (scope-filtered, the same as GET /activities/summary), for dashboards and reports. */
export function activitySummary(platform: Platform, actor: Actor, query: { from?: string; to?: string; orgUnitId?: string }, opts: { volunteers?: boolean } = {}) {
  return createActivityService(platform).summary(actor, query, opts);
}

/** Activities and audience per org node over a period (scope-filtered, the summary's totals node by node), for reports. */
export function activityTotalsByNode(platform: Platform, actor: Actor, query: { from?: string; to?: string }) {
  return createActivityService(platform).summaryByNode(actor, query);
}

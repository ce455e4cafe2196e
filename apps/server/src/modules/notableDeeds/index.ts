/**
 * Notable deeds (像样的事). Other modules use only what is exported here:
 * - `qualifiedDeedCounts(db, ownerIds, year)` for the assessment metric;
 * - `flagUnitsWithoutDeed(platform)` for the scheduled job (the floor, 下要保底).
 */
import type { Executor } from '../../platform/db/database.js';
import type { Actor } from '../../platform/authz/actor.js';
import { ownerNameSql, ownerVisible } from '../targets/index.js';

export { notableDeedRoutes } from './routes.js';
export { flagUnitsWithoutDeed } from './floorJob.js';

export async function qualifiedDeedCounts(db: Executor, ownerIds: string[], year: number): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  if (!ownerIds.length) return out;
  const rows = await db
    .selectFrom('notableDeed')
    .select(['memberUnitId', 'orgUnitId'])
    .where('year', '=', year)
    .where('status', '=', 'qualified')
    .where((eb) => eb.or([eb('memberUnitId', 'in', ownerIds), eb('orgUnitId', 'in', ownerIds)]))
    .execute();
  for (const r of rows) {
    const key = (r.memberUnitId ?? r.orgUnitId)!;
    out.set(key, (out.get(key) ?? 0) + 1);
  }
  return out;
}

/** The year's qualified deeds the actor may see (owner, title, date, org node), for the yearly report. */
export function qualifiedDeeds(db: Executor, actor: Actor, year: number) {
  return db
    .selectFrom('notableDeed')
    .select(['notableDeed.title', 'notableDeed.deedDate', 'notableDeed.orgUnitId', 'notableDeed.memberUnitId', ownerNameSql('notableDeed').as('ownerName')])
    .where('notableDeed.year', '=', year)
    .where('notableDeed.status', '=', 'qualified')
    .where((eb) => ownerVisible(eb, actor, 'notableDeed'))
    .orderBy('notableDeed.deedDate')
    .orderBy('notableDeed.title')
    .execute();
}

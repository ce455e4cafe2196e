import type { RubricMetric } from '@gg/shared';
import type { Executor } from '../../platform/db/database.js';
import { activityCountsFor } from '../activities/index.js';
import { qualifiedDeedCounts } from '../notableDeeds/index.js';
import { meetingsAttended, taskStats } from '../meetings/index.js';
import { trainingCounts } from '../resources/index.js';
import { targetCompletion } from '../targets/index.js';

export interface MetricOwner {
  memberUnitId: string | null;
  orgUnitId: string | null;
}

/**
 * The data computed rubric items are scored from, for many owners and one year, each read through the
 * owning module's export (set-based: one query per metric, not per unit).
 */
export async function metricsFor(db: Executor, owners: MetricOwner[], year: number): Promise<Map<string, Record<RubricMetric, number>>> {
  const ids = owners.map((o) => (o.memberUnitId ?? o.orgUnitId)!);
  const memberUnitIds = owners.flatMap((o) => (o.memberUnitId ? [o.memberUnitId] : []));
  const orgIds = owners.flatMap((o) => (o.orgUnitId ? [o.orgUnitId] : []));
  const orgUnits = orgIds.length ? await db.selectFrom('orgUnit').select(['id', 'path']).where('id', 'in', orgIds).execute() : [];
  const [activities, deeds, targets, tasks, trainings, attended] = await Promise.all([
    activityCountsFor(db, { memberUnitIds, orgUnits }, `${year}-01-01`, `${year}-12-31`),
    qualifiedDeedCounts(db, ids, year),
    targetCompletion(db, ids, year),
    taskStats(db, ids, year),
    trainingCounts(db, ids, year),
    meetingsAttended(db, memberUnitIds, year),
  ]);
  const out = new Map<string, Record<RubricMetric, number>>();
  for (const o of owners) {
    const id = (o.memberUnitId ?? o.orgUnitId)!;
    const t = targets.get(id);
    const k = tasks.get(id);
    out.set(id, {
      activities: (o.memberUnitId ? activities.byMemberUnit.get(id) : activities.byOrgUnit.get(id)) ?? 0,
      notableDeeds: deeds.get(id) ?? 0,
      targetsCompletedPercent: t && t.total ? Math.round((t.completed * 100) / t.total) : 0,
      tasksDonePercent: k && k.total ? Math.round((k.onTime * 100) / k.total) : 100,
      overdueTasks: k?.overdue ?? 0,
      trainings: trainings.get(id) ?? 0,
      meetingsAttended: attended.get(id) ?? 0,
    });
  }
  return out;
}

import type { Actor } from '../../platform/authz/actor.js';
import { inOrgScope } from '../../platform/authz/scope.js';
import type { Executor } from '../../platform/db/database.js';
import { AppError } from '../../platform/errors.js';
import { activitiesByIds, visibleActivitiesByIds } from '../activities/index.js';

/**
 * Evidence links shared by targets, deeds, tasks and meetings: uploads (the actor's own, or of a node in
 * their scope) and recorded activities (those the actor may see). A link that fails answers 400.
 */
export async function checkUploads(db: Executor, actor: Actor, ids: string[]): Promise<void> {
  const unique = [...new Set(ids)];
  if (!unique.length) return;
  const rows = await db
    .selectFrom('upload')
    .select('upload.id')
    .where('upload.id', 'in', unique)
    .where((eb) => eb.or([eb('upload.createdBy', '=', actor.userId), inOrgScope(eb, actor, 'upload.orgUnitId')]))
    .execute();
  if (rows.length !== unique.length) throw new AppError('LINKED_UPLOAD_INVALID');
}

export async function checkActivities(db: Executor, actor: Actor, ids: string[]): Promise<{ id: string; title: string; date: string }[]> {
  const unique = [...new Set(ids)];
  const rows = await visibleActivitiesByIds(db, actor, unique);
  if (rows.length !== unique.length) throw new AppError('LINKED_ACTIVITY_INVALID');
  return rows;
}

export async function uploadNames(db: Executor, ids: string[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids)];
  if (!unique.length) return new Map();
  const rows = await db.selectFrom('upload').select(['id', 'originalName']).where('id', 'in', unique).execute();
  return new Map(rows.map((r) => [r.id, r.originalName]));
}

export async function activityRefs(db: Executor, ids: string[]): Promise<Map<string, { id: string; title: string; date: string }>> {
  const rows = await activitiesByIds(db, [...new Set(ids)]);
  return new Map(rows.map((r) => [r.id, r]));
}

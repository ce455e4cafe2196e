import { sql } from 'kysely';
import { lectureRequestStatuses, type LectureRequestStatus } from '@gg/shared';
import type { Actor } from '../../platform/authz/actor.js';
import { subtreeUpperBound } from '../../platform/authz/actor.js';
import type { Executor } from '../../platform/db/database.js';
import { lectureRequestVisible } from './repository.js';

/**
 * Lecture requests per status in a period (by the scheduled date, else the preferred date), counted only over
 * requests the actor may see, optionally under one org node. Aggregates only: for dashboards and reports.
 */
export async function lectureRequestCounts(db: Executor, actor: Actor, f: { from: string; to: string; underPath?: string }) {
  const day = sql<string>`COALESCE(lecture_request.scheduled_date, lecture_request.preferred_date)`;
  let q = db
    .selectFrom('lectureRequest')
    .innerJoin('orgUnit', 'orgUnit.id', 'lectureRequest.orgUnitId')
    .select(['lectureRequest.status', (eb) => eb.fn.countAll<number>().as('n'), (eb) => eb.fn.sum<number>('lectureRequest.audienceEstimate').as('audience')])
    .where((eb) => lectureRequestVisible(eb, actor))
    .where(day, '>=', f.from)
    .where(day, '<=', f.to);
  if (f.underPath) q = q.where('orgUnit.path', '>=', f.underPath).where('orgUnit.path', '<', subtreeUpperBound(f.underPath));
  const rows = await q.groupBy('lectureRequest.status').execute();
  const byStatus = Object.fromEntries(lectureRequestStatuses.map((s) => [s, 0])) as Record<LectureRequestStatus, number>;
  let audience = 0;
  for (const r of rows) {
    byStatus[r.status as LectureRequestStatus] = Number(r.n);
    if (r.status === 'held') audience += Number(r.audience ?? 0);
  }
  return { byStatus, heldAudienceEstimate: audience };
}

/** Lectures assigned to a lecturer with a user account and not yet confirmed, for the inbox reminders job. */
export async function lecturesAwaitingConfirmation(db: Executor) {
  return db
    .selectFrom('lectureRequest')
    .innerJoin('volunteer', 'volunteer.id', 'lectureRequest.lecturerId')
    .innerJoin('lectureTopic', 'lectureTopic.id', 'lectureRequest.topicId')
    .innerJoin('orgUnit', 'orgUnit.id', 'lectureRequest.orgUnitId')
    .select(['lectureRequest.id', 'lectureRequest.scheduledDate', 'lectureRequest.assignedAt', 'volunteer.userId', 'lectureTopic.title as topicTitle', 'orgUnit.name as orgUnitName'])
    .where('lectureRequest.status', '=', 'assigned')
    .where('volunteer.userId', 'is not', null)
    .execute();
}

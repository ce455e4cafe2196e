import type { Executor } from '../../platform/db/database.js';

/**
 * What the lecturer's own pages (my work, /m/) read and write about lecture requests, so that only this
 * module touches the lecture tables. Each call is limited to requests assigned to that lecturer.
 */

/** The lecturer's assigned and confirmed lectures, soonest first. */
export async function lecturerAssignments(db: Executor, volunteerId: string) {
  return db
    .selectFrom('lectureRequest')
    .innerJoin('lectureTopic', 'lectureTopic.id', 'lectureRequest.topicId')
    .innerJoin('orgUnit', 'orgUnit.id', 'lectureRequest.orgUnitId')
    .select(['lectureRequest.id', 'lectureRequest.status', 'lectureRequest.scheduledDate', 'lectureTopic.title', 'orgUnit.name as place'])
    .where('lectureRequest.lecturerId', '=', volunteerId)
    .where('lectureRequest.status', 'in', ['assigned', 'confirmed'])
    .orderBy('lectureRequest.scheduledDate')
    .execute();
}

/** One request, only if it is assigned to this lecturer (else undefined). */
export async function lecturerRequest(db: Executor, id: string, volunteerId: string) {
  return db
    .selectFrom('lectureRequest')
    .innerJoin('lectureTopic', 'lectureTopic.id', 'lectureRequest.topicId')
    .innerJoin('orgUnit', 'orgUnit.id', 'lectureRequest.orgUnitId')
    .leftJoin('activity', 'activity.id', 'lectureRequest.activityId')
    .select(['lectureRequest.id', 'lectureRequest.status', 'lectureRequest.orgUnitId', 'lectureTopic.title', 'orgUnit.name as place', 'orgUnit.kind'])
    .select(['lectureRequest.activityId', 'activity.activityDate as heldOn'])
    .where('lectureRequest.id', '=', id)
    .where('lectureRequest.lecturerId', '=', volunteerId)
    .executeTakeFirst();
}

/**
 * Mark a confirmed request held with the activity it became (inside the caller's transaction; the caller audits).
 * False when it is no longer confirmed — held meanwhile by another send of the same report: the caller rolls back.
 */
export async function markLectureHeld(trx: Executor, id: string, activityId: string): Promise<boolean> {
  const r = await trx.updateTable('lectureRequest').set({ status: 'held', activityId, updatedAt: new Date().toISOString() }).where('id', '=', id).where('status', '=', 'confirmed').executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

import type { LectureAudience, LectureCategory, LectureRequest, LectureRequestStatus, LectureTopic, LectureTopicStatus } from '@gg/shared';
import type { Actor } from '../../platform/authz/actor.js';
import type { RequestRow, TopicRow } from './repository.js';
import { lectureRequestActions, lectureTopicActions } from './policy.js';

export function presentTopic(actor: Actor, t: TopicRow, lecturers: { topicId: string; id: string; name: string }[]): LectureTopic {
  return {
    id: t.id, title: t.title, category: t.category as LectureCategory, summary: t.summary, audiences: JSON.parse(t.audiences) as LectureAudience[],
    durationMinutes: t.durationMinutes, schoolApproved: Boolean(t.schoolApproved), status: t.status as LectureTopicStatus,
    lecturers: lecturers.filter((l) => l.topicId === t.id).map((l) => ({ id: l.id, name: l.name })),
    requests: t.requests, held: t.held, averageRating: t.averageRating,
    createdAt: t.createdAt, updatedAt: t.updatedAt, actions: lectureTopicActions(actor, t),
  };
}

export function presentRequest(actor: Actor, r: RequestRow): LectureRequest {
  return {
    id: r.id, topicId: r.topicId, topicTitle: r.topicTitle, schoolApproved: Boolean(r.schoolApproved), orgUnitId: r.orgUnitId, orgUnitName: r.orgUnitName,
    orgUnitKind: r.orgUnitKind, requestedByName: r.requestedByName, preferredDate: r.preferredDate, preferredTime: r.preferredTime,
    audienceEstimate: r.audienceEstimate, note: r.note, status: r.status as LectureRequestStatus, lecturerId: r.lecturerId, lecturerName: r.lecturerName,
    scheduledDate: r.scheduledDate, assignedAt: r.assignedAt, confirmedAt: r.confirmedAt, declineReason: r.declineReason, activityId: r.activityId,
    rating: r.rating, ratingComment: r.ratingComment, ratedAt: r.ratedAt, createdAt: r.createdAt, updatedAt: r.updatedAt,
    actions: lectureRequestActions(actor, r),
  };
}

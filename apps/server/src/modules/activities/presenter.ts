import type { Activity, ActivityType, ActivityVolunteerRole, StudyLevel } from '@gg/shared';
import type { Actor } from '../../platform/authz/actor.js';
import type { ActivityRow } from './repository.js';
import { activityActions } from './policy.js';

export interface ParticipantRow {
  activityId: string;
  volunteerId: string;
  role: string;
  hoursTenths: number;
  name: string;
}

export function presentActivity(actor: Actor, row: ActivityRow, participants: ParticipantRow[]): Activity {
  const volunteers = participants
    .filter((p) => p.activityId === row.id)
    .map((p) => ({ volunteerId: p.volunteerId, name: p.name, role: p.role as ActivityVolunteerRole, hours: p.hoursTenths / 10 }));
  return {
    id: row.id,
    type: row.type as ActivityType,
    studyLevel: (row.studyLevel as StudyLevel | null) ?? null,
    title: row.title,
    date: row.activityDate,
    startTime: row.startTime,
    endTime: row.endTime,
    orgUnitId: row.orgUnitId,
    orgUnitName: row.orgUnitName,
    memberUnitId: row.memberUnitId,
    memberUnitName: row.memberUnitName,
    venue: row.venue,
    baseId: row.baseId,
    baseName: row.baseName,
    campaignId: row.campaignId,
    campaignName: row.campaignName,
    lectureRequestId: row.lectureRequestId,
    audienceStudents: Number(row.audienceStudents),
    audienceYouth: Number(row.audienceYouth),
    audienceOther: Number(row.audienceOther),
    audienceTotal: Number(row.audienceTotal),
    summary: row.summary,
    photoUploadIds: JSON.parse(row.photoUploadIds) as string[],
    fileUploadIds: JSON.parse(row.fileUploadIds) as string[],
    volunteers,
    volunteerHours: volunteers.reduce((s, v) => s + v.hours * 10, 0) / 10,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    actions: activityActions(actor, row),
  };
}

import { z } from 'zod';
import { id, isoDate, limits, optionalText } from './common.js';
import { serviceHours } from './activity.js';

/**
 * 我的工作: the compact summary a signed-in elder volunteer sees on the phone pages (/m/).
 * Mentees carry only what mentoring needs (B16): name, school or work, plan goals, contact dates.
 */
export const myLecture = z.object({
  id: z.string(),
  topicTitle: z.string(),
  place: z.string(),
  date: z.string().nullable(),
  status: z.string(),
  /** What the volunteer may do now: 'confirm' (assigned) and/or 'record' (confirmed, date reached). */
  actions: z.array(z.string()),
});
export type MyLecture = z.infer<typeof myLecture>;

export const myMentee = z.object({
  mentorshipId: z.string(),
  name: z.string(),
  schoolOrWork: z.string().nullable(),
  goals: z.array(z.object({ goal: z.string(), dueOn: z.string().nullable(), doneOn: z.string().nullable() })),
  lastContactOn: z.string().nullable(),
  nextContactDue: z.string(),
  due: z.boolean(),
});
export type MyMentee = z.infer<typeof myMentee>;

export const myFollowUp = z.object({ mentorshipId: z.string(), name: z.string(), what: z.string(), dueOn: z.string() });
export type MyFollowUp = z.infer<typeof myFollowUp>;

export const myService = z.object({ year: z.number(), yearHours: z.number(), totalHours: z.number(), stars: z.number() });
export type MyService = z.infer<typeof myService>;

export const myWork = z.object({
  volunteer: z.object({ id: z.string(), name: z.string() }),
  today: z.string(),
  lectures: z.array(myLecture),
  mentees: z.array(myMentee),
  followUps: z.array(myFollowUp),
  service: myService,
});
export type MyWork = z.infer<typeof myWork>;

/** A lecturer reports their own lecture as held: few fields, sensible defaults. */
export const myLectureHeld = z.strictObject({
  date: isoDate,
  hours: serviceHours.default(2),
  audience: z.number({ error: '听众人数必须是数字' }).int({ error: '听众人数必须是整数' }).min(0, { error: '听众人数不能是负数' }).max(100000, { error: '听众人数太大' }).default(0),
  summary: optionalText(limits.longText, '宣讲情况'),
  photoUploadIds: z.array(id).max(20, { error: '照片最多20张' }).default([]),
});
export type MyLectureHeld = z.input<typeof myLectureHeld>;

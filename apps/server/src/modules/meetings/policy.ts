import type { Actor } from '../../platform/authz/actor.js';
import { can } from '../../platform/authz/actor.js';
import type { MeetingRow } from './repository.js';
import type { TaskRow } from './taskRepository.js';

/** The office convenes meetings and turns decisions into tasks; units report how their tasks stand. */
export const meetingPolicy = {
  update: (actor: Actor, _m: MeetingRow) => can(actor, 'meeting:manage'),
  recordAttendance: (actor: Actor, _m: MeetingRow) => can(actor, 'meeting:manage'),
  addDecision: (actor: Actor, _m: MeetingRow) => can(actor, 'meeting:manage'),
};
export type MeetingAction = keyof typeof meetingPolicy;
export function meetingActions(actor: Actor, m: MeetingRow): MeetingAction[] {
  return (Object.keys(meetingPolicy) as MeetingAction[]).filter((a) => meetingPolicy[a](actor, m));
}

export const taskPolicy = {
  report: (actor: Actor, t: TaskRow) => can(actor, 'meeting:taskUpdate') && t.status !== 'done',
  reschedule: (actor: Actor, t: TaskRow) => can(actor, 'meeting:manage') && t.status !== 'done',
};
export type TaskAction = keyof typeof taskPolicy;
export function taskActions(actor: Actor, t: TaskRow): TaskAction[] {
  return (Object.keys(taskPolicy) as TaskAction[]).filter((a) => taskPolicy[a](actor, t));
}

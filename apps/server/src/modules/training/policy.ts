import type { Actor } from '../../platform/authz/actor.js';
import { can } from '../../platform/authz/actor.js';
import type { ClassRow, EnrolmentRow } from './repository.js';

const open = (c: { status: string }) => c.status !== 'finished';

/**
 * What an actor may do to a class, a trainee or an industry need they can see (visibility is the repository's job).
 * Each rule reads: actor may <action> on <object> when <condition>.
 */
export const classPolicy = {
  update: (actor: Actor, c: ClassRow) => can(actor, 'training:manage') && open(c),
  advance: (actor: Actor, c: ClassRow) => can(actor, 'training:manage') && open(c),
  addSession: (actor: Actor, c: ClassRow) => can(actor, 'training:manage') && open(c),
  enrol: (actor: Actor, c: ClassRow) => can(actor, 'training:enrol') && open(c),
  import: (actor: Actor, c: ClassRow) => can(actor, 'training:import') && open(c),
  attendance: (actor: Actor, c: ClassRow) => can(actor, 'training:record') && c.status === 'running',
  followUp: (actor: Actor, c: ClassRow) => can(actor, 'training:record') && c.status === 'finished',
  export: (actor: Actor, _c: ClassRow) => can(actor, 'training:export'),
};
export type ClassAction = keyof typeof classPolicy;
export function classActions(actor: Actor, c: ClassRow): ClassAction[] {
  return (Object.keys(classPolicy) as ClassAction[]).filter((a) => classPolicy[a](actor, c));
}

export const enrolmentPolicy = {
  withdraw: (actor: Actor, c: ClassRow, e: EnrolmentRow) => can(actor, 'training:enrol') && open(c) && (e.status === 'enrolled' || e.status === 'waiting'),
  unmask: (actor: Actor, _c: ClassRow, _e: EnrolmentRow) => can(actor, 'training:unmask'),
  followUp: (actor: Actor, c: ClassRow, e: EnrolmentRow) => can(actor, 'training:record') && c.status === 'finished' && (e.status === 'completed' || e.status === 'not_completed'),
  certificate: (actor: Actor, _c: ClassRow, e: EnrolmentRow) => can(actor, 'training:enrol') && e.status === 'completed',
};
export type EnrolmentAction = keyof typeof enrolmentPolicy;
export function enrolmentActions(actor: Actor, c: ClassRow, e: EnrolmentRow): EnrolmentAction[] {
  return (Object.keys(enrolmentPolicy) as EnrolmentAction[]).filter((a) => enrolmentPolicy[a](actor, c, e));
}

/** Industry needs are the county's: kept by whoever holds training:demand (the county office). */
export const demandPolicy = {
  update: (actor: Actor) => can(actor, 'training:demand'),
};

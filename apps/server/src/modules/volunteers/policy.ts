import type { Actor } from '../../platform/authz/actor.js';
import { can } from '../../platform/authz/actor.js';
import type { VolunteerRow } from './repository.js';

const serving = (v: VolunteerRow) => v.status === 'active' || v.status === 'paused';

/**
 * What an actor may do to a volunteer they can see (visibility is the repository's job).
 * Each rule reads: actor may <action> on volunteer when <condition>.
 */
export const volunteerPolicy = {
  update: (actor: Actor, v: VolunteerRow) => can(actor, 'volunteer:update') && v.status !== 'deceased',
  changeStatus: (actor: Actor, _v: VolunteerRow) => can(actor, 'volunteer:update'),
  addService: (actor: Actor, _v: VolunteerRow) => can(actor, 'volunteer:update'),
  /** Honours (表彰/荣誉) may be recorded after death or leaving as well. */
  manageHonours: (actor: Actor, _v: VolunteerRow) => can(actor, 'volunteer:update'),
  joinTeam: (actor: Actor, v: VolunteerRow) => can(actor, 'volunteer:update') && serving(v),
  /** Seeing a full ID number or phone is its own logged action. */
  unmask: (actor: Actor, _v: VolunteerRow) => can(actor, 'volunteer:unmask'),
  certificate: (actor: Actor, _v: VolunteerRow) => can(actor, 'volunteer:certificate'),
};

export type VolunteerAction = keyof typeof volunteerPolicy;
const actionNames = Object.keys(volunteerPolicy) as VolunteerAction[];

export function volunteerActions(actor: Actor, v: VolunteerRow): VolunteerAction[] {
  return actionNames.filter((a) => volunteerPolicy[a](actor, v));
}

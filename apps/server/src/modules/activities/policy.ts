import type { Actor } from '../../platform/authz/actor.js';
import { can, pathInScope } from '../../platform/authz/actor.js';
import type { ActivityRow } from './repository.js';

/** A member-unit liaison works on the activities their unit organised. */
const ownUnit = (actor: Actor, memberUnitId: string | null | undefined) => Boolean(actor.memberUnitId) && memberUnitId === actor.memberUnitId;

/**
 * What an actor may do with an activity they can see (visibility is the repository's job).
 * Each rule reads: actor may <action> on activity when <condition>.
 */
export const activityPolicy = {
  update: (actor: Actor, a: ActivityRow) => can(actor, 'activity:update'),
  /** An activity made from a held lecture stays (the lecture request points to it); it can still be edited. */
  delete: (actor: Actor, a: ActivityRow) => can(actor, 'activity:delete') && a.lectureRequestId === null,
};

/** Whether the actor may record an activity at this node / for this member unit. */
export function mayRecordAt(actor: Actor, node: { id: string; path: string }, memberUnitId: string | null | undefined): boolean {
  if (!can(actor, 'activity:create')) return false;
  return pathInScope(actor.scope, node.id, node.path) || ownUnit(actor, memberUnitId);
}

export type ActivityAction = keyof typeof activityPolicy;
export function activityActions(actor: Actor, a: ActivityRow): ActivityAction[] {
  return (Object.keys(activityPolicy) as ActivityAction[]).filter((k) => activityPolicy[k](actor, a));
}

import type { Actor } from '../../platform/authz/actor.js';
import { can, pathInScope } from '../../platform/authz/actor.js';
import type { RequestRow, TopicRow } from './repository.js';

const open = (r: RequestRow) => r.status === 'requested' || r.status === 'assigned' || r.status === 'confirmed';
const isLecturer = (actor: Actor, r: RequestRow) => r.lecturerUserId !== null && r.lecturerUserId === actor.userId;
/** The requesting side: whoever asked, or a colleague with lecture:request whose scope holds the node. */
const isRequester = (actor: Actor, r: RequestRow) =>
  r.requestedBy === actor.userId || (can(actor, 'lecture:request') && pathInScope(actor.scope, r.orgUnitId, r.orgUnitPath) && !isLecturer(actor, r));

/**
 * The lecture-request workflow: requested → assigned (office) → confirmed (lecturer) → held (becomes an
 * activity) → rated (requester). Each rule reads: actor may <action> on request when <condition>.
 */
export const lectureRequestPolicy = {
  assign: (actor: Actor, r: RequestRow) => can(actor, 'lecture:manage') && open(r),
  confirm: (actor: Actor, r: RequestRow) => can(actor, 'lecture:confirm') && r.status === 'assigned' && isLecturer(actor, r),
  decline: (actor: Actor, r: RequestRow) => can(actor, 'lecture:confirm') && (r.status === 'assigned' || r.status === 'confirmed') && isLecturer(actor, r),
  recordHeld: (actor: Actor, r: RequestRow) => r.status === 'confirmed' && (can(actor, 'lecture:manage') || (can(actor, 'activity:create') && isRequester(actor, r))),
  rate: (actor: Actor, r: RequestRow) => r.status === 'held' && r.rating === null && isRequester(actor, r),
  cancel: (actor: Actor, r: RequestRow) => open(r) && (can(actor, 'lecture:manage') || isRequester(actor, r)),
};
export type LectureRequestAction = keyof typeof lectureRequestPolicy;
export const lectureRequestActions = (actor: Actor, r: RequestRow) =>
  (Object.keys(lectureRequestPolicy) as LectureRequestAction[]).filter((a) => lectureRequestPolicy[a](actor, r));

export const lectureTopicPolicy = {
  update: (actor: Actor, _t: TopicRow) => can(actor, 'lecture:manage'),
  request: (actor: Actor, t: TopicRow) => can(actor, 'lecture:request') && t.status === 'published',
};
export const lectureTopicActions = (actor: Actor, t: TopicRow) =>
  (Object.keys(lectureTopicPolicy) as (keyof typeof lectureTopicPolicy)[]).filter((a) => lectureTopicPolicy[a](actor, t));

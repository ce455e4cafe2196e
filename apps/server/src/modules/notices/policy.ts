import type { Actor } from '../../platform/authz/actor.js';
import { can } from '../../platform/authz/actor.js';
import type { NoticeRow } from './repository.js';

/** actor may <action> on a notice addressed to them when <condition>. */
export const noticePolicy = {
  markRead: (actor: Actor, notice: NoticeRow) => can(actor, 'notice:read') && !notice.readAt,
  /** Addressing everyone in the county needs a county-wide data scope. */
  publishToEveryone: (actor: Actor) => can(actor, 'notice:publish') && actor.scope.all,
};

export type NoticeAction = 'markRead';

export function noticeActions(actor: Actor, notice: NoticeRow): NoticeAction[] {
  return noticePolicy.markRead(actor, notice) ? ['markRead'] : [];
}

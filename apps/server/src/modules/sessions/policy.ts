import type { Actor } from '../../platform/authz/actor.js';
import { can } from '../../platform/authz/actor.js';
import type { OpenSessionRow } from './repository.js';

/** actor may <action> on an open session when <condition>. */
export const sessionPolicy = {
  /** Not one's own current session: that is what 退出登录 is for. */
  forceLogout: (actor: Actor, session: OpenSessionRow) => can(actor, 'session:forceLogout') && session.idHash !== actor.sessionIdHash,
};

export type SessionAction = keyof typeof sessionPolicy;

export function sessionActions(actor: Actor, session: OpenSessionRow): SessionAction[] {
  return (Object.keys(sessionPolicy) as SessionAction[]).filter((a) => sessionPolicy[a](actor, session));
}

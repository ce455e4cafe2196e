import type { Actor } from '../../platform/authz/actor.js';
import { can } from '../../platform/authz/actor.js';
import type { UserRow } from './repository.js';

const isSelf = (actor: Actor, user: UserRow) => actor.userId === user.id;
const isLocked = (user: UserRow) => Boolean(user.lockedUntil && Date.parse(user.lockedUntil) > Date.now());

/**
 * What an actor may do to an account they can see (scope is already checked by the repository).
 * Each rule reads: actor may <action> on account when <condition>.
 * Nobody changes their own node, roles, data scope or status (B13); granting roles is the
 * security administrator's duty (role:grant), not the system administrator's (B14).
 */
export const userPolicy = {
  /** Own name and phone may be edited; the placement fields are refused for oneself by the service. */
  update: (actor: Actor, _user: UserRow) => can(actor, 'user:update'),
  resetPassword: (actor: Actor, user: UserRow) => can(actor, 'user:resetPassword') && !isSelf(actor, user),
  disable: (actor: Actor, user: UserRow) => can(actor, 'user:disable') && user.status === 'active' && !isSelf(actor, user),
  enable: (actor: Actor, user: UserRow) => can(actor, 'user:disable') && user.status === 'disabled' && !isSelf(actor, user),
  unlock: (actor: Actor, user: UserRow) => can(actor, 'user:update') && isLocked(user) && !isSelf(actor, user),
  grantRoles: (actor: Actor, user: UserRow) => can(actor, 'role:grant') && !isSelf(actor, user),
  unmask: (actor: Actor, user: UserRow) => can(actor, 'user:unmask') && user.phoneEnc !== null,
};

export type UserAction = keyof typeof userPolicy;

export function userActions(actor: Actor, user: UserRow): UserAction[] {
  return (Object.keys(userPolicy) as UserAction[]).filter((a) => userPolicy[a](actor, user));
}

export { isSelf, isLocked };

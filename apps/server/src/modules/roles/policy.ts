import type { Actor } from '../../platform/authz/actor.js';
import { can } from '../../platform/authz/actor.js';
import type { RoleRow } from './repository.js';

/** actor may <action> on role when <condition>. */
export const rolePolicy = {
  update: (actor: Actor, _role: RoleRow) => can(actor, 'role:update'),
  /** Permissions and data scope: never of a role the actor holds (nobody widens their own access, B13). */
  changeAccess: (actor: Actor, role: RoleRow) => can(actor, 'role:update') && !actor.roles.some((r) => r.id === role.id),
  /** Changing the code: custom roles only (built-in codes are what the platform finds its roles by). */
  changeCode: (actor: Actor, role: RoleRow) => can(actor, 'role:update') && !role.builtin,
  /** Assigning the role to accounts happens in the users module; this tells the web to offer it. */
  grant: (actor: Actor, _role: RoleRow) => can(actor, 'role:grant'),
};

export type RoleAction = keyof typeof rolePolicy;

export function roleActions(actor: Actor, role: RoleRow): RoleAction[] {
  return (Object.keys(rolePolicy) as RoleAction[]).filter((a) => rolePolicy[a](actor, role));
}

import type { Actor } from '../../platform/authz/actor.js';
import { can } from '../../platform/authz/actor.js';
import type { MemberUnitRow } from './repository.js';

/**
 * What an actor may do to a member unit they can see (visibility is checked by the repository).
 * Each rule reads: actor may <action> on unit when <condition>.
 */
export const memberUnitPolicy = {
  update: (actor: Actor, _unit: MemberUnitRow) => can(actor, 'memberUnit:update'),
  disable: (actor: Actor, unit: MemberUnitRow) => can(actor, 'memberUnit:update') && unit.status === 'active',
  enable: (actor: Actor, unit: MemberUnitRow) => can(actor, 'memberUnit:update') && unit.status === 'disabled',
  /** The liaison's phone in full: only for those who maintain member units. */
  seeLiaisonPhone: (actor: Actor, _unit: MemberUnitRow) => can(actor, 'memberUnit:update'),
};

export type MemberUnitAction = Exclude<keyof typeof memberUnitPolicy, 'seeLiaisonPhone'>;
const actionNames: MemberUnitAction[] = ['update', 'disable', 'enable'];

export function memberUnitActions(actor: Actor, unit: MemberUnitRow): MemberUnitAction[] {
  return actionNames.filter((a) => memberUnitPolicy[a](actor, unit));
}

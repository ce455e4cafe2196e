import type { Actor } from '../../platform/authz/actor.js';
import { can } from '../../platform/authz/actor.js';
import type { OrgUnitRow } from './repository.js';
import { orgUnitChildKinds, type OrgUnitKind } from '@gg/shared';

/**
 * What an actor may do to an org node they can see (scope is already checked by the repository).
 * Each rule reads: actor may <action> on node when <condition>.
 */
export const orgUnitPolicy = {
  update: (actor: Actor, _node: OrgUnitRow) => can(actor, 'orgUnit:update'),
  createChild: (actor: Actor, node: OrgUnitRow) =>
    can(actor, 'orgUnit:create') && node.status === 'active' && orgUnitChildKinds[node.kind as OrgUnitKind].length > 0,
  move: (actor: Actor, node: OrgUnitRow) => can(actor, 'orgUnit:move') && node.parentId !== null && actor.orgUnitId !== node.id,
  disable: (actor: Actor, node: OrgUnitRow) =>
    can(actor, 'orgUnit:disable') && node.parentId !== null && node.status === 'active' && actor.orgUnitId !== node.id,
  enable: (actor: Actor, node: OrgUnitRow) => can(actor, 'orgUnit:disable') && node.status === 'disabled',
};

export type OrgUnitAction = keyof typeof orgUnitPolicy;

export function orgUnitActions(actor: Actor, node: OrgUnitRow): OrgUnitAction[] {
  return (Object.keys(orgUnitPolicy) as OrgUnitAction[]).filter((a) => orgUnitPolicy[a](actor, node));
}

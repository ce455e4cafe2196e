import type { Actor } from '../../platform/authz/actor.js';
import { can } from '../../platform/authz/actor.js';
import type { TargetRow } from './repository.js';

/**
 * What an actor may do to a target they can see (visibility is the repository's `ownerVisible`).
 * The office drafts and edits; the unit confirms its list and reports progress through the year.
 */
export const targetPolicy = {
  update: (actor: Actor, t: TargetRow) => can(actor, 'target:manage') && t.status !== 'completed',
  delete: (actor: Actor, t: TargetRow) => can(actor, 'target:manage') && t.status === 'draft',
  confirm: (actor: Actor, t: TargetRow) => can(actor, 'target:confirm') && t.status === 'draft',
  reportProgress: (actor: Actor, t: TargetRow) => can(actor, 'target:progress') && t.status === 'confirmed',
};

export type TargetAction = keyof typeof targetPolicy;

export function targetActions(actor: Actor, t: TargetRow): TargetAction[] {
  return (Object.keys(targetPolicy) as TargetAction[]).filter((a) => targetPolicy[a](actor, t));
}

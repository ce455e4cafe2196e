import type { Actor } from '../../platform/authz/actor.js';
import { can } from '../../platform/authz/actor.js';
import type { AuditEventRow } from './repository.js';

/**
 * What an actor may do with the trail as a whole. A single audit row has no actions at all:
 * no API edits or deletes one (security.md C18); only a purge past retention removes rows.
 */
export const auditTrailPolicy = {
  export: (actor: Actor) => can(actor, 'audit:export'),
  verify: (actor: Actor) => can(actor, 'audit:verify'),
  purge: (actor: Actor) => can(actor, 'audit:purge'),
};

export type AuditTrailAction = keyof typeof auditTrailPolicy;

export function auditTrailActions(actor: Actor): AuditTrailAction[] {
  return (Object.keys(auditTrailPolicy) as AuditTrailAction[]).filter((a) => auditTrailPolicy[a](actor));
}

export function auditEventActions(_actor: Actor, _row: AuditEventRow): never[] {
  return [];
}

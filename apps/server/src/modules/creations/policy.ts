import type { Actor } from '../../platform/authz/actor.js';
import { can } from '../../platform/authz/actor.js';
import type { CreationStatus } from '@gg/shared';
import type { CreationRow } from './repository.js';

/**
 * Creation campaigns: applied → (joint check) checked | rejected → (named for a period) named →
 * (yearly review fails, or an incident) revoked; a named title past its period shows as expired.
 * Each rule reads: actor may <action> on application when <condition>.
 */
export const creationPolicy = {
  check: (actor: Actor, _c: CreationRow, s: CreationStatus) => can(actor, 'creation:check') && s === 'applied',
  name: (actor: Actor, _c: CreationRow, s: CreationStatus) => can(actor, 'creation:manage') && s === 'checked',
  review: (actor: Actor, _c: CreationRow, s: CreationStatus) => can(actor, 'creation:check') && s === 'named',
  revoke: (actor: Actor, _c: CreationRow, s: CreationStatus) => can(actor, 'creation:manage') && (s === 'named' || s === 'checked'),
};
export type CreationAction = keyof typeof creationPolicy;
export const creationActions = (actor: Actor, c: CreationRow, s: CreationStatus) =>
  (Object.keys(creationPolicy) as CreationAction[]).filter((a) => creationPolicy[a](actor, c, s));

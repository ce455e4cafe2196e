import type { Actor } from '../../platform/authz/actor.js';
import { can } from '../../platform/authz/actor.js';
import type { NotableDeedRow } from './repository.js';

/** The unit records and edits its deeds until the office has qualified one; the office marks which qualify. */
export const notableDeedPolicy = {
  update: (actor: Actor, d: NotableDeedRow) => can(actor, 'notableDeed:record') && d.status !== 'qualified',
  delete: (actor: Actor, d: NotableDeedRow) => can(actor, 'notableDeed:record') && d.status !== 'qualified',
  review: (actor: Actor, _d: NotableDeedRow) => can(actor, 'notableDeed:review'),
};

export type NotableDeedAction = keyof typeof notableDeedPolicy;

export function notableDeedActions(actor: Actor, d: NotableDeedRow): NotableDeedAction[] {
  return (Object.keys(notableDeedPolicy) as NotableDeedAction[]).filter((a) => notableDeedPolicy[a](actor, d));
}

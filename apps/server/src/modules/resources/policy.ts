import type { Actor } from '../../platform/authz/actor.js';
import { can } from '../../platform/authz/actor.js';

/**
 * Resources belong to an org node; visibility is the repository's org-scope filter. Whoever may manage
 * resources may edit what they can see (a township officer their own committee's and below).
 */
export const resourcePolicy = {
  update: (actor: Actor) => can(actor, 'resource:manage'),
  delete: (actor: Actor) => can(actor, 'resource:manage'),
};
export function resourceActions(actor: Actor): ('update' | 'delete')[] {
  return (['update', 'delete'] as const).filter((a) => resourcePolicy[a](actor));
}

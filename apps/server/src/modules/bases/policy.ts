import type { Actor } from '../../platform/authz/actor.js';
import { can } from '../../platform/authz/actor.js';
import type { EducationBaseTable } from '../../platform/db/schema.js';

/** Actor may <action> on base when <condition>. */
export const basePolicy = {
  update: (actor: Actor, _b: EducationBaseTable) => can(actor, 'base:manage'),
  recordActivity: (actor: Actor, b: EducationBaseTable) => can(actor, 'activity:create') && b.status === 'active',
};
export const baseActions = (actor: Actor, b: EducationBaseTable) => (Object.keys(basePolicy) as (keyof typeof basePolicy)[]).filter((a) => basePolicy[a](actor, b));


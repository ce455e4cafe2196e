import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import type { Actor } from '../../platform/authz/actor.js';
import { inOrgScope } from '../../platform/authz/scope.js';
import type { Database } from '../../platform/db/schema.js';
import { isVolunteerOfUser } from '../volunteers/index.js';

/**
 * Activities an actor may see (security.md B11):
 * - those of an org node in the actor's scope;
 * - a member-unit liaison: those their unit organised;
 * - a volunteer account (scope self): those they recorded or took part in.
 * Used by every read of activities, including the totals other modules ask for.
 */
export function activityVisible<TB extends keyof Database>(eb: ExpressionBuilder<Database, TB>, actor: Actor): Expression<SqlBool> {
  const parts: Expression<SqlBool>[] = [inOrgScope(eb, actor, 'activity.orgUnitId')];
  if (actor.memberUnitId) parts.push(sql<SqlBool>`activity.member_unit_id = ${actor.memberUnitId}`);
  if (actor.scope.self) {
    parts.push(
      sql<SqlBool>`(activity.created_by = ${actor.userId} OR activity.id IN (SELECT av.activity_id FROM activity_volunteer av WHERE ${isVolunteerOfUser('av.volunteer_id', actor.userId)}))`,
    );
  }
  return eb.or(parts);
}

/** The node and everything below it, as a filter on activity.org_unit_id. */
export function activityUnderPath(path: string): Expression<SqlBool> {
  return sql<SqlBool>`activity.org_unit_id IN (SELECT id FROM org_unit WHERE path >= ${path} AND path < ${`${path.slice(0, -1)}0`})`;
}

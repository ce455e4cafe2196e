import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import type { Actor } from '../../platform/authz/actor.js';
import { inOrgScope, orgUnitInScope } from '../../platform/authz/scope.js';
import type { Executor } from '../../platform/db/database.js';
import type { Database } from '../../platform/db/schema.js';
import { AppError } from '../../platform/errors.js';

/** Whose item it is: a member unit, or a committee's org node (乡镇关工委). Exactly one is set. */
export interface Owner {
  memberUnitId: string | null;
  orgUnitId: string | null;
  name: string;
}

/**
 * Which owned rows (targets, deeds, assessments, tasks) an actor may see:
 * the county office everything; a member-unit liaison their own unit's; everyone else the org nodes
 * in their scope (a township officer: their committee and below). Anything else is "not found".
 */
export function ownerVisible<TB extends keyof Database>(eb: ExpressionBuilder<Database, TB>, actor: Actor, table: string): Expression<SqlBool> {
  if (actor.scope.all) return sql<SqlBool>`1 = 1`;
  const parts: Expression<SqlBool>[] = [inOrgScope(eb, actor, `${table}.orgUnitId`)];
  if (actor.memberUnitId) parts.push(sql<SqlBool>`${sql.ref(`${table}.memberUnitId`)} = ${actor.memberUnitId}`);
  return eb.or(parts);
}

/** The owner's display name: the member unit's or the org node's. */
export const ownerNameSql = (table: string) =>
  sql<string>`COALESCE((SELECT mu.name FROM member_unit mu WHERE mu.id = ${sql.ref(`${table}.memberUnitId`)}), (SELECT ou.name FROM org_unit ou WHERE ou.id = ${sql.ref(`${table}.orgUnitId`)}), '')`;

/**
 * The owner an actor writes for. Named explicitly, it must be one the actor may act for (their own unit,
 * or a node in scope); left out, a liaison's own unit or an officer's own node is taken.
 */
export async function resolveOwner(db: Executor, actor: Actor, input: { memberUnitId?: string | null; orgUnitId?: string | null }): Promise<Owner> {
  if (input.memberUnitId) {
    if (!actor.scope.all && actor.memberUnitId !== input.memberUnitId) throw new AppError('MEMBER_UNIT_NOT_FOUND');
    const unit = await db.selectFrom('memberUnit').select(['id', 'name']).where('id', '=', input.memberUnitId).where('status', '=', 'active').executeTakeFirst();
    if (!unit) throw new AppError('MEMBER_UNIT_NOT_FOUND');
    return { memberUnitId: unit.id, orgUnitId: null, name: unit.name };
  }
  if (input.orgUnitId) {
    const node = await db
      .selectFrom('orgUnit')
      .select(['orgUnit.id', 'orgUnit.name'])
      .where('orgUnit.id', '=', input.orgUnitId)
      .where('orgUnit.status', '=', 'active')
      .where((eb) => orgUnitInScope(eb, actor))
      .executeTakeFirst();
    if (!node) throw new AppError('ORG_UNIT_NOT_FOUND');
    return { memberUnitId: null, orgUnitId: node.id, name: node.name };
  }
  if (actor.memberUnitId) return resolveOwner(db, actor, { memberUnitId: actor.memberUnitId });
  if (actor.orgUnitId && !actor.scope.all) return resolveOwner(db, actor, { orgUnitId: actor.orgUnitId });
  throw new AppError('OWNER_INVALID');
}

/** Today's date in China (YYYY-MM-DD): deadlines are local dates. */
export function chinaToday(now = Date.now()): string {
  return new Date(now + 8 * 3600_000).toISOString().slice(0, 10);
}

export const parseIds = (json: string): string[] => {
  try {
    const v = JSON.parse(json);
    return Array.isArray(v) ? v.filter((x) => typeof x === 'string') : [];
  } catch {
    return [];
  }
};

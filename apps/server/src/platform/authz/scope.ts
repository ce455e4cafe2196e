import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import type { Database } from '../db/schema.js';
import { subtreeUpperBound, type Actor } from './actor.js';

/**
 * The org-scope filter. Every query of data that belongs to an org node goes through it:
 *   db.selectFrom('careCase').where((eb) => inOrgScope(eb, actor, 'careCase.orgUnitId', 'careCase.createdBy'))
 * Subtrees are one indexed range scan over `org_unit.path`.
 */
export function inOrgScope<DB extends Database, TB extends keyof DB>(
  eb: ExpressionBuilder<DB, TB>,
  actor: Actor,
  orgUnitColumn: string,
  ownerColumn?: string,
): Expression<SqlBool> {
  const { scope } = actor;
  if (scope.all) return sql<SqlBool>`1 = 1`;
  const ref = sql.ref(orgUnitColumn);
  const parts: Expression<SqlBool>[] = [];
  for (const p of scope.subtreePaths) {
    parts.push(
      sql<SqlBool>`${ref} IN (SELECT id FROM org_unit WHERE path >= ${p} AND path < ${subtreeUpperBound(p)})`,
    );
  }
  if (scope.nodeIds.length) parts.push(sql<SqlBool>`${ref} IN (${sql.join(scope.nodeIds)})`);
  if (scope.self && ownerColumn) parts.push(sql<SqlBool>`${sql.ref(ownerColumn)} = ${actor.userId}`);
  if (parts.length === 0) return sql<SqlBool>`1 = 0`;
  return eb.or(parts);
}

/** The same filter for the org_unit table itself (its own path column). */
export function orgUnitInScope<DB extends Database, TB extends keyof DB>(
  eb: ExpressionBuilder<DB, TB>,
  actor: Actor,
  pathColumn = 'orgUnit.path',
  idColumn = 'orgUnit.id',
): Expression<SqlBool> {
  const { scope } = actor;
  if (scope.all) return sql<SqlBool>`1 = 1`;
  const parts: Expression<SqlBool>[] = [];
  for (const p of scope.subtreePaths) {
    parts.push(sql<SqlBool>`(${sql.ref(pathColumn)} >= ${p} AND ${sql.ref(pathColumn)} < ${subtreeUpperBound(p)})`);
  }
  if (scope.nodeIds.length) parts.push(sql<SqlBool>`${sql.ref(idColumn)} IN (${sql.join(scope.nodeIds)})`);
  if (parts.length === 0) return sql<SqlBool>`1 = 0`;
  return eb.or(parts);
}

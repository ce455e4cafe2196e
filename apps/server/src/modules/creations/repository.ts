import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import type { Actor } from '../../platform/authz/actor.js';
import { inOrgScope } from '../../platform/authz/scope.js';
import type { Executor } from '../../platform/db/database.js';
import type { CreationCheckItemTable, CreationCheckTable, CreationCriterionTable, CreationEventTable, CreationTable, CreationTypeTable, Database } from '../../platform/db/schema.js';

export type CreationRow = CreationTable & { typeName: string; orgUnitName: string; orgUnitKind: string; orgUnitPath: string };

/** Today in the county (UTC+8). */
export const today = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);

/** The status people see: a named title whose period has passed shows as expired. */
export const effectiveStatus = (day: string) => {
  // A literal (our own YYYY-MM-DD, checked), so PostgreSQL sees the same expression in SELECT and GROUP BY.
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) throw new Error('bad date');
  return sql<string>`CASE WHEN creation.status = 'named' AND creation.named_until < ${sql.lit(day)} THEN 'expired' ELSE creation.status END`;
};

const sortColumns = { appliedAt: 'creation.appliedAt', namedUntil: 'creation.namedUntil', status: 'creation.status' } as const;

export function creationRepository(db: Executor) {
  const base = () =>
    db
      .selectFrom('creation')
      .innerJoin('creationType', 'creationType.id', 'creation.typeId')
      .innerJoin('orgUnit', 'orgUnit.id', 'creation.orgUnitId')
      .selectAll('creation')
      .select(['creationType.name as typeName', 'orgUnit.name as orgUnitName', 'orgUnit.kind as orgUnitKind', 'orgUnit.path as orgUnitPath']);
  const visible = (eb: ExpressionBuilder<Database, any>, actor: Actor) => inOrgScope(eb, actor, 'creation.orgUnitId');

  return {
    // ---- types and criteria
    async type(id: string) {
      return db.selectFrom('creationType').selectAll().where('id', '=', id).executeTakeFirst();
    },
    async types(includeDisabled: boolean) {
      let q = db.selectFrom('creationType').selectAll();
      if (!includeDisabled) q = q.where('status', '=', 'active');
      return q.orderBy('createdAt').orderBy('code').execute();
    },
    async criteriaOf(typeIds: string[], activeOnly = true) {
      if (!typeIds.length) return [];
      let q = db.selectFrom('creationCriterion').selectAll().where('typeId', 'in', typeIds);
      if (activeOnly) q = q.where('status', '=', 'active');
      return q.orderBy('sortOrder').execute();
    },
    async codeTaken(code: string) {
      return Boolean(await db.selectFrom('creationType').select('id').where('code', '=', code).executeTakeFirst());
    },
    async insertType(row: CreationTypeTable) {
      await db.insertInto('creationType').values(row).execute();
    },
    async updateType(id: string, patch: Partial<CreationTypeTable>) {
      await db.updateTable('creationType').set(patch).where('id', '=', id).execute();
    },
    async insertCriteria(rows: CreationCriterionTable[]) {
      if (rows.length) await db.insertInto('creationCriterion').values(rows).execute();
    },
    async updateCriterion(id: string, patch: Partial<CreationCriterionTable>) {
      await db.updateTable('creationCriterion').set(patch).where('id', '=', id).execute();
    },

    // ---- applications
    async find(actor: Actor, id: string): Promise<CreationRow | undefined> {
      return base().where('creation.id', '=', id).where((eb) => visible(eb, actor)).executeTakeFirst();
    },
    async list(actor: Actor, f: { typeId?: string; status?: string; underPath?: string; q?: string }, page: { page: number; pageSize: number; sort?: string }) {
      const t = today();
      const where = (eb: ExpressionBuilder<Database, any>) => {
        const c: Expression<SqlBool>[] = [visible(eb, actor)];
        if (f.typeId) c.push(eb('creation.typeId', '=', f.typeId));
        if (f.status) c.push(sql<SqlBool>`${effectiveStatus(t)} = ${f.status}`);
        if (f.underPath) c.push(sql<SqlBool>`creation.org_unit_id IN (SELECT id FROM org_unit WHERE path >= ${f.underPath} AND path < ${`${f.underPath.slice(0, -1)}0`})`);
        if (f.q) c.push(sql<SqlBool>`creation.org_unit_id IN (SELECT id FROM org_unit WHERE name LIKE ${`%${f.q.replace(/[%_\\]/g, '')}%`})`);
        return eb.and(c);
      };
      const key = (page.sort?.replace(/^-/, '') ?? 'appliedAt') as keyof typeof sortColumns;
      const dir = page.sort ? (page.sort.startsWith('-') ? 'desc' : 'asc') : 'desc';
      const rows = await base().where(where).orderBy(sortColumns[key], dir).orderBy('creation.id').limit(page.pageSize).offset((page.page - 1) * page.pageSize).execute();
      const n = await db.selectFrom('creation').select((eb) => eb.fn.countAll<number>().as('n')).where(where).executeTakeFirstOrThrow();
      return { rows, total: Number(n.n) };
    },
    /** An open application or a title still in force for this unit and type. */
    async openFor(typeId: string, orgUnitId: string) {
      return db
        .selectFrom('creation')
        .select('id')
        .where('typeId', '=', typeId)
        .where('orgUnitId', '=', orgUnitId)
        .where((eb) => eb.or([eb('status', 'in', ['applied', 'checked']), eb.and([eb('status', '=', 'named'), eb('namedUntil', '>=', today())])]))
        .executeTakeFirst();
    },
    async insert(row: CreationTable) {
      await db.insertInto('creation').values(row).execute();
    },
    async update(id: string, patch: Partial<CreationTable>) {
      await db.updateTable('creation').set({ ...patch, updatedAt: new Date().toISOString() }).where('id', '=', id).execute();
    },
    async insertCheck(row: CreationCheckTable, items: CreationCheckItemTable[]) {
      await db.insertInto('creationCheck').values(row).execute();
      if (items.length) await db.insertInto('creationCheckItem').values(items).execute();
    },
    async checksOf(creationId: string) {
      const checks = await db.selectFrom('creationCheck').selectAll().where('creationId', '=', creationId).orderBy('checkDate').orderBy('createdAt').execute();
      const items = checks.length
        ? await db
            .selectFrom('creationCheckItem')
            .innerJoin('creationCriterion', 'creationCriterion.id', 'creationCheckItem.criterionId')
            .selectAll('creationCheckItem')
            .select(['creationCriterion.title', 'creationCriterion.sortOrder'])
            .where('checkId', 'in', checks.map((c) => c.id))
            .orderBy('creationCriterion.sortOrder')
            .execute()
        : [];
      return { checks, items };
    },
    async lastCheck(creationId: string, kind: string) {
      return db.selectFrom('creationCheck').selectAll().where('creationId', '=', creationId).where('kind', '=', kind).orderBy('checkDate', 'desc').orderBy('createdAt', 'desc').executeTakeFirst();
    },
    async insertEvent(row: CreationEventTable) {
      await db.insertInto('creationEvent').values(row).execute();
    },
    async eventsOf(creationId: string) {
      return db
        .selectFrom('creationEvent')
        .leftJoin('appUser', 'appUser.id', 'creationEvent.byUser')
        .selectAll('creationEvent')
        .select('appUser.displayName as byName')
        .where('creationId', '=', creationId)
        .orderBy('at')
        .orderBy('creationEvent.id')
        .execute();
    },
    async orgUnit(id: string) {
      return db.selectFrom('orgUnit').select(['id', 'name', 'kind', 'path', 'status']).where('id', '=', id).executeTakeFirst();
    },
    async visibleUploads(actor: Actor, ids: string[]) {
      if (!ids.length) return [];
      return db
        .selectFrom('upload')
        .select('id')
        .where('id', 'in', ids)
        .where((eb) => eb.or([eb('upload.createdBy', '=', actor.userId), inOrgScope(eb, actor, 'upload.orgUnitId')]))
        .execute();
    },

    /** The status board: per township, how many units are in each state (one grouped query). */
    async board(actor: Actor, typeId: string | undefined) {
      const status = effectiveStatus(today());
      let q = db
        .selectFrom('creation')
        .innerJoin('orgUnit as u', 'u.id', 'creation.orgUnitId')
        .innerJoin('orgUnit as t', (j) =>
          j.on('t.kind', '=', 'township').on(sql<SqlBool>`u.path >= t.path AND u.path < (substr(t.path, 1, length(t.path) - 1) || '0')`),
        )
        .select(['t.id as townshipId', 't.name as townshipName', status.as('status'), (eb) => eb.fn.countAll<number>().as('n')])
        .where((eb) => visible(eb, actor));
      if (typeId) q = q.where('creation.typeId', '=', typeId);
      return q.groupBy(['t.id', 't.name', status]).orderBy('t.name').execute();
    },
  };
}

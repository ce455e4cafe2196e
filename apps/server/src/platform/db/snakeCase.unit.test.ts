import SqliteDatabase from 'better-sqlite3';
import {
  CamelCasePlugin, DummyDriver, Kysely, PostgresAdapter, PostgresIntrospector, PostgresQueryCompiler, SqliteAdapter, SqliteIntrospector,
  SqliteQueryCompiler, sql, type Compilable, type Dialect, type QueryCompiler,
} from 'kysely';
import { describe, expect, it } from 'vitest';
import { CamelCaseResultsPlugin, SnakeCasePostgresQueryCompiler, SnakeCaseSqliteQueryCompiler } from './snakeCase.js';
import { GroupCommitSqliteDialect, withStatementCache } from './sqliteDriver.js';

/* eslint-disable @typescript-eslint/no-explicit-any -- shapes only, no schema */
function dialect(kind: 'sqlite' | 'postgres', compiler: () => QueryCompiler): Dialect {
  return {
    createAdapter: () => (kind === 'sqlite' ? new SqliteAdapter() : new PostgresAdapter()),
    createDriver: () => new DummyDriver(),
    createIntrospector: (db) => (kind === 'sqlite' ? new SqliteIntrospector(db) : new PostgresIntrospector(db)),
    createQueryCompiler: compiler,
  };
}

/** Queries of every shape the modules write: joins, aliases, subqueries, raw references, DDL, upserts, returning. */
const queries: ((db: Kysely<any>) => Compilable<unknown>)[] = [
  (db) => db.selectFrom('careCase').innerJoin('orgUnit', 'orgUnit.id', 'careCase.orgUnitId').select(['careCase.id', 'careCase.birthDate', 'orgUnit.name as orgUnitName'])
    .where('careCase.status', '=', 'inProgress').where('careCase.updatedAt', '>', '2026').orderBy('careCase.updatedAt', 'desc').orderBy('careCase.id', 'desc').limit(20).offset(40),
  (db) => db.selectFrom('careCase as c').select((eb) => [
    eb.selectFrom('careVisit').select(eb.fn.max('careVisit.visitedOn').as('lastOn')).whereRef('careVisit.caseId', '=', 'c.id').as('lastContactOn'),
    eb.fn.countAll<number>().as('nCases'),
    sql<string>`${sql.ref('c.nameInitials')} || ${sql.lit('x')}`.as('initialsX'),
    sql.id('c', 'orgUnitId').as('org'),
  ]).where((eb) => eb.or([eb('c.namePinyin', 'like', 'ab%'), eb('c.nameInitials', 'like', 'ab%')])).groupBy(['c.orgUnitId', 'c.status']).having((eb) => eb.fn.countAll(), '>', 1),
  (db) => db.selectFrom('activity').leftJoin('memberUnit', 'memberUnit.id', 'activity.memberUnitId').selectAll('activity').select('memberUnit.name as memberUnitName')
    .where('activity.id', 'in', (eb: any) => eb.selectFrom('activityVolunteer').select('activityVolunteer.activityId').where('activityVolunteer.volunteerId', '=', 'v1')),
  (db) => db.with('recentCases', (qb) => qb.selectFrom('careCase').select(['id', 'orgUnitId']).where('intakeDate', '>=', '2026-01-01')).selectFrom('recentCases').select('recentCases.orgUnitId'),
  (db) => db.insertInto('auditEvent').values({ seq: 1, userId: 'u', objectType: 't', createdAt: 'now' }).returning(['id', 'createdAt']),
  (db) => db.insertInto('activityStat').values({ orgUnitId: 'o', month: '2026-01', activities: 1 })
    .onConflict((oc) => oc.columns(['orgUnitId', 'month']).doUpdateSet((eb) => ({ activities: eb('activityStat.activities', '+', eb.ref('excluded.activities')) }))),
  (db) => db.updateTable('session').set({ lastSeenAt: 'now', endReason: null }).where('idHash', '=', 'h').where('endedAt', 'is', null),
  (db) => db.deleteFrom('careCaseCategory').where('caseId', 'in', ['a', 'b']).where(sql<boolean>`care_case_category.category <> ${'x'}`),
  (db) => db.schema.createTable('fooBar').addColumn('someId', 'text', (c) => c.primaryKey()).addColumn('createdAt', 'text', (c) => c.notNull())
    .addForeignKeyConstraint('fooBarSomeFk', ['someId'], 'otherTable', ['otherId']),
  (db) => db.schema.createIndex('fooBarCreated').on('fooBar').columns(['createdAt', 'someId']).where(sql.ref('deletedAt'), 'is', null),
  (db) => db.schema.alterTable('fooBar').addColumn('updatedAt', 'text'),
  (db) => db.selectFrom('weird"Table').select('a"Column'),
  (db) => db.selectFrom('vol2Team').select(['member12Count', 'ABCValue', 'x_alreadySnake']),
];

describe('snake_case written by the compiler: the same SQL as CamelCasePlugin', () => {
  for (const kind of ['sqlite', 'postgres'] as const) {
    it(`${kind}: every query shape compiles to the plugin's text and parameters`, () => {
      const plugin = new Kysely<any>({
        dialect: dialect(kind, () => (kind === 'sqlite' ? new SqliteQueryCompiler() : new PostgresQueryCompiler())),
        plugins: [new CamelCasePlugin()],
      });
      const ours = new Kysely<any>({
        dialect: dialect(kind, () => (kind === 'sqlite' ? new SnakeCaseSqliteQueryCompiler() : new SnakeCasePostgresQueryCompiler())),
        plugins: [new CamelCaseResultsPlugin()],
      });
      for (const q of queries) {
        const expected = q(plugin).compile();
        const actual = q(ours).compile();
        expect(actual.sql).toBe(expected.sql);
        expect(actual.parameters).toEqual(expected.parameters);
      }
      // A test that could not fail would prove nothing: a plain compiler keeps camelCase.
      const plain = new Kysely<any>({ dialect: dialect(kind, () => (kind === 'sqlite' ? new SqliteQueryCompiler() : new PostgresQueryCompiler())) });
      expect(queries[0](plain).compile().sql).not.toBe(queries[0](plugin).compile().sql);
    });
  }

  it('rows come back with camelCase keys through the server’s SQLite dialect', async () => {
    const conn = new SqliteDatabase(':memory:');
    const db = new Kysely<any>({
      dialect: new GroupCommitSqliteDialect(withStatementCache(conn), { connection: withStatementCache(conn) }, { transactions: 0, commits: 0 }),
      plugins: [new CamelCaseResultsPlugin()],
    });
    await db.schema.createTable('careVisit').addColumn('caseId', 'text').addColumn('visitedOn', 'text').execute();
    expect(conn.prepare(`SELECT name FROM pragma_table_info('care_visit') ORDER BY cid`).all()).toEqual([{ name: 'case_id' }, { name: 'visited_on' }]);
    await db.insertInto('careVisit').values({ caseId: 'c1', visitedOn: '2026-11-30' }).execute();
    const rows = await db.selectFrom('careVisit').select(['caseId', 'visitedOn as lastVisitOn']).execute();
    expect(rows).toEqual([{ caseId: 'c1', lastVisitOn: '2026-11-30' }]);
    await db.destroy();
  });
});

import { sql, type SelectQueryBuilder } from 'kysely';
import type { Executor } from '../../platform/db/database.js';
import { listAgg, splitList } from '../../platform/db/listAgg.js';
import type { Database } from '../../platform/db/schema.js';
import type { Actor } from '../../platform/authz/actor.js';
import { inOrgScope, orgUnitInScope } from '../../platform/authz/scope.js';
import type { CareCaseTable } from '../../platform/db/schema.js';

export type CareCaseRow = CareCaseTable & {
  orgUnitName: string;
  orgUnitPath: string;
  categories: string[];
  mentorCount: number;
  lastContactOn: string | null;
};

/** The columns a list page shows and its actions look at: no encrypted field travels for a list (issue 10). */
const listColumns = [
  'careCase.id', 'careCase.name', 'careCase.sex', 'careCase.birthDate', 'careCase.status', 'careCase.riskLevel', 'careCase.orgUnitId',
  'careCase.schoolOrWork', 'careCase.intakeDate', 'careCase.closureRequestedAt', 'careCase.closureRequestedBy', 'careCase.anonymizedAt',
  'careCase.updatedAt',
] as const;
type ListColumn = (typeof listColumns)[number] extends `careCase.${infer C}` ? C : never;
export type CareCaseListRow = Pick<CareCaseRow, ListColumn | 'orgUnitName' | 'categories' | 'mentorCount' | 'lastContactOn'>;

const sortColumns = {
  name: 'careCase.namePinyin',
  birthDate: 'careCase.birthDate',
  intakeDate: 'careCase.intakeDate',
  updatedAt: 'careCase.updatedAt',
  riskLevel: 'careCase.riskLevel',
  status: 'careCase.status',
} as const;

export interface CareCaseFilter {
  q?: string;
  /** Blind index of q when q is a valid ID number. */
  qIdBidx?: string;
  /** Pinyin prefix when q is Latin letters. */
  qPinyin?: string;
  category?: string;
  status?: string;
  riskLevel?: string;
  underPath?: string;
  closurePending?: boolean;
  intakeFrom?: string;
  intakeTo?: string;
}

export const idNumberDomain = 'careCase.idNumber';

const statFilters = new Set<string>([
  'status', 'underPath', 'intakeFrom', 'intakeTo',
  // What the list's query brings along that does not narrow it further (its orgUnitId became underPath).
  'orgUnitId', 'page', 'pageSize', 'sort', 'full', 'reason',
]);

/**
 * Whether care_case_stat holds a list's total: filters by status (merged ones are not in it), node and whole intake
 * years only, and a scope of nodes (a scope that adds the user's own records needs the records' creators).
 */
export function totalFromStats(actor: Actor, f: CareCaseFilter): boolean {
  // An allow-list: a filter added later falls back to counting the records until this learns it.
  if (Object.entries(f).some(([k, v]) => v !== undefined && v !== false && !statFilters.has(k))) return false;
  if (f.status === 'merged' || actor.scope.self) return false;
  if (f.intakeFrom && !f.intakeFrom.endsWith('-01-01')) return false;
  if (f.intakeTo && !f.intakeTo.endsWith('-12-31')) return false;
  return true;
}

/** All SQL for cases. Every read takes the actor and filters by org scope: out of scope is "not found". */
export function careCaseRepository(db: Executor) {
  // A record's categories as one column (in code order): read with the record, not in a second query after it — one
  // wait for the reader thread fewer on every list page and record (issue 10).
  const categoryList = sql<string | null>`(SELECT ${listAgg(db, 'k.category')} FROM care_case_category k WHERE k.case_id = care_case.id)`;
  const counts = <TB extends 'careCase' | 'orgUnit', O>(q: SelectQueryBuilder<Database, TB, O>) =>
    q
      .select(sql<number>`(SELECT COUNT(*) FROM care_mentorship m WHERE m.case_id = care_case.id AND m.end_on IS NULL)`.as('mentorCount'))
      .select(sql<string | null>`(SELECT MAX(v.visited_on) FROM care_visit v WHERE v.case_id = care_case.id)`.as('lastContactOn'))
      .select(categoryList.as('categoryList'));
  const joined = (actor: Actor) =>
    db
      .selectFrom('careCase')
      .innerJoin('orgUnit', 'orgUnit.id', 'careCase.orgUnitId')
      .where((eb) => inOrgScope(eb, actor, 'careCase.orgUnitId', 'careCase.createdBy'));
  // Whole records take their node's name and path by subqueries: with every column selected, SQLite's join made
  // reading one record about three times as slow (0.074 → 0.027 ms a case by id, county data; issue 10).
  const base = (actor: Actor) =>
    counts(
      db
        .selectFrom('careCase')
        .where((eb) => inOrgScope(eb, actor, 'careCase.orgUnitId', 'careCase.createdBy'))
        .selectAll('careCase')
        .select(sql<string>`(SELECT name FROM org_unit WHERE org_unit.id = care_case.org_unit_id)`.as('orgUnitName'))
        .select(sql<string>`(SELECT path FROM org_unit WHERE org_unit.id = care_case.org_unit_id)`.as('orgUnitPath')),
    );
  const listBase = (actor: Actor) => counts(joined(actor).select(listColumns).select('orgUnit.name as orgUnitName'));

  /**
   * The rows as read, each with its mentor count as a number and its categories as a list — set on the row itself, not
   * on a copy: `{ ...row, key }` costs Node 20 a new hidden class per row, whose garbage outlives the scavenges
   * (docs/decisions.md, "Spreads: no keys after a leading spread").
   */
  function withCategories<T extends { id: string; mentorCount: number | string; categoryList: string | null }>(rows: T[]) {
    type Out = Omit<T, 'categoryList' | 'mentorCount'> & { mentorCount: number; categories: string[] };
    for (const r of rows as unknown as (Out & { categoryList: string | null })[]) {
      r.mentorCount = Number(r.mentorCount);
      r.categories = splitList(r.categoryList);
    }
    return rows as unknown as Out[];
  }

  /**
   * The total from the summary table care_case_stat (cases per node, intake year, status and outcome; kept in each
   * write's transaction, caseStats.ts) when it holds the filter: a few hundred rows summed instead of every match
   * counted (the county's unfiltered list: 1.57 → 0.30 ms on 50k cases; issue 10).
   */
  async function statTotal(actor: Actor, filter: CareCaseFilter): Promise<number> {
    let q = db
      .selectFrom('careCaseStat')
      .select((eb) => eb.fn.sum<number | string | null>('careCaseStat.cases').as('n'))
      .where((eb) => inOrgScope(eb, actor, 'careCaseStat.orgUnitId'));
    if (filter.status) q = q.where('careCaseStat.status', '=', filter.status);
    if (filter.underPath) {
      const p = filter.underPath;
      q = q.where(sql<boolean>`care_case_stat.org_unit_id IN (SELECT id FROM org_unit WHERE path >= ${p} AND path < ${`${p.slice(0, -1)}0`})`);
    }
    if (filter.intakeFrom) q = q.where('careCaseStat.year', '>=', filter.intakeFrom.slice(0, 4));
    if (filter.intakeTo) q = q.where('careCaseStat.year', '<=', filter.intakeTo.slice(0, 4));
    return Number((await q.executeTakeFirst())?.n ?? 0);
  }

  /** The page's ids (a subquery), the order they take and the total, for a filter. */
  async function pageOf(actor: Actor, filter: CareCaseFilter, page: { page: number; pageSize: number; sort?: string }) {
    const scoped = () => db.selectFrom('careCase').where((eb) => inOrgScope(eb, actor, 'careCase.orgUnitId', 'careCase.createdBy'));
    let ids = scoped().select('careCase.id');
    let count = scoped().select((eb) => eb.fn.countAll<number>().as('n'));
    const apply = <Q extends typeof ids | typeof count>(query: Q): Q => {
      let r = query as unknown as typeof count;
      if (filter.status) r = r.where('careCase.status', '=', filter.status);
      else r = r.where('careCase.status', '!=', 'merged');
      if (filter.qIdBidx) r = r.where('careCase.idNumberBidx', '=', filter.qIdBidx);
      else if (filter.qPinyin) {
        const p = filter.qPinyin;
        r = r.where((eb) => eb.or([eb('careCase.namePinyin', 'like', `${p}%`), eb('careCase.nameInitials', 'like', `${p}%`)]));
      } else if (filter.q) r = r.where('careCase.name', 'like', `%${escapeLike(filter.q)}%`);
      if (filter.category) r = r.where('careCase.id', 'in', (eb) => eb.selectFrom('careCaseCategory').select('caseId').where('category', '=', filter.category!));
      if (filter.riskLevel) r = r.where('careCase.riskLevel', '=', filter.riskLevel);
      if (filter.underPath) {
        const p = filter.underPath;
        r = r.where(sql<boolean>`care_case.org_unit_id IN (SELECT id FROM org_unit WHERE path >= ${p} AND path < ${`${p.slice(0, -1)}0`})`);
      }
      if (filter.closurePending) r = r.where('careCase.closureRequestedAt', 'is not', null).where('careCase.status', '!=', 'closed');
      if (filter.intakeFrom) r = r.where('careCase.intakeDate', '>=', filter.intakeFrom);
      if (filter.intakeTo) r = r.where('careCase.intakeDate', '<=', filter.intakeTo);
      return r as unknown as Q;
    };
    ids = apply(ids);
    count = apply(count);
    const sortKey = (page.sort?.replace(/^-/, '') ?? 'updatedAt') as keyof typeof sortColumns;
    const dir = page.sort ? (page.sort.startsWith('-') ? 'desc' : 'asc') : 'desc';
    // The page's ids first — from the indexes alone where they hold the filter and the order — then those rows with
    // their node and counts. As one query SQLite worked out every candidate's counts before sorting (issue 10).
    const pageIds = ids
      .orderBy(sortColumns[sortKey], dir)
      // The tie-breaker runs the same way, so an index on (column, id) serves the page without sorting every match.
      .orderBy('careCase.id', dir)
      .limit(page.pageSize)
      .offset((page.page - 1) * page.pageSize);
    // Not awaited here: the caller reads the page meanwhile (two queries in flight: one wait for a reader thread or
    // PostgreSQL's pool instead of two).
    const total = totalFromStats(actor, filter) ? statTotal(actor, filter) : count.executeTakeFirstOrThrow().then((r) => Number(r.n));
    return { pageIds, column: sortColumns[sortKey], dir, total } as const;
  }

  return {
    async findInScope(actor: Actor, id: string): Promise<CareCaseRow | undefined> {
      const row = await base(actor).where('careCase.id', '=', id).executeTakeFirst();
      return row ? withCategories([row])[0] : undefined;
    },

    /** Several records by id, one query per 500 (an import's duplicates): those out of scope are simply absent. */
    async findManyInScope(actor: Actor, ids: string[]): Promise<Map<string, CareCaseRow>> {
      const out = new Map<string, CareCaseRow>();
      const unique = [...new Set(ids)];
      for (let i = 0; i < unique.length; i += 500) {
        const rows = await base(actor).where('careCase.id', 'in', unique.slice(i, i + 500)).execute();
        for (const r of withCategories(rows)) out.set(r.id, r);
      }
      return out;
    },

    /** A page of the list: the listed columns only. */
    async list(actor: Actor, filter: CareCaseFilter, page: { page: number; pageSize: number; sort?: string }): Promise<{ rows: CareCaseListRow[]; total: number }> {
      const { pageIds, column, dir, total } = await pageOf(actor, filter, page);
      const [rows, n] = await Promise.all([
        listBase(actor).where('careCase.id', 'in', pageIds).orderBy(column, dir).orderBy('careCase.id', dir).execute().then(withCategories),
        total,
      ]);
      return { rows, total: n };
    },

    /** A page with every column (the export decrypts and masks them). */
    async listFull(actor: Actor, filter: CareCaseFilter, page: { page: number; pageSize: number; sort?: string }): Promise<{ rows: CareCaseRow[]; total: number }> {
      const { pageIds, column, dir, total } = await pageOf(actor, filter, page);
      const [rows, n] = await Promise.all([base(actor).where('careCase.id', 'in', pageIds).orderBy(column, dir).orderBy('careCase.id', dir).execute().then(withCategories), total]);
      return { rows, total: n };
    },

    /** Duplicate candidates in scope: exact ID (blind index), name + birth date, same pinyin. */
    async duplicates(actor: Actor, c: { idBidx?: string; name: string; birthDate?: string; pinyin: string }) {
      const rows = await base(actor)
        .where('careCase.status', '!=', 'merged')
        .where((eb) => {
          const ors = [eb('careCase.namePinyin', '=', c.pinyin)];
          if (c.idBidx) ors.push(eb('careCase.idNumberBidx', '=', c.idBidx));
          if (c.birthDate) ors.push(eb.and([eb('careCase.name', '=', c.name), eb('careCase.birthDate', '=', c.birthDate)]));
          return eb.or(ors);
        })
        .orderBy('careCase.updatedAt', 'desc')
        .limit(50)
        .execute();
      return withCategories(rows);
    },

    /** Any case (in scope or not) holding this blind index: for the duplicate guard at create/import. */
    async byBidx(bidxs: string[]) {
      const out = new Map<string, { id: string; orgUnitId: string }>();
      for (let i = 0; i < bidxs.length; i += 500) {
        const rows = await db.selectFrom('careCase').select(['id', 'orgUnitId', 'idNumberBidx']).where('idNumberBidx', 'in', bidxs.slice(i, i + 500)).execute();
        for (const r of rows) if (r.idNumberBidx) out.set(r.idNumberBidx, { id: r.id, orgUnitId: r.orgUnitId });
      }
      return out;
    },

    async orgUnitInScope(actor: Actor, id: string) {
      return db.selectFrom('orgUnit').selectAll().where('id', '=', id).where((eb) => orgUnitInScope(eb, actor)).executeTakeFirst();
    },

    /** Active nodes in scope, for the import's 归口单位 column. */
    async orgUnitsInScope(actor: Actor) {
      return db.selectFrom('orgUnit').select(['id', 'name', 'kind', 'path', 'parentId']).where('status', '=', 'active').where((eb) => orgUnitInScope(eb, actor)).execute();
    },

    async namesOfUsers(ids: (string | null)[]) {
      const list = [...new Set(ids.filter((x): x is string => Boolean(x)))];
      if (!list.length) return new Map<string, string>();
      const rows = await db.selectFrom('appUser').select(['id', 'displayName']).where('id', 'in', list).execute();
      return new Map(rows.map((r) => [r.id, r.displayName]));
    },

    async insert(row: CareCaseTable, categories: string[]) {
      await db.insertInto('careCase').values(row).execute();
      await this.setCategories(row.id, categories);
    },

    async setCategories(caseId: string, categories: string[]) {
      await db.deleteFrom('careCaseCategory').where('caseId', '=', caseId).execute();
      if (categories.length) await db.insertInto('careCaseCategory').values([...new Set(categories)].map((category) => ({ caseId, category }))).execute();
    },

    async update(id: string, patch: Partial<CareCaseTable>) {
      await db.updateTable('careCase').set(patch).where('id', '=', id).execute();
    },

    async logStatus(row: { id: string; caseId: string; kind: string; fromStatus: string | null; toStatus: string | null; note: string | null; at: string; byUserId: string | null }) {
      await db.insertInto('careCaseStatusChange').values(row).execute();
    },
  };
}

export function escapeLike(s: string): string {
  return s.replace(/[%_\\]/g, '');
}

import { sql, type Expression, type ExpressionBuilder, type SelectQueryBuilder, type SqlBool } from 'kysely';
import { ageBandRanges, type AgeBand } from '@gg/shared';
import type { Executor } from '../../platform/db/database.js';
import { listAgg, splitList } from '../../platform/db/listAgg.js';
import type { Database, VolunteerTable } from '../../platform/db/schema.js';
import type { Actor } from '../../platform/authz/actor.js';
import { subtreeUpperBound } from '../../platform/authz/actor.js';
import { inOrgScope } from '../../platform/authz/scope.js';
import { lockStatKey, specialtiesChanged, specialtiesOf, statFields, volunteerChanged, volunteerInserted } from './volunteerStat.js';
import { orgNodesById } from '../../platform/authz/orgNodes.js';

export type VolunteerRow = VolunteerTable & { hoursTenths: number; specialties: string[] };

const sortColumns = {
  name: 'volunteer.namePinyin',
  birthDate: 'volunteer.birthDate',
  joinDate: 'volunteer.joinDate',
  createdAt: 'volunteer.createdAt',
  category: 'volunteer.category',
} as const;
type VolunteerSort = keyof typeof sortColumns;

/** The list's order: the sort column, then name (unless it is the sort column already), then id. */
function inListOrder<O>(query: SelectQueryBuilder<Database, 'volunteer', O>, sortKey: VolunteerSort, dir: 'asc' | 'desc') {
  const ordered = query.orderBy(sortColumns[sortKey], dir);
  return (sortKey === 'name' ? ordered : ordered.orderBy('volunteer.namePinyin')).orderBy('volunteer.id');
}

export interface VolunteerFilter {
  q?: string;
  /** Blind index of the search term when it is a valid ID number (exact match). */
  qIdNumberBidx?: string;
  category?: string;
  specialty?: string;
  /** Materialised path of the org node asked for: volunteers at it and below. */
  underPath?: string;
  ageBand?: AgeBand;
  status?: string;
  committeePost?: string;
  teamId?: string;
}

/** Today's date in the county (UTC+8) as YYYY-MM-DD, shifted back by whole years. */
export function dateYearsAgo(years: number, today = new Date()): string {
  const local = new Date(today.getTime() + 8 * 3600_000);
  const y = local.getUTCFullYear() - years;
  const m = local.getUTCMonth();
  const d = local.getUTCDate();
  // 29 February in a non-leap target year falls back to 28 February.
  const target = new Date(Date.UTC(y, m, d));
  if (target.getUTCMonth() !== m) target.setUTCDate(0);
  return target.toISOString().slice(0, 10);
}

/** Birth-date bounds for an age band: age >= min ⇔ born on or before today-min years; age <= max ⇔ born after today-(max+1) years. */
export function ageBandBirthRange(band: AgeBand, today = new Date()): { onOrBefore: string; after: string | null } {
  const r = ageBandRanges[band];
  return { onOrBefore: dateYearsAgo(r.min, today), after: r.max === null ? null : dateYearsAgo(r.max + 1, today) };
}

/** Volunteers the actor may see: org scope on the volunteer's node; a volunteer account (scope self) sees its own record. */
export function volunteerVisible(eb: ExpressionBuilder<Database, 'volunteer'>, actor: Actor): Expression<SqlBool> {
  return inOrgScope(eb, actor, 'volunteer.orgUnitId', 'volunteer.userId');
}

/** All SQL for the volunteer registry. Reads take the actor: out of scope is "not found". */
export function volunteerRepository(db: Executor) {
  const base = (actor: Actor) => db.selectFrom('volunteer').selectAll('volunteer').where((eb) => volunteerVisible(eb, actor));

  function applyFilter<Q extends { where: (...args: any[]) => any }>(query: Q, filter: VolunteerFilter): Q {
    let r = query as any;
    if (filter.q) {
      const q = filter.q.trim();
      if (/^[a-zA-Z]+$/.test(q)) {
        const p = q.toLowerCase();
        const upper = `${p}{`; // '{' sorts right after 'z': [p, p{) is every key starting with p
        r = r.where((eb: ExpressionBuilder<Database, 'volunteer'>) =>
          eb.or([
            eb.and([eb('volunteer.namePinyin', '>=', p), eb('volunteer.namePinyin', '<', upper)]),
            eb.and([eb('volunteer.nameInitials', '>=', p), eb('volunteer.nameInitials', '<', upper)]),
          ]),
        );
      } else if (filter.qIdNumberBidx) {
        r = r.where('volunteer.idNumberBidx', '=', filter.qIdNumberBidx);
      } else {
        r = r.where('volunteer.name', 'like', `%${escapeLike(q)}%`);
      }
    }
    if (filter.category) r = r.where('volunteer.category', '=', filter.category);
    if (filter.status) r = r.where('volunteer.status', '=', filter.status);
    if (filter.committeePost) r = r.where('volunteer.committeePost', '=', filter.committeePost);
    if (filter.specialty) {
      r = r.where(sql<SqlBool>`EXISTS (SELECT 1 FROM volunteer_specialty vs WHERE vs.volunteer_id = volunteer.id AND vs.specialty = ${filter.specialty})`);
    }
    if (filter.teamId) {
      r = r.where(sql<SqlBool>`EXISTS (SELECT 1 FROM volunteer_team_member tm WHERE tm.volunteer_id = volunteer.id AND tm.team_id = ${filter.teamId})`);
    }
    if (filter.underPath) {
      r = r.where(sql<SqlBool>`volunteer.org_unit_id IN (SELECT id FROM org_unit WHERE path >= ${filter.underPath} AND path < ${subtreeUpperBound(filter.underPath)})`);
    }
    if (filter.ageBand) {
      const range = ageBandBirthRange(filter.ageBand);
      r = r.where('volunteer.birthDate', '<=', range.onOrBefore);
      if (range.after) r = r.where('volunteer.birthDate', '>', range.after);
    }
    return r as Q;
  }

  /**
   * A volunteer's specialties (in code order) and total hours as columns of the row's own query: read with the row,
   * not by two queries after it (one wait fewer; issue 10). Hours come from the yearly summary (serviceYears.ts), a
   * few rows per volunteer. Only on the query that reads the page's rows by id: on the query that filters and sorts
   * they would be worked out for every match.
   */
  const withExtras = <O>(q: SelectQueryBuilder<Database, 'volunteer', O>) =>
    q
      .select(sql<string | null>`(SELECT ${listAgg(db, 'vs.specialty')} FROM volunteer_specialty vs WHERE vs.volunteer_id = volunteer.id)`.as('specialtyList'))
      .select(sql<number | string | null>`(SELECT SUM(y.hours_tenths) FROM volunteer_service_year y WHERE y.volunteer_id = volunteer.id)`.as('serviceTenths'));
  // Set on the row itself, not on a copy (docs/decisions.md, "Spreads: no keys after a leading spread").
  const extras = <T extends { specialtyList: string | null; serviceTenths: number | string | null }>(row: T) => {
    const r = row as T & { hoursTenths: number; specialties: string[] };
    r.hoursTenths = Number(row.serviceTenths ?? 0);
    r.specialties = splitList(row.specialtyList);
    return r as Omit<T, 'specialtyList' | 'serviceTenths'> & { hoursTenths: number; specialties: string[] };
  };

  return {
    async findVisible(actor: Actor, id: string): Promise<VolunteerRow | undefined> {
      const row = await withExtras(base(actor)).where('volunteer.id', '=', id).executeTakeFirst();
      return row ? extras(row) : undefined;
    },

    async findByUser(userId: string): Promise<VolunteerRow | undefined> {
      const row = await withExtras(db.selectFrom('volunteer').selectAll('volunteer')).where('volunteer.userId', '=', userId).executeTakeFirst();
      return row ? extras(row) : undefined;
    },

    async list(actor: Actor, filter: VolunteerFilter, page: { page: number; pageSize: number; sort?: string }) {
      const sortKey = (page.sort?.replace(/^-/, '') ?? 'name') as VolunteerSort;
      const dir = page.sort?.startsWith('-') ? 'desc' : 'asc';
      // The page's ids first — from the indexes alone where they hold the filter, the node and the order (migration
      // 20261129_0190) — then those rows. As one query every match was read and sorted with all its columns, and a
      // deep page read every row before it (issue 10). The ids come from the scoped query: the outer one needs no scope.
      const pageIds = inListOrder(applyFilter(db.selectFrom('volunteer').select('volunteer.id').where((eb) => volunteerVisible(eb, actor)), filter), sortKey, dir)
        .limit(page.pageSize)
        .offset((page.page - 1) * page.pageSize);
      // The page with its extras and the count in flight at once: one wait for a reader thread or PostgreSQL's pool.
      const [rows, count] = await Promise.all([
        inListOrder(withExtras(db.selectFrom('volunteer').selectAll('volunteer')).where('volunteer.id', 'in', pageIds), sortKey, dir).execute().then((r) => r.map(extras)),
        applyFilter(db.selectFrom('volunteer').select((eb) => eb.fn.countAll<number>().as('n')).where((eb) => volunteerVisible(eb, actor)), filter).executeTakeFirstOrThrow(),
      ]);
      return { rows, total: Number(count.n) };
    },

    /** Another volunteer with this ID number (any scope: a person is registered once in the county). */
    async findByIdNumberBidx(bidx: string, exceptId?: string) {
      let q = db.selectFrom('volunteer').select(['id', 'orgUnitId', 'name']).where('idNumberBidx', '=', bidx);
      if (exceptId) q = q.where('id', '!=', exceptId);
      return q.executeTakeFirst();
    },

    /**
     * The register's records an import's rows may be: those with one of the rows' ID numbers (blind indexes) or one of
     * their names with its birth date, 500 a query (any unit: the caller refuses those outside its scope).
     */
    async findForImport(keys: { bidx: string | null; name: string; birthDate: string }[]) {
      const bidxs = [...new Set(keys.flatMap((k) => (k.bidx ? [k.bidx] : [])))];
      const pairs = [...new Map(keys.map((k) => [`${k.name}|${k.birthDate}`, [k.name, k.birthDate] as const])).values()];
      const found = new Map<string, { id: string; orgUnitId: string; name: string; birthDate: string; idNumberBidx: string | null }>();
      const columns = ['volunteer.id', 'volunteer.orgUnitId', 'volunteer.name', 'volunteer.birthDate', 'volunteer.idNumberBidx'] as const;
      for (let i = 0; i < bidxs.length; i += 500) {
        for (const r of await db.selectFrom('volunteer').select(columns).where('idNumberBidx', 'in', bidxs.slice(i, i + 500)).execute()) found.set(r.id, r);
      }
      for (let i = 0; i < pairs.length; i += 500) {
        // VALUES names its columns column1, column2 on both SQLite and PostgreSQL.
        const k = sql<{ column1: string; column2: string }>`(VALUES ${sql.join(pairs.slice(i, i + 500).map(([n, b]) => sql`(${n}, ${b})`))})`.as('k');
        const rows = await db.selectFrom(k).innerJoin('volunteer', (j) => j.onRef('volunteer.name', '=', 'k.column1').onRef('volunteer.birthDate', '=', 'k.column2')).select(columns).execute();
        for (const r of rows) found.set(r.id, r);
      }
      return [...found.values()];
    },

    /** Same name and birth date, where at least one side has no ID number to tell them apart. */
    async findByNameBirth(name: string, birthDate: string, idNumberBidx: string | null, exceptId?: string) {
      let q = db.selectFrom('volunteer').select(['id', 'orgUnitId', 'name', 'idNumberBidx']).where('name', '=', name).where('birthDate', '=', birthDate);
      if (exceptId) q = q.where('id', '!=', exceptId);
      const rows = await q.execute();
      return rows.find((r) => !idNumberBidx || !r.idNumberBidx || r.idNumberBidx === idNumberBidx);
    },

    async userLinkedElsewhere(userId: string, exceptId?: string) {
      let q = db.selectFrom('volunteer').select('id').where('userId', '=', userId);
      if (exceptId) q = q.where('id', '!=', exceptId);
      return Boolean(await q.executeTakeFirst());
    },

    async userExists(userId: string) {
      return Boolean(await db.selectFrom('appUser').select('id').where('id', '=', userId).executeTakeFirst());
    },

    // The writers of volunteer and volunteer_specialty: each keeps the summary tables (volunteerStat.ts) in step, in
    // the caller's transaction (or one of its own).
    async insert(row: VolunteerTable, specialties: string[]) {
      await inTransaction(db, async (trx) => {
        await trx.insertInto('volunteer').values(row).execute();
        if (specialties.length) await trx.insertInto('volunteerSpecialty').values(specialties.map((specialty) => ({ volunteerId: row.id, specialty }))).execute();
        await volunteerInserted(trx, row, specialties);
      });
    },

    async update(id: string, patch: Partial<VolunteerTable>) {
      if (!statFields.some((f) => patch[f] !== undefined)) {
        await db.updateTable('volunteer').set(patch).where('id', '=', id).execute();
        return;
      }
      await inTransaction(db, async (trx) => {
        const before = await lockStatKey(trx, id);
        const after = await trx.updateTable('volunteer').set(patch).where('id', '=', id).returning(['orgUnitId', 'status', 'category', 'birthDate']).executeTakeFirst();
        if (before && after) await volunteerChanged(trx, id, before, after);
      });
    },

    async replaceSpecialties(id: string, specialties: string[]) {
      await inTransaction(db, async (trx) => {
        const at = await lockStatKey(trx, id);
        const before = at ? await specialtiesOf(trx, id) : [];
        await trx.deleteFrom('volunteerSpecialty').where('volunteerId', '=', id).execute();
        if (specialties.length) await trx.insertInto('volunteerSpecialty').values(specialties.map((specialty) => ({ volunteerId: id, specialty }))).execute();
        if (at) await specialtiesChanged(trx, at.orgUnitId, before, specialties);
      });
    },

    async teamsOf(volunteerId: string) {
      return db
        .selectFrom('volunteerTeamMember as m')
        .innerJoin('volunteerTeam as t', 't.id', 'm.teamId')
        .select(['t.id as teamId', 't.name as teamName', 't.kind', 'm.role', 'm.joinedOn'])
        .where('m.volunteerId', '=', volunteerId)
        .orderBy('m.joinedOn')
        .execute();
    },
  };
}

/** Org nodes by id (name, kind, path): for the 所属组织 / 乡镇 columns. */
export async function orgNodes(db: Executor, ids: string[]) {
  return orgNodesById(db, ids);
}

/** Run in the caller's transaction, or in one of its own. */
async function inTransaction(db: Executor, fn: (trx: Executor) => Promise<void>): Promise<void> {
  if (db.isTransaction) await fn(db);
  else await db.transaction().execute(fn);
}

export function escapeLike(s: string): string {
  return s.replace(/[%_\\]/g, '');
}

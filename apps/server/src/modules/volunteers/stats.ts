import { sql, type SqlBool } from 'kysely';
import {
  ageBandLabels,
  ageBands,
  volunteerCategories,
  volunteerCategoryLabels,
  volunteerSpecialties,
  volunteerSpecialtyLabels,
  volunteerStatuses,
  volunteerStatusLabels,
  volunteerTeamKindLabels,
  volunteerTeamKinds,
  type AgeBand,
  type VolunteerStats,
} from '@gg/shared';
import type { Platform } from '../../platform/context.js';
import type { Executor } from '../../platform/db/database.js';
import type { Actor } from '../../platform/authz/actor.js';
import { subtreeUpperBound } from '../../platform/authz/actor.js';
import { inOrgScope } from '../../platform/authz/scope.js';
import { AppError } from '../../platform/errors.js';
import { orgUnitRepository } from '../orgUnits/repository.js';
import { ageBandBirthRange, volunteerVisible } from './repository.js';
import { hoursOf, townshipNodeOf } from './presenter.js';
import { orgNamesFor } from './service.js';

/** The figures the statistics are made of, counted from the summary tables or from the register itself. */
interface Counts {
  byStatus: Map<string, number>;
  byCategory: Map<string, number>;
  /** Volunteers per node, for the nodes that have any. */
  byNode: Map<string, number>;
  byAgeBand: Map<AgeBand, number>;
  bySpecialty: Map<string, number>;
  hoursByNode: { node: string; tenths: number; records: number; yearTenths: number }[];
}

const underSql = (column: string, underPath: string) =>
  sql<SqlBool>`${sql.ref(column)} IN (SELECT id FROM org_unit WHERE path >= ${underPath} AND path < ${subtreeUpperBound(underPath)})`;

/**
 * Aggregates of the registry. The same scope filter as the lists: out-of-scope volunteers never count.
 * Nothing personal leaves here (the county leader reads it).
 */
export function createVolunteerStats(platform: Platform) {
  const { db } = platform;

  return async function stats(actor: Actor, query: { orgUnitId?: string; year?: number }): Promise<VolunteerStats> {
    let underPath: string | undefined;
    if (query.orgUnitId) {
      const node = await orgUnitRepository(db).findInScope(actor, query.orgUnitId);
      if (!node) throw new AppError('ORG_UNIT_NOT_FOUND');
      underPath = node.path;
    }
    const year = query.year ?? new Date(Date.now() + 8 * 3600_000).getUTCFullYear();
    const c = summaryAnswers(actor) ? await fromSummary(db, actor, underPath, year) : await fromRegister(db, actor, underPath, year);

    const nodes = await orgNamesFor(db, [...c.byNode.keys()]);
    // Keyed by the township's id (two townships of a province may share a name); nodes above them are 县直.
    const townships = new Map<string, { key: string; label: string; count: number; tenths: number }>();
    const keys = new Map<string, { id: string; name: string }>();
    const fold = (nodeId: string, count: number, tenths: number) => {
      let township = keys.get(nodeId);
      if (township === undefined) {
        const node = nodes.get(nodeId);
        township = (node && townshipNodeOf(node.path, nodes)) ?? { id: 'county', name: '县直' };
        keys.set(nodeId, township);
      }
      const t = townships.get(township.id) ?? { key: township.id, label: township.name, count: 0, tenths: 0 };
      t.count += count;
      t.tenths += tenths;
      townships.set(township.id, t);
    };
    for (const [node, n] of c.byNode) fold(node, n, 0);
    for (const r of c.hoursByNode) fold(r.node, 0, r.tenths);

    const hoursAll = { tenths: 0, n: 0, yearTenths: 0 };
    for (const r of c.hoursByNode) {
      hoursAll.tenths += r.tenths;
      hoursAll.n += r.records;
      hoursAll.yearTenths += r.yearTenths;
    }

    let teamQuery = db.selectFrom('volunteerTeam').select(['volunteerTeam.kind as key']).select((eb) => eb.fn.countAll<number>().as('n')).where((eb) => inOrgScope(eb, actor, 'volunteerTeam.orgUnitId')).where('volunteerTeam.status', '=', 'active');
    if (underPath) teamQuery = teamQuery.where(underSql('volunteer_team.org_unit_id', underPath));
    const teamRows = await teamQuery.groupBy('volunteerTeam.kind').execute();
    const teamMap = new Map(teamRows.map((r) => [r.key, Number(r.n)]));

    const total = [...c.byStatus.values()].reduce((a, b) => a + b, 0);
    const active = c.byStatus.get('active') ?? 0;
    return {
      total,
      active,
      inactive: total - active,
      byStatus: volunteerStatuses.map((s) => ({ key: s, label: volunteerStatusLabels[s], count: c.byStatus.get(s) ?? 0 })),
      byCategory: volunteerCategories.map((k) => ({ key: k, label: volunteerCategoryLabels[k], count: c.byCategory.get(k) ?? 0 })),
      byAgeBand: ageBands.map((band) => ({ key: band, label: ageBandLabels[band], count: c.byAgeBand.get(band) ?? 0 })),
      byTownship: [...townships.values()]
        .sort((a, b) => b.count - a.count || a.label.localeCompare(b.label, 'zh-CN'))
        .map((t) => ({ key: t.key, label: t.label, count: t.count, hours: hoursOf(t.tenths) })),
      bySpecialty: volunteerSpecialties
        .map((s) => ({ key: s, label: volunteerSpecialtyLabels[s], count: c.bySpecialty.get(s) ?? 0 }))
        .sort((a, b) => b.count - a.count),
      hours: { total: hoursOf(hoursAll.tenths), year, yearHours: hoursOf(hoursAll.yearTenths), records: hoursAll.n },
      teams: volunteerTeamKinds.map((k) => ({ key: k, label: volunteerTeamKindLabels[k], count: teamMap.get(k) ?? 0 })),
    };
  };
}

/**
 * The summary tables hold the answer when the actor sees volunteers by org node alone: a volunteer account (scope
 * self) also sees its own record wherever it is registered (`volunteerVisible`), which no per-node sum can tell.
 */
export function summaryAnswers(actor: Actor): boolean {
  return !actor.scope.self;
}

/** From the summary tables (volunteerStat.ts): a few thousand rows for a whole county. */
async function fromSummary(db: Executor, actor: Actor, underPath: string | undefined, year: number): Promise<Counts> {
  const statRows = () => {
    let q = db.selectFrom('volunteerStat').where((eb) => inOrgScope(eb, actor, 'volunteer_stat.org_unit_id'));
    if (underPath) q = q.where(underSql('volunteer_stat.org_unit_id', underPath));
    return q;
  };
  let hoursQuery = db.selectFrom('volunteerHoursStat').where((eb) => inOrgScope(eb, actor, 'volunteer_hours_stat.org_unit_id'));
  if (underPath) hoursQuery = hoursQuery.where(underSql('volunteer_hours_stat.org_unit_id', underPath));
  // Every dimension and value in one pass over the (dimension, value, node, volunteers) index; nodes from 'status'.
  const cells = await statRows()
    .select(['volunteerStat.dimension', 'volunteerStat.value', (eb) => eb.fn.sum<number>('volunteerStat.volunteers').as('n')])
    .groupBy(['volunteerStat.dimension', 'volunteerStat.value'])
    .execute();
  const byNodeRows = await statRows()
    .select(['volunteerStat.orgUnitId as node', (eb) => eb.fn.sum<number>('volunteerStat.volunteers').as('n')])
    .where('volunteerStat.dimension', '=', 'status')
    .groupBy('volunteerStat.orgUnitId')
    .execute();
  const hoursRows = await hoursQuery
    .select(['volunteerHoursStat.orgUnitId as node'])
    .select((eb) => [
      eb.fn.sum<number>('volunteerHoursStat.hoursTenths').as('tenths'),
      eb.fn.sum<number>('volunteerHoursStat.records').as('records'),
      eb.fn.sum<number>(sql`CASE WHEN volunteer_hours_stat.year = ${String(year)} THEN volunteer_hours_stat.hours_tenths ELSE 0 END`).as('yearTenths'),
    ])
    .groupBy('volunteerHoursStat.orgUnitId')
    .execute();

  const dim = (d: string) => new Map(cells.filter((r) => r.dimension === d).map((r) => [r.value, Number(r.n)]));
  const byNode = new Map(byNodeRows.map((r) => [r.node, Number(r.n)] as const).filter(([, n]) => n !== 0));
  return {
    byStatus: dim('status'),
    byCategory: dim('category'),
    byNode,
    byAgeBand: await ageBandsFromSummary(db, actor, underPath, dim('birthYear')),
    bySpecialty: dim('specialty'),
    // Only nodes with volunteers, as the register's join gives (hours follow their volunteer when it moves).
    hoursByNode: hoursRows
      .filter((r) => byNode.has(r.node))
      .map((r) => ({ node: r.node, tenths: Number(r.tenths ?? 0), records: Number(r.records ?? 0), yearTenths: Number(r.yearTenths ?? 0) })),
  };
}

/**
 * Volunteers per age band. A band is born-on-or-before one date and after another: "born on or before D" is every
 * birth year before D's year (summed from the summary) and those born in D's own year up to D (counted from the
 * register's birth_date index, within the same scope).
 */
async function ageBandsFromSummary(db: Executor, actor: Actor, underPath: string | undefined, byBirthYear: Map<string, number>): Promise<Map<AgeBand, number>> {
  const ranges = ageBands.map((band) => ({ band, ...ageBandBirthRange(band) }));
  const dates = [...new Set(ranges.flatMap((r) => (r.after ? [r.onOrBefore, r.after] : [r.onOrBefore])))];
  // One index range count per edge date (born in its year, on or before it), as scalar subqueries of one statement.
  const inEdgeYears = await db
    .selectNoFrom(
      dates.map((d, i) => {
        let q = db
          .selectFrom('volunteer')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where((eb) => volunteerVisible(eb, actor))
          .where('volunteer.birthDate', '>=', d.slice(0, 4))
          .where('volunteer.birthDate', '<=', d);
        if (underPath) q = q.where(underSql('volunteer.org_unit_id', underPath));
        return q.as(`d${i}`);
      }),
    )
    .executeTakeFirstOrThrow() as Record<string, number | string | null>;
  const onOrBefore = new Map(
    dates.map((d, i) => {
      let n = Number(inEdgeYears[`d${i}`] ?? 0);
      for (const [y, count] of byBirthYear) if (y < d.slice(0, 4)) n += count;
      return [d, n] as const;
    }),
  );
  return new Map(ranges.map((r) => [r.band, onOrBefore.get(r.onOrBefore)! - (r.after ? onOrBefore.get(r.after)! : 0)]));
}

/** From the register itself: for actors the summary cannot answer for. */
async function fromRegister(db: Executor, actor: Actor, underPath: string | undefined, year: number): Promise<Counts> {
  const scoped = () => {
    let q = db.selectFrom('volunteer').where((eb) => volunteerVisible(eb, actor));
    if (underPath) q = q.where(underSql('volunteer.org_unit_id', underPath));
    return q;
  };
  // Status, category, node and age band in one pass over the covering index (org_unit_id, status, category,
  // birth_date, id) — migration 20261129_0181; folded in code (four scans of the register before).
  const cells = await scoped()
    .select(['volunteer.orgUnitId as node', 'volunteer.status', 'volunteer.category', (eb) => eb.fn.countAll<number>().as('n')])
    .select(() =>
      ageBands.map((band) => {
        const r = ageBandBirthRange(band);
        const cond = r.after ? sql`volunteer.birth_date <= ${r.onOrBefore} AND volunteer.birth_date > ${r.after}` : sql`volunteer.birth_date <= ${r.onOrBefore}`;
        return sql<number>`SUM(CASE WHEN ${cond} THEN 1 ELSE 0 END)`.as(band);
      }),
    )
    .groupBy(['volunteer.orgUnitId', 'volunteer.status', 'volunteer.category'])
    .execute();
  const sumBy = (key: (c: (typeof cells)[number]) => string) => {
    const m = new Map<string, number>();
    for (const c of cells) m.set(key(c), (m.get(key(c)) ?? 0) + Number(c.n));
    return m;
  };
  const bySpecialtyRows = await scoped()
    .innerJoin('volunteerSpecialty as vs', 'vs.volunteerId', 'volunteer.id')
    .select(['vs.specialty as key'])
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .groupBy('vs.specialty')
    .execute();
  // Service hours per node, all time and this year, from the per-volunteer yearly summary (serviceYears.ts).
  const hoursByNode = await scoped()
    .innerJoin('volunteerServiceYear as s', 's.volunteerId', 'volunteer.id')
    .select(['volunteer.orgUnitId as key'])
    .select((eb) => [
      eb.fn.sum<number>('s.hoursTenths').as('tenths'),
      eb.fn.sum<number>('s.records').as('n'),
      eb.fn.sum<number>(sql`CASE WHEN s.year = ${String(year)} THEN s.hours_tenths ELSE 0 END`).as('yearTenths'),
    ])
    .groupBy('volunteer.orgUnitId')
    .execute();
  return {
    byStatus: sumBy((c) => c.status),
    byCategory: sumBy((c) => c.category),
    byNode: sumBy((c) => c.node),
    byAgeBand: new Map(ageBands.map((band) => [band, cells.reduce((sum, c) => sum + Number((c as Record<string, unknown>)[band] ?? 0), 0)])),
    bySpecialty: new Map(bySpecialtyRows.map((r) => [r.key, Number(r.n)])),
    hoursByNode: hoursByNode.map((r) => ({ node: r.key, tenths: Number(r.tenths ?? 0), records: Number(r.n), yearTenths: Number(r.yearTenths ?? 0) })),
  };
}

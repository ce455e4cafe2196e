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
  type VolunteerStats,
} from '@gg/shared';
import type { Platform } from '../../platform/context.js';
import type { Actor } from '../../platform/authz/actor.js';
import { subtreeUpperBound } from '../../platform/authz/actor.js';
import { inOrgScope } from '../../platform/authz/scope.js';
import { AppError } from '../../platform/errors.js';
import { orgUnitRepository } from '../orgUnits/repository.js';
import { ageBandBirthRange, volunteerVisible } from './repository.js';
import { hoursOf, townshipOf } from './presenter.js';
import { orgNamesFor } from './service.js';

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
    const scoped = () => {
      let q = db.selectFrom('volunteer').where((eb) => volunteerVisible(eb, actor));
      if (underPath) q = q.where(sql<SqlBool>`volunteer.org_unit_id IN (SELECT id FROM org_unit WHERE path >= ${underPath} AND path < ${subtreeUpperBound(underPath)})`);
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
      return [...m].map(([k, n]) => ({ key: k, n }));
    };
    const byStatusRows = sumBy((c) => c.status);
    const byCategoryRows = sumBy((c) => c.category);
    const byNode = sumBy((c) => c.node);
    const byAgeBand = ageBands.map((band) => ({
      key: band,
      label: ageBandLabels[band],
      count: cells.reduce((sum, c) => sum + Number((c as Record<string, unknown>)[band] ?? 0), 0),
    }));
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
    const nodes = await orgNamesFor(db, byNode.map((r) => r.key));
    const townships = new Map<string, { label: string; count: number; tenths: number }>();
    const fold = (nodeId: string, count: number, tenths: number) => {
      const node = nodes.get(nodeId);
      const label = (node && townshipOf(node.path, nodes)) ?? '县直';
      const t = townships.get(label) ?? { label, count: 0, tenths: 0 };
      t.count += count;
      t.tenths += tenths;
      townships.set(label, t);
    };
    for (const r of byNode) fold(r.key, Number(r.n), 0);
    for (const r of hoursByNode) fold(r.key, 0, Number(r.tenths ?? 0));

    const hoursAll = { tenths: 0, n: 0, yearTenths: 0 };
    for (const r of hoursByNode) {
      hoursAll.tenths += Number(r.tenths ?? 0);
      hoursAll.n += Number(r.n);
      hoursAll.yearTenths += Number(r.yearTenths ?? 0);
    }

    let teamQuery = db.selectFrom('volunteerTeam').select(['volunteerTeam.kind as key']).select((eb) => eb.fn.countAll<number>().as('n')).where((eb) => inOrgScope(eb, actor, 'volunteerTeam.orgUnitId')).where('volunteerTeam.status', '=', 'active');
    if (underPath) teamQuery = teamQuery.where(sql<SqlBool>`volunteer_team.org_unit_id IN (SELECT id FROM org_unit WHERE path >= ${underPath} AND path < ${subtreeUpperBound(underPath)})`);
    const teamRows = await teamQuery.groupBy('volunteerTeam.kind').execute();

    const lookup = (rows: { key: string; n: number | string }[]) => new Map(rows.map((r) => [r.key, Number(r.n)]));
    const statusMap = lookup(byStatusRows);
    const categoryMap = lookup(byCategoryRows);
    const specialtyMap = lookup(bySpecialtyRows);
    const teamMap = lookup(teamRows);
    const total = [...statusMap.values()].reduce((a, b) => a + b, 0);
    const active = statusMap.get('active') ?? 0;
    return {
      total,
      active,
      inactive: total - active,
      byStatus: volunteerStatuses.map((s) => ({ key: s, label: volunteerStatusLabels[s], count: statusMap.get(s) ?? 0 })),
      byCategory: volunteerCategories.map((c) => ({ key: c, label: volunteerCategoryLabels[c], count: categoryMap.get(c) ?? 0 })),
      byAgeBand,
      byTownship: [...townships.values()]
        .sort((a, b) => b.count - a.count || a.label.localeCompare(b.label, 'zh-CN'))
        .map((t) => ({ key: t.label, label: t.label, count: t.count, hours: hoursOf(t.tenths) })),
      bySpecialty: volunteerSpecialties
        .map((s) => ({ key: s, label: volunteerSpecialtyLabels[s], count: specialtyMap.get(s) ?? 0 }))
        .sort((a, b) => b.count - a.count),
      hours: { total: hoursOf(hoursAll.tenths), year, yearHours: hoursOf(hoursAll.yearTenths), records: hoursAll.n },
      teams: volunteerTeamKinds.map((k) => ({ key: k, label: volunteerTeamKindLabels[k], count: teamMap.get(k) ?? 0 })),
    };
  };
}

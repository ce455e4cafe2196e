import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import type { Database } from '../../platform/db/schema.js';
import type { Actor } from '../../platform/authz/actor.js';
import { inOrgScope } from '../../platform/authz/scope.js';
import type { Executor } from '../../platform/db/database.js';
import type { ActivityFilter } from './repository.js';

/**
 * The activity summary table (migration 20261129_0160): activities, audience and (since 20261202_0194) the
 * participants' hours per (org node, month, type).
 * Every activity write adjusts it in the same transaction (write.ts), so summaries over a whole county sum a few
 * thousand rows instead of scanning every activity (issue 10: ≤100 ms at 1M activities).
 */

interface StatKey {
  orgUnitId: string;
  activityDate: string;
  type: string;
  audienceTotal: number;
  /** The participants' hours, in tenths. */
  hoursTenths: number;
}

/** Every filter, so that one added later is also seen by `unfiltered` (the compiler asks for it here). */
const filterKeys: Record<keyof ActivityFilter, true> = { type: true, from: true, to: true, underPath: true, campaignId: true, baseId: true, memberUnitId: true, volunteerId: true, q: true };

/** Everything: an actor who sees every activity, and no filter. */
export const unfiltered = (actor: Actor, f: ActivityFilter) => actor.scope.all && Object.keys(filterKeys).every((k) => f[k as keyof ActivityFilter] === undefined);

/** Add (sign +1) or take away (sign −1) one activity's contribution. */
export async function bumpActivityStat(trx: Executor, a: StatKey, sign: 1 | -1): Promise<void> {
  const month = a.activityDate.slice(0, 7);
  const n = sign;
  const audience = sign * Number(a.audienceTotal);
  const hours = sign * Number(a.hoursTenths);
  await sql`INSERT INTO activity_stat (org_unit_id, month, type, activities, audience, hours_tenths) VALUES (${a.orgUnitId}, ${month}, ${a.type}, ${n}, ${audience}, ${hours})
    ON CONFLICT (org_unit_id, month, type) DO UPDATE SET activities = activity_stat.activities + ${n}, audience = activity_stat.audience + ${audience},
      hours_tenths = activity_stat.hours_tenths + ${hours}`.execute(trx);
}

/** The summary tables' cell an activity counts in: its node, month and type. */
export type StatCell = Pick<StatKey, 'orgUnitId' | 'activityDate' | 'type'>;

export const sameCell = (a: StatCell, b: StatCell) => a.orgUnitId === b.orgUnitId && a.type === b.type && a.activityDate.slice(0, 7) === b.activityDate.slice(0, 7);

/**
 * Add (sign +1) or take away (sign −1) these volunteers' part in one activity of a cell (activity_volunteer_stat,
 * migration 20261202_0195); a row whose count reaches zero goes. Called once the volunteers' rows are locked
 * (write.ts), so two writes that share a volunteer wait for each other; the ids are sorted so rows lock in one order.
 */
export async function bumpVolunteerStat(trx: Executor, cell: StatCell, volunteerIds: readonly string[], sign: 1 | -1): Promise<void> {
  const ids = [...new Set(volunteerIds)].sort();
  const month = cell.activityDate.slice(0, 7);
  const inCell = <Q extends { where: (...a: any[]) => Q }>(q: Q, chunk: string[]) =>
    q.where('orgUnitId', '=', cell.orgUnitId).where('type', '=', cell.type).where('month', '=', month).where('volunteerId', 'in', chunk);
  for (let i = 0; i < ids.length; i += 500) {
    const chunk = ids.slice(i, i + 500);
    if (sign === 1) {
      await trx
        .insertInto('activityVolunteerStat')
        .values(chunk.map((volunteerId) => ({ orgUnitId: cell.orgUnitId, month, type: cell.type, volunteerId, participations: 1 })))
        .onConflict((oc) => oc.columns(['orgUnitId', 'type', 'month', 'volunteerId']).doUpdateSet({ participations: sql<number>`activity_volunteer_stat.participations + 1` }))
        .execute();
    } else {
      // The last of a row's activities takes the row; the others lower its count.
      await inCell(trx.deleteFrom('activityVolunteerStat'), chunk).where('participations', '<=', 1).execute();
      await inCell(trx.updateTable('activityVolunteerStat'), chunk).set({ participations: sql<number>`participations - 1` }).execute();
    }
  }
}

/** What an activity counts as in the summary table now (before it changes or goes). */
export async function statKeyOf(trx: Executor, id: string): Promise<StatKey | undefined> {
  const row = await trx
    .selectFrom('activity')
    .select(['orgUnitId', 'activityDate', 'type', 'audienceTotal', (eb) => eb.selectFrom('activityVolunteer').select((e) => e.fn.sum<number>('hoursTenths').as('t')).whereRef('activityVolunteer.activityId', '=', 'activity.id').as('hoursTenths')])
    .where('id', '=', id)
    .executeTakeFirst();
  return row && { ...row, hoursTenths: Number(row.hoursTenths ?? 0) };
}

/** Rebuild the whole table from the activities (the migration's backfill; used after bulk loads). */
export async function rebuildActivityStats(db: Executor): Promise<void> {
  const run = async (trx: Executor) => {
    await sql`DELETE FROM activity_stat`.execute(trx);
    await sql`INSERT INTO activity_stat (org_unit_id, month, type, activities, audience, hours_tenths)
      SELECT a.org_unit_id, substr(a.activity_date, 1, 7), a.type, COUNT(*), SUM(a.audience_total), COALESCE(SUM(h.tenths), 0)
      FROM activity a LEFT JOIN (SELECT activity_id, SUM(hours_tenths) AS tenths FROM activity_volunteer GROUP BY activity_id) h ON h.activity_id = a.id
      GROUP BY a.org_unit_id, substr(a.activity_date, 1, 7), a.type`.execute(trx);
    await sql`DELETE FROM activity_volunteer_stat`.execute(trx);
    await sql`INSERT INTO activity_volunteer_stat (org_unit_id, month, type, volunteer_id, participations)
      SELECT a.org_unit_id, substr(a.activity_date, 1, 7), a.type, av.volunteer_id, COUNT(*)
      FROM activity a JOIN activity_volunteer av ON av.activity_id = a.id
      GROUP BY a.org_unit_id, substr(a.activity_date, 1, 7), a.type, av.volunteer_id`.execute(trx);
  };
  if (db.isTransaction) await run(db);
  else await db.transaction().execute(run);
}

const lastDayOfMonth = (d: string) => new Date(Date.UTC(Number(d.slice(0, 4)), Number(d.slice(5, 7)), 0)).toISOString().slice(0, 10);

/**
 * The table answers a summary when it holds everything asked: filters by node, type and whole months only, and an
 * actor whose visibility is purely by org node (member-unit liaisons and volunteer accounts see by other rules).
 */
export function statsAnswer(actor: Actor, f: ActivityFilter): boolean {
  if (f.campaignId || f.baseId || f.memberUnitId || f.volunteerId || f.q) return false;
  if (actor.memberUnitId || actor.scope.self) return false;
  if (f.from && !f.from.endsWith('-01')) return false;
  if (f.to && f.to !== lastDayOfMonth(f.to)) return false;
  return true;
}

/** The cells of a summary table (`activity_stat` or `activity_volunteer_stat`) within the actor's scope and the filter. */
function inCells(actor: Actor, f: ActivityFilter, table: 'activity_stat' | 'activity_volunteer_stat') {
  return (eb: ExpressionBuilder<Database, 'activityStat' | 'activityVolunteerStat'>) => {
    const col = (c: string) => sql.ref(`${table}.${c}`);
    const parts: Expression<SqlBool>[] = [inOrgScope(eb, actor, `${table}.org_unit_id`)];
    if (f.type) parts.push(sql<SqlBool>`${col('type')} = ${f.type}`);
    if (f.from) parts.push(sql<SqlBool>`${col('month')} >= ${f.from.slice(0, 7)}`);
    if (f.to) parts.push(sql<SqlBool>`${col('month')} <= ${f.to.slice(0, 7)}`);
    if (f.underPath) {
      const p = f.underPath;
      parts.push(sql<SqlBool>`${col('org_unit_id')} IN (SELECT id FROM org_unit WHERE path >= ${p} AND path < ${`${p.slice(0, -1)}0`})`);
    }
    return eb.and(parts);
  };
}

/** The summary rows within the actor's scope and the filter (only when `statsAnswer` says the table holds it all). */
const statRows = (db: Executor, actor: Actor, f: ActivityFilter) => db.selectFrom('activityStat').where(inCells(actor, f, 'activity_stat'));

/** How many activities match: the list's total, summed from the summary table instead of counted row by row. */
export async function statsCount(db: Executor, actor: Actor, f: ActivityFilter): Promise<number> {
  const r = await statRows(db, actor, f).select((eb) => eb.fn.sum<number>('activityStat.activities').as('n')).executeTakeFirst();
  return Number(r?.n ?? 0);
}

/** Activities and audience by type and month from the summary table, within the actor's scope and the filter. */
export async function statsByTypeAndMonth(db: Executor, actor: Actor, f: ActivityFilter) {
  const q = statRows(db, actor, f)
    .select(['activityStat.type', 'activityStat.month', (eb) => eb.fn.sum<number>('activityStat.activities').as('activities'), (eb) => eb.fn.sum<number>('activityStat.audience').as('audience')])
    .groupBy(['activityStat.type', 'activityStat.month']);
  const rows = (await q.execute()).map((r) => ({ type: r.type, month: r.month, activities: Number(r.activities), audience: Number(r.audience ?? 0) }));
  const byType = new Map<string, { activities: number; audience: number }>();
  const byMonth = new Map<string, { activities: number; audience: number }>();
  let activities = 0;
  let audience = 0;
  for (const r of rows) {
    if (!r.activities && !r.audience) continue;
    activities += r.activities;
    audience += r.audience;
    const t = byType.get(r.type) ?? { activities: 0, audience: 0 };
    t.activities += r.activities;
    t.audience += r.audience;
    byType.set(r.type, t);
    const m = byMonth.get(r.month) ?? { activities: 0, audience: 0 };
    m.activities += r.activities;
    m.audience += r.audience;
    byMonth.set(r.month, m);
  }
  return {
    activities,
    audience,
    byType: [...byType].filter(([, v]) => v.activities).sort(([a], [b]) => (a < b ? -1 : 1)).map(([type, v]) => ({ type, ...v })),
    byMonth: [...byMonth].filter(([, v]) => v.activities).sort(([a], [b]) => (a < b ? -1 : 1)).map(([month, v]) => ({ month, ...v })),
  };
}

/** Activities and audience per org node from the summary table, within the actor's scope and the filter. */
export async function statsByNode(db: Executor, actor: Actor, f: ActivityFilter) {
  return statRows(db, actor, f)
    .select(['activityStat.orgUnitId', (eb) => eb.fn.sum<number>('activityStat.activities').as('activities'), (eb) => eb.fn.sum<number>('activityStat.audience').as('audience')])
    .groupBy('activityStat.orgUnitId')
    .execute();
}

/**
 * Distinct volunteers and their hours over the activities a summary covers (only when `statsAnswer` says the table holds
 * it all). Hours add up: the summary table's. Distinct volunteers do not: from the volunteers per cell
 * (activity_volunteer_stat, migration 20261202_0195).
 */
export async function volunteerTotals(db: Executor, actor: Actor, f: ActivityFilter) {
  const [volunteers, tenths] = await Promise.all([
    distinctVolunteers(db, actor, f),
    statRows(db, actor, f).select((eb) => eb.fn.sum<number>('activityStat.hoursTenths').as('t')).executeTakeFirst().then((r) => Number(r?.t ?? 0)),
  ]);
  return { volunteers, volunteerHours: tenths / 10 };
}

async function distinctVolunteers(db: Executor, actor: Actor, f: ActivityFilter): Promise<number> {
  if (actor.scope.all && !f.underPath && !f.type) {
    // The whole county (or province), over all time or a period: one look-up per volunteer in the cells' (volunteer,
    // month) index, not a pass over every cell of the period (at 10M activities on PostgreSQL: this year's 935k cells
    // 0.33 s, the look-ups 0.07 s; issue 10).
    const r = await db
      .selectFrom('volunteer')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where((eb) => {
        let took = eb.selectFrom('activityVolunteerStat').select(sql`1`.as('one')).whereRef('activityVolunteerStat.volunteerId', '=', 'volunteer.id');
        if (f.from) took = took.where('activityVolunteerStat.month', '>=', f.from.slice(0, 7));
        if (f.to) took = took.where('activityVolunteerStat.month', '<=', f.to.slice(0, 7));
        return eb.exists(took);
      })
      .executeTakeFirstOrThrow();
    return Number(r.n ?? 0);
  }
  // A part of it: the distinct volunteers of the cells the filter covers, grouped (hashed) rather than sorted by
  // COUNT(DISTINCT) — not every participation joined to its activity (3.0–3.7 s for one township at 10M activities on
  // PostgreSQL; 0.13–0.20 s this way; issue 10).
  const r = await db
    .selectFrom((eb) => eb.selectFrom('activityVolunteerStat').select('activityVolunteerStat.volunteerId').where(inCells(actor, f, 'activity_volunteer_stat')).groupBy('activityVolunteerStat.volunteerId').as('took'))
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n ?? 0);
}

import { sql, type SqlBool } from 'kysely';
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

/** The summary rows within the actor's scope and the filter (only when `statsAnswer` says the table holds it all). */
function statRows(db: Executor, actor: Actor, f: ActivityFilter) {
  let q = db.selectFrom('activityStat').where((eb) => inOrgScope(eb, actor, 'activity_stat.org_unit_id'));
  if (f.type) q = q.where('activityStat.type', '=', f.type);
  if (f.from) q = q.where('activityStat.month', '>=', f.from.slice(0, 7));
  if (f.to) q = q.where('activityStat.month', '<=', f.to.slice(0, 7));
  if (f.underPath) {
    const p = f.underPath;
    q = q.where(sql<SqlBool>`activity_stat.org_unit_id IN (SELECT id FROM org_unit WHERE path >= ${p} AND path < ${`${p.slice(0, -1)}0`})`);
  }
  return q;
}

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
 * it all). Hours add up: the summary table's. Distinct volunteers do not: from the participations.
 */
export async function volunteerTotals(db: Executor, actor: Actor, f: ActivityFilter) {
  const [volunteers, tenths] = await Promise.all([
    distinctVolunteers(db, actor, f),
    statRows(db, actor, f).select((eb) => eb.fn.sum<number>('activityStat.hoursTenths').as('t')).executeTakeFirst().then((r) => Number(r?.t ?? 0)),
  ]);
  return { volunteers, volunteerHours: tenths / 10 };
}

async function distinctVolunteers(db: Executor, actor: Actor, f: ActivityFilter): Promise<number> {
  if (unfiltered(actor, f)) {
    // Every volunteer who took part anywhere: one look-up in the participations' volunteer index per volunteer, not a
    // pass over every participation (at 10M activities on PostgreSQL ~0.13 s against ~1.7 s for a DISTINCT; issue 10).
    const r = await db
      .selectFrom('volunteer')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where((eb) => eb.exists(eb.selectFrom('activityVolunteer').select(sql`1`.as('one')).whereRef('activityVolunteer.volunteerId', '=', 'volunteer.id')))
      .executeTakeFirstOrThrow();
    return Number(r.n ?? 0);
  }
  let q = db
    .selectFrom('activityVolunteer')
    .innerJoin('activity', 'activity.id', 'activityVolunteer.activityId')
    .select(sql<number>`COUNT(DISTINCT activity_volunteer.volunteer_id)`.as('volunteers'))
    .where((eb) => inOrgScope(eb, actor, 'activity.orgUnitId'));
  if (f.type) q = q.where('activity.type', '=', f.type);
  if (f.from) q = q.where('activity.activityDate', '>=', f.from);
  if (f.to) q = q.where('activity.activityDate', '<=', f.to);
  if (f.underPath) {
    const p = f.underPath;
    q = q.where(sql<SqlBool>`activity.org_unit_id IN (SELECT id FROM org_unit WHERE path >= ${p} AND path < ${`${p.slice(0, -1)}0`})`);
  }
  return Number((await q.executeTakeFirstOrThrow()).volunteers);
}

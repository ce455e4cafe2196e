import { sql } from 'kysely';
import type { Executor } from '../../platform/db/database.js';

/**
 * The registry's summary tables (migration 20261129_0187): volunteers per org node by status, category, birth year
 * and specialty (`volunteer_stat`), and service hours per node and year (`volunteer_hours_stat`). The repository (the
 * one writer of volunteer and volunteer_specialty) and serviceYears.ts (of volunteer_service_year) adjust them here,
 * in the write's transaction, so the statistics (stats.ts) add up a few thousand rows instead of the register (issue 10).
 */

/** What a volunteer's own row counts as in the summary. */
export interface VolunteerStatKey {
  orgUnitId: string;
  status: string;
  category: string;
  birthDate: string;
}

/** The fields of a volunteer row the summary depends on: a change without them leaves it alone. */
export const statFields = ['orgUnitId', 'status', 'category', 'birthDate'] as const;

export const birthYearOf = (birthDate: string) => birthDate.slice(0, 4);

interface StatDelta {
  orgUnitId: string;
  dimension: 'status' | 'category' | 'birthYear' | 'specialty';
  value: string;
  delta: number;
}

/** Apply changes to volunteer_stat in one statement: equal keys merged, zero changes dropped, rows in key order. */
async function bumpStat(trx: Executor, deltas: StatDelta[]): Promise<void> {
  const merged = new Map<string, StatDelta>();
  for (const d of deltas) {
    const key = `${d.orgUnitId}\u0000${d.dimension}\u0000${d.value}`;
    const m = merged.get(key);
    if (m) m.delta += d.delta;
    else merged.set(key, { ...d });
  }
  const rows = [...merged].filter(([, d]) => d.delta !== 0).sort(([a], [b]) => (a < b ? -1 : 1)).map(([, d]) => d);
  if (!rows.length) return;
  const values = sql.join(rows.map((d) => sql`(${d.orgUnitId}, ${d.dimension}, ${d.value}, ${d.delta})`));
  await sql`INSERT INTO volunteer_stat (org_unit_id, dimension, value, volunteers) VALUES ${values}
    ON CONFLICT (org_unit_id, dimension, value) DO UPDATE SET volunteers = volunteer_stat.volunteers + excluded.volunteers`.execute(trx);
}

const rowDeltas = (k: VolunteerStatKey, delta: number): StatDelta[] => [
  { orgUnitId: k.orgUnitId, dimension: 'status', value: k.status, delta },
  { orgUnitId: k.orgUnitId, dimension: 'category', value: k.category, delta },
  { orgUnitId: k.orgUnitId, dimension: 'birthYear', value: birthYearOf(k.birthDate), delta },
];
const specialtyDeltas = (orgUnitId: string, specialties: readonly string[], delta: number): StatDelta[] =>
  specialties.map((value) => ({ orgUnitId, dimension: 'specialty', value, delta }));

/** Add or take away hours and records per node and year, in one statement. */
async function bumpHours(trx: Executor, rows: { orgUnitId: string; year: string; tenths: number; records: number }[]): Promise<void> {
  const live = rows.filter((r) => r.tenths !== 0 || r.records !== 0);
  if (!live.length) return;
  const values = sql.join(live.map((r) => sql`(${r.orgUnitId}, ${r.year}, ${r.tenths}, ${r.records})`));
  await sql`INSERT INTO volunteer_hours_stat (org_unit_id, year, hours_tenths, records) VALUES ${values}
    ON CONFLICT (org_unit_id, year) DO UPDATE SET hours_tenths = volunteer_hours_stat.hours_tenths + excluded.hours_tenths,
      records = volunteer_hours_stat.records + excluded.records`.execute(trx);
}

/**
 * Lock the volunteer's row until the transaction ends (a no-op update: PostgreSQL's row lock, in SQL both databases
 * take; SQLite's writers are serial anyway) and read what it counts as now. Whoever moves a volunteer or adds to its
 * hours locks it first, so a move and a service record in two transactions cannot each miss the other's part.
 */
export async function lockStatKey(trx: Executor, id: string): Promise<VolunteerStatKey | undefined> {
  const r = await sql<VolunteerStatKey>`UPDATE volunteer SET updated_at = updated_at WHERE id = ${id}
    RETURNING org_unit_id AS "orgUnitId", status, category, birth_date AS "birthDate"`.execute(trx);
  return r.rows[0];
}

/**
 * Lock several volunteers' rows at once, in id order, and answer each one's node — for a write that records service
 * for many volunteers (an activity's participants). Taking every volunteer lock first, in one order, and then the
 * nodes' hour rows in node order (the caller sorts by the answer) means two such writes on PostgreSQL wait for each
 * other instead of deadlocking.
 */
export async function lockVolunteersForService(trx: Executor, ids: readonly string[]): Promise<Map<string, string>> {
  const sorted = [...new Set(ids)].sort();
  const out = new Map<string, string>();
  for (const id of sorted) {
    const at = await lockStatKey(trx, id);
    if (at) out.set(id, at.orgUnitId);
  }
  return out;
}

export async function specialtiesOf(trx: Executor, id: string): Promise<string[]> {
  return (await trx.selectFrom('volunteerSpecialty').select('specialty').where('volunteerId', '=', id).orderBy('specialty').execute()).map((r) => r.specialty);
}

/** A volunteer was registered: its row and specialties count at its node (no service yet). */
export async function volunteerInserted(trx: Executor, k: VolunteerStatKey, specialties: readonly string[]): Promise<void> {
  await bumpStat(trx, [...rowDeltas(k, 1), ...specialtyDeltas(k.orgUnitId, [...new Set(specialties)], 1)]);
}

/**
 * A volunteer row changed from `before` to `after` (read with the row locked: `lockStatKey`). Its own counts follow;
 * when it moved to another node, its specialties and service hours follow it.
 */
export async function volunteerChanged(trx: Executor, id: string, before: VolunteerStatKey, after: VolunteerStatKey): Promise<void> {
  const deltas = [...rowDeltas(before, -1), ...rowDeltas(after, 1)];
  if (before.orgUnitId !== after.orgUnitId) {
    const specialties = await specialtiesOf(trx, id);
    deltas.push(...specialtyDeltas(before.orgUnitId, specialties, -1), ...specialtyDeltas(after.orgUnitId, specialties, 1));
    const years = await trx.selectFrom('volunteerServiceYear').select(['year', 'hoursTenths', 'records']).where('volunteerId', '=', id).execute();
    await bumpHours(trx, [
      ...years.map((y) => ({ orgUnitId: before.orgUnitId, year: y.year, tenths: -Number(y.hoursTenths), records: -Number(y.records) })),
      ...years.map((y) => ({ orgUnitId: after.orgUnitId, year: y.year, tenths: Number(y.hoursTenths), records: Number(y.records) })),
    ]);
  }
  await bumpStat(trx, deltas);
}

/** A volunteer's specialties changed from `before` to `after` (the row locked; `orgUnitId` its node). */
export async function specialtiesChanged(trx: Executor, orgUnitId: string, before: readonly string[], after: readonly string[]): Promise<void> {
  await bumpStat(trx, [...specialtyDeltas(orgUnitId, [...new Set(before)], -1), ...specialtyDeltas(orgUnitId, [...new Set(after)], 1)]);
}

/** One service record's hours added to (or taken from) the node the volunteer is at; locks the volunteer's row unless the caller holds it. */
export async function serviceHoursChanged(trx: Executor, r: { volunteerId: string; year: string; tenths: number; records: number }, lockedNode?: string): Promise<void> {
  // A caller that locked the row already in this transaction (lockVolunteersForService) names its node: not locked twice.
  const orgUnitId = lockedNode ?? (await lockStatKey(trx, r.volunteerId))?.orgUnitId;
  if (orgUnitId) await bumpHours(trx, [{ orgUnitId, year: r.year, tenths: r.tenths, records: r.records }]);
}

/** Rebuild both tables from the base rows (the migration's backfill; after bulk loads, once volunteer_service_year is). */
export async function rebuildVolunteerStats(db: Executor): Promise<void> {
  const run = async (trx: Executor) => {
    await sql`DELETE FROM volunteer_stat`.execute(trx);
    await sql`INSERT INTO volunteer_stat (org_unit_id, dimension, value, volunteers)
      SELECT org_unit_id, 'status', status, COUNT(*) FROM volunteer GROUP BY org_unit_id, status`.execute(trx);
    await sql`INSERT INTO volunteer_stat (org_unit_id, dimension, value, volunteers)
      SELECT org_unit_id, 'category', category, COUNT(*) FROM volunteer GROUP BY org_unit_id, category`.execute(trx);
    await sql`INSERT INTO volunteer_stat (org_unit_id, dimension, value, volunteers)
      SELECT org_unit_id, 'birthYear', substr(birth_date, 1, 4), COUNT(*) FROM volunteer GROUP BY org_unit_id, substr(birth_date, 1, 4)`.execute(trx);
    await sql`INSERT INTO volunteer_stat (org_unit_id, dimension, value, volunteers)
      SELECT v.org_unit_id, 'specialty', s.specialty, COUNT(*) FROM volunteer_specialty s JOIN volunteer v ON v.id = s.volunteer_id
      GROUP BY v.org_unit_id, s.specialty`.execute(trx);
    await sql`DELETE FROM volunteer_hours_stat`.execute(trx);
    await sql`INSERT INTO volunteer_hours_stat (org_unit_id, year, hours_tenths, records)
      SELECT v.org_unit_id, y.year, SUM(y.hours_tenths), SUM(y.records) FROM volunteer_service_year y JOIN volunteer v ON v.id = y.volunteer_id
      GROUP BY v.org_unit_id, y.year`.execute(trx);
  };
  if (db.isTransaction) await run(db);
  else await db.transaction().execute(run);
}

import { sql, type SqlBool } from 'kysely';
import type { Actor } from '../../platform/authz/actor.js';
import { inOrgScope } from '../../platform/authz/scope.js';
import type { Executor } from '../../platform/db/database.js';
import { daysBetween } from './metrics.js';

/**
 * The care-case summary tables (migration 20261129_0188): cases per (node, intake year, status, outcome), categories
 * per (node, intake year), offender cases per (node, intake date), assistance per (the case's node, year, kind,
 * source) and per case. Every write of care_case, care_case_category or care_assistance goes through `keepCaseStats`
 * in its transaction, so the outcomes and the assistance summary add up a few hundred rows instead of reading every
 * case (issue 10: the dashboard afresh in ≤100 ms at 50k cases).
 */

const tables = {
  care_case_stat: { keys: ['org_unit_id', 'year', 'status', 'outcome'], values: ['cases'] },
  care_case_category_stat: { keys: ['org_unit_id', 'year', 'category'], values: ['cases'] },
  care_case_offender_day: { keys: ['org_unit_id', 'intake_date'], values: ['cases'] },
  care_assistance_stat: { keys: ['org_unit_id', 'year', 'kind', 'funding_source'], values: ['payments', 'amount_fen'] },
  care_assistance_case_year: { keys: ['org_unit_id', 'year', 'kind', 'case_id'], values: ['payments'] },
} as const;
type StatTable = keyof typeof tables;

/** What a set of cases contributes to the summary tables, by table and key. */
export type CaseStatSnapshot = Map<string, { table: StatTable; key: string[]; values: number[] }>;

const CHUNK = 500;

interface StatCase {
  id: string;
  orgUnitId: string;
  intakeDate: string;
  status: string;
  outcome: string | null;
}

/** Adds what some cases, their categories and their payments contribute (the same rules as the rebuild's SQL). */
function contribute(
  out: CaseStatSnapshot,
  cases: StatCase[],
  cats: { caseId: string; category: string }[],
  help: { caseId: string; year: string; kind: string; fundingSource: string; n: number | string; fen: number | string }[],
) {
  const add = (table: StatTable, key: string[], values: number[]) => {
    const k = `${table}\u0000${key.join('\u0000')}`;
    const cur = out.get(k);
    if (cur) values.forEach((v, i) => (cur.values[i] += v));
    else out.set(k, { table, key, values: [...values] });
  };
  const byId = new Map(cases.map((c) => [c.id, c]));
  for (const c of cases) {
    if (c.status === 'merged') continue;
    add('care_case_stat', [c.orgUnitId, c.intakeDate.slice(0, 4), c.status, c.outcome ?? ''], [1]);
  }
  for (const k of cats) {
    const c = byId.get(k.caseId);
    if (!c || c.status === 'merged') continue;
    add('care_case_category_stat', [c.orgUnitId, c.intakeDate.slice(0, 4), k.category], [1]);
    if (k.category === 'offender') add('care_case_offender_day', [c.orgUnitId, c.intakeDate], [1]);
  }
  for (const h of help) {
    const c = byId.get(h.caseId);
    if (!c) continue;
    add('care_assistance_stat', [c.orgUnitId, h.year, h.kind, h.fundingSource], [Number(h.n), Number(h.fen)]);
    add('care_assistance_case_year', [c.orgUnitId, h.year, h.kind, h.caseId], [Number(h.n)]);
  }
}

/**
 * The cases' contribution now, read from their base rows. `created`: cases this transaction has just inserted, with
 * their categories and no payments yet, counted from the rows as written instead of read back (an import of 10k).
 */
export async function caseStatSnapshot(trx: Executor, caseIds: string[], created?: { cases: StatCase[]; categories: { caseId: string; category: string }[] }): Promise<CaseStatSnapshot> {
  const out: CaseStatSnapshot = new Map();
  const ids = [...new Set(caseIds)];
  for (let i = 0; i < ids.length; i += CHUNK) {
    const chunk = ids.slice(i, i + CHUNK);
    const cases = await trx.selectFrom('careCase').select(['id', 'orgUnitId', 'intakeDate', 'status', 'outcome']).where('id', 'in', chunk).execute();
    const cats = await trx.selectFrom('careCaseCategory').select(['caseId', 'category']).where('caseId', 'in', chunk).execute();
    const help = await trx
      .selectFrom('careAssistance')
      .select(['caseId', sql<string>`substr(paid_on, 1, 4)`.as('year'), 'kind', 'fundingSource', sql<number>`COUNT(*)`.as('n'), sql<number>`SUM(amount_fen)`.as('fen')])
      .where('caseId', 'in', chunk)
      .groupBy(['caseId', sql`substr(paid_on, 1, 4)`, 'kind', 'fundingSource'])
      .execute();
    contribute(out, cases, cats, help);
  }
  if (created) contribute(out, created.cases, created.categories, []);
  return out;
}

/** Move the summary tables from one snapshot of some cases to a later one (rows that reach zero go). */
export async function adjustCaseStats(trx: Executor, before: CaseStatSnapshot, after: CaseStatSnapshot): Promise<void> {
  // In key order, so two writers on PostgreSQL lock the rows they share in the same order (no deadlock).
  for (const k of [...new Set([...before.keys(), ...after.keys()])].sort()) {
    const b = before.get(k);
    const a = after.get(k);
    const { table, key } = (a ?? b)!;
    const { keys, values } = tables[table];
    const delta = values.map((_, i) => (a?.values[i] ?? 0) - (b?.values[i] ?? 0));
    if (delta.every((d) => d === 0)) continue;
    const t = sql.raw(table);
    const cols = sql.raw([...keys, ...values].join(', '));
    const conflict = sql.raw(keys.join(', '));
    const set = sql.raw(values.map((v) => `${v} = ${table}.${v} + excluded.${v}`).join(', '));
    await sql`INSERT INTO ${t} (${cols}) VALUES (${sql.join([...key, ...delta])}) ON CONFLICT (${conflict}) DO UPDATE SET ${set}`.execute(trx);
    if (delta.some((d) => d < 0)) {
      const where = sql.join(keys.map((c, i) => sql`${sql.raw(c)} = ${key[i]}`), sql` AND `);
      await sql`DELETE FROM ${t} WHERE ${where} AND ${sql.raw(values[0])} = 0`.execute(trx);
    }
  }
}

/**
 * The one way to write cases, categories or assistance: the cases' contribution is read before and after `write`
 * (in the same transaction) and the summary tables take the difference.
 */
export async function keepCaseStats<T>(trx: Executor, caseIds: string[], write: () => Promise<T>): Promise<T> {
  const before = await caseStatSnapshot(trx, caseIds);
  const result = await write();
  await adjustCaseStats(trx, before, await caseStatSnapshot(trx, caseIds));
  return result;
}

/** Rebuild every care-case summary from the base rows (the migration's backfill; used after bulk loads). */
export async function rebuildCareCaseStats(db: Executor): Promise<void> {
  const run = async (trx: Executor) => {
    for (const table of Object.keys(tables)) await sql`DELETE FROM ${sql.raw(table)}`.execute(trx);
    await sql`INSERT INTO care_case_stat (org_unit_id, year, status, outcome, cases)
      SELECT org_unit_id, substr(intake_date, 1, 4), status, COALESCE(outcome, ''), COUNT(*)
      FROM care_case WHERE status <> 'merged'
      GROUP BY org_unit_id, substr(intake_date, 1, 4), status, COALESCE(outcome, '')`.execute(trx);
    await sql`INSERT INTO care_case_category_stat (org_unit_id, year, category, cases)
      SELECT c.org_unit_id, substr(c.intake_date, 1, 4), k.category, COUNT(*)
      FROM care_case_category k INNER JOIN care_case c ON c.id = k.case_id WHERE c.status <> 'merged'
      GROUP BY c.org_unit_id, substr(c.intake_date, 1, 4), k.category`.execute(trx);
    await sql`INSERT INTO care_case_offender_day (org_unit_id, intake_date, cases)
      SELECT c.org_unit_id, c.intake_date, COUNT(*)
      FROM care_case c INNER JOIN care_case_category k ON k.case_id = c.id AND k.category = 'offender' WHERE c.status <> 'merged'
      GROUP BY c.org_unit_id, c.intake_date`.execute(trx);
    await sql`INSERT INTO care_assistance_stat (org_unit_id, year, kind, funding_source, payments, amount_fen)
      SELECT c.org_unit_id, substr(a.paid_on, 1, 4), a.kind, a.funding_source, COUNT(*), SUM(a.amount_fen)
      FROM care_assistance a INNER JOIN care_case c ON c.id = a.case_id
      GROUP BY c.org_unit_id, substr(a.paid_on, 1, 4), a.kind, a.funding_source`.execute(trx);
    await sql`INSERT INTO care_assistance_case_year (org_unit_id, year, kind, case_id, payments)
      SELECT c.org_unit_id, substr(a.paid_on, 1, 4), a.kind, a.case_id, COUNT(*)
      FROM care_assistance a INNER JOIN care_case c ON c.id = a.case_id
      GROUP BY c.org_unit_id, substr(a.paid_on, 1, 4), a.kind, a.case_id`.execute(trx);
  };
  if (db.isTransaction) await run(db);
  else await db.transaction().execute(run);
}

/**
 * The tables answer when visibility is purely by org node: an actor who also sees the cases they created
 * (`scope.self`) is counted from the cases themselves.
 */
export function caseStatsAnswer(actor: Actor): boolean {
  return !actor.scope.self;
}

interface StatFilter {
  underPath?: string;
  year?: number;
}

/** Nodes under a path: the same bounds as the outcomes' own filter on org_unit.path. */
const under = (column: string, p: string) =>
  sql<SqlBool>`${sql.ref(column)} IN (SELECT id FROM org_unit WHERE path >= ${p} AND path < ${`${p.slice(0, -1)}0`})`;

/** Cases by status and outcome, categories, and offender cases taken in on or before `cutoff`, from the tables. */
export async function outcomeCountsFromStats(db: Executor, actor: Actor, f: StatFilter & { cutoff: string }) {
  let byStatus = db
    .selectFrom('careCaseStat')
    .select(['status', 'outcome', (eb) => eb.fn.sum<number>('cases').as('n')])
    .where((eb) => inOrgScope(eb, actor, 'care_case_stat.org_unit_id'));
  let byCategory = db
    .selectFrom('careCaseCategoryStat')
    .select(['category', (eb) => eb.fn.sum<number>('cases').as('n')])
    .where((eb) => inOrgScope(eb, actor, 'care_case_category_stat.org_unit_id'));
  let offenders = db
    .selectFrom('careCaseOffenderDay')
    .select((eb) => eb.fn.sum<number>('cases').as('n'))
    .where((eb) => inOrgScope(eb, actor, 'care_case_offender_day.org_unit_id'))
    .where('intakeDate', '<=', f.cutoff);
  if (f.year) {
    byStatus = byStatus.where('year', '=', String(f.year));
    byCategory = byCategory.where('year', '=', String(f.year));
    offenders = offenders.where('intakeDate', '>=', `${f.year}-01-01`).where('intakeDate', '<=', `${f.year}-12-31`);
  }
  if (f.underPath) {
    const p = f.underPath;
    byStatus = byStatus.where(under('care_case_stat.org_unit_id', p));
    byCategory = byCategory.where(under('care_case_category_stat.org_unit_id', p));
    offenders = offenders.where(under('care_case_offender_day.org_unit_id', p));
  }
  const [s, c, o] = await Promise.all([byStatus.groupBy(['status', 'outcome']).execute(), byCategory.groupBy('category').execute(), offenders.executeTakeFirst()]);
  return {
    byStatusOutcome: s.filter((r) => Number(r.n)).map((r) => ({ status: r.status, outcome: r.outcome || null, n: Number(r.n) })),
    byCategory: new Map(c.filter((r) => Number(r.n)).map((r) => [r.category, Number(r.n)])),
    offenders: Number(o?.n ?? 0),
  };
}

/**
 * Offender cases (as counted above) with a reoffence screened within 365 days of intake: read from the screenings with
 * reoffended = 1 (few), so the figure stays exact as the cutoff moves each day.
 */
export async function reoffendedWithinYear(db: Executor, actor: Actor, f: StatFilter & { cutoff: string }): Promise<number> {
  let q = db
    .selectFrom('careCaseScreening as s')
    .innerJoin('careCase', 'careCase.id', 's.caseId')
    .innerJoin('careCaseCategory as oc', (j) => j.onRef('oc.caseId', '=', 'careCase.id').on('oc.category', '=', 'offender'))
    .select(['s.caseId', 's.screenedOn', 'careCase.intakeDate'])
    .where('s.reoffended', '=', 1)
    .where('careCase.status', '!=', 'merged')
    .where((eb) => inOrgScope(eb, actor, 'careCase.orgUnitId'))
    .where('careCase.intakeDate', '<=', f.cutoff)
    .whereRef('s.screenedOn', '>=', 'careCase.intakeDate');
  if (f.year) q = q.where('careCase.intakeDate', '>=', `${f.year}-01-01`).where('careCase.intakeDate', '<=', `${f.year}-12-31`);
  if (f.underPath) q = q.where(under('care_case.org_unit_id', f.underPath));
  const rows = await q.execute();
  return new Set(rows.filter((r) => daysBetween(r.intakeDate, r.screenedOn) <= 365).map((r) => r.caseId)).size;
}

/**
 * Assistance totals within the scope and filter from the tables: overall (with the distinct cases helped), and by
 * kind, funding source, node (its path, for the township roll-up) and year — each grouped in SQL, so few rows travel.
 */
export async function assistanceFromStats(db: Executor, actor: Actor, f: StatFilter & { kind?: string }) {
  let rows = db
    .selectFrom('careAssistanceStat')
    .where('careAssistanceStat.payments', '>', 0)
    .where((eb) => inOrgScope(eb, actor, 'care_assistance_stat.org_unit_id'));
  let cases = db
    .selectFrom('careAssistanceCaseYear')
    .select(sql<number>`COUNT(DISTINCT case_id)`.as('n'))
    .where('payments', '>', 0)
    .where((eb) => inOrgScope(eb, actor, 'care_assistance_case_year.org_unit_id'));
  if (f.year) {
    rows = rows.where('careAssistanceStat.year', '=', String(f.year));
    cases = cases.where('year', '=', String(f.year));
  }
  if (f.kind) {
    rows = rows.where('careAssistanceStat.kind', '=', f.kind);
    cases = cases.where('kind', '=', f.kind);
  }
  if (f.underPath) {
    rows = rows.where(under('care_assistance_stat.org_unit_id', f.underPath));
    cases = cases.where(under('care_assistance_case_year.org_unit_id', f.underPath));
  }
  const sums = [sql<number>`SUM(payments)`.as('count'), sql<number>`SUM(amount_fen)`.as('amountFen')] as const;
  const by = (col: 'kind' | 'fundingSource' | 'orgUnitId' | 'year') => rows.select([`careAssistanceStat.${col} as key`, ...sums]).groupBy(`careAssistanceStat.${col}`).execute();
  const [total, c, byKind, bySource, byNode, byYear] = await Promise.all([rows.select([...sums]).executeTakeFirst(), cases.executeTakeFirst(), by('kind'), by('fundingSource'), by('orgUnitId'), by('year')]);
  // Each node's path read once, not joined to every row.
  const paths = new Map<string, string>();
  for (let i = 0; i < byNode.length; i += CHUNK) {
    for (const n of await db.selectFrom('orgUnit').select(['id', 'path']).where('id', 'in', byNode.slice(i, i + CHUNK).map((r) => r.key)).execute()) paths.set(n.id, n.path);
  }
  const num = (r: { key: string; count: number; amountFen: number }) => ({ key: r.key, count: Number(r.count), amountFen: Number(r.amountFen) });
  return {
    total: { count: Number(total?.count ?? 0), amountFen: Number(total?.amountFen ?? 0), cases: Number(c?.n ?? 0) },
    byKind: byKind.map(num),
    bySource: bySource.map(num),
    byOrg: byNode.map((r) => ({ ...num(r), key: paths.get(r.key)! })),
    byYear: byYear.map(num),
  };
}

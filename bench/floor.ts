import path from 'node:path';
import crypto from 'node:crypto';
import SqliteDatabase from 'better-sqlite3';
import pg from 'pg';
import type { DbKind } from './generate.js';

export interface Fixtures {
  township: string;
  townshipPath: string;
  rootPath: string;
  village: string;
  volunteer: string;
  caseIds: string[];
  initials: string;
  /** The ids of the lists' first pages, and the volunteers taking part in that page's activities. */
  casePage: string[];
  activityPage: string[];
  activityPageVolunteers: string[];
}

export interface Floor {
  name: string;
  opsPerSec: number;
  msPerOp: number;
}

type Stmt = { sql: string; params: (f: Fixtures, i: number) => unknown[] };
interface FloorDef { name: string; tx?: boolean; statements: Stmt[] }

const upper = (p: string) => `${p.slice(0, -1)}0`;
const PAGE = 20;
const marks = (n: number) => Array.from({ length: n }, () => '?').join(', ');
/** A list of ids as n parameters, the last repeated (IN ignores repeats); a page's ids are a fixture. */
const padded = (ids: string[], n: number) => Array.from({ length: n }, (_, i) => ids[Math.min(i, ids.length - 1)] ?? '');
const CASE_PAGE = `SELECT id FROM care_case WHERE status = 'in_progress' AND org_unit_id IN (SELECT id FROM org_unit WHERE path >= ? AND path < ?)
  ORDER BY updated_at DESC, id DESC LIMIT ${PAGE}`;
const ACTIVITY_PAGE = `SELECT id FROM activity WHERE type = 'lecture' AND activity_date >= ? AND org_unit_id IN (SELECT id FROM org_unit WHERE path >= ? AND path < ?)
  ORDER BY activity_date DESC, id DESC LIMIT ${PAGE}`;
const year = new Date().getUTCFullYear();

/**
 * The floor of each endpoint: the same data read (or written) with raw SQL on the same database — the page and
 * its total with the same filters and the same scope subquery, the row by id plus a durable audit-like insert,
 * the aggregates as plain GROUP BYs over the base tables, the insert of an activity with its participant and
 * service record in one durable transaction. No HTTP, no validation, no presentation.
 */
const floors: Record<string, FloorDef> = {
  // The lists as the server runs them (careCases/repository.ts, activities/repository.ts): the page's ids in a
  // subquery, those rows with their names and counts, the total, then the page's categories or participants.
  caseList: {
    name: 'page + count + categories',
    statements: [
      {
        sql: `SELECT c.id, c.name, c.sex, c.birth_date, c.status, c.risk_level, c.org_unit_id, c.school_or_work, c.intake_date,
                c.closure_requested_at, c.closure_requested_by, c.anonymized_at, c.updated_at, o.name AS org_unit_name,
                (SELECT COUNT(*) FROM care_mentorship m WHERE m.case_id = c.id AND m.end_on IS NULL) AS mentor_count,
                (SELECT MAX(v.visited_on) FROM care_visit v WHERE v.case_id = c.id) AS last_contact_on
              FROM care_case c JOIN org_unit o ON o.id = c.org_unit_id
              WHERE c.id IN (${CASE_PAGE}) ORDER BY c.updated_at DESC, c.id DESC`,
        params: (f) => [f.townshipPath, upper(f.townshipPath)],
      },
      { sql: `SELECT COUNT(*) AS n FROM care_case c WHERE c.status = 'in_progress' AND c.org_unit_id IN (SELECT id FROM org_unit WHERE path >= ? AND path < ?)`, params: (f) => [f.townshipPath, upper(f.townshipPath)] },
      { sql: `SELECT case_id, category FROM care_case_category WHERE case_id IN (${marks(PAGE)})`, params: (f) => padded(f.casePage, PAGE) },
    ],
  },
  activityList: {
    name: 'page + total + participants + names',
    statements: [
      {
        sql: `SELECT a.*, o.name AS org_unit_name, mu.name AS member_unit_name, b.name AS base_name, c.name AS campaign_name
              FROM activity a JOIN org_unit o ON o.id = a.org_unit_id LEFT JOIN member_unit mu ON mu.id = a.member_unit_id
              LEFT JOIN education_base b ON b.id = a.base_id LEFT JOIN campaign c ON c.id = a.campaign_id
              WHERE a.id IN (${ACTIVITY_PAGE}) ORDER BY a.activity_date DESC, a.id DESC`,
        params: (f) => [`${year - 1}-01-01`, f.townshipPath, upper(f.townshipPath)],
      },
      // With these filters the server sums the monthly summary table rather than counting activities.
      { sql: `SELECT SUM(activities) AS n FROM activity_stat WHERE type = 'lecture' AND month >= ? AND org_unit_id IN (SELECT id FROM org_unit WHERE path >= ? AND path < ?)`, params: (f) => [`${year - 1}-01`, f.townshipPath, upper(f.townshipPath)] },
      { sql: `SELECT activity_id, volunteer_id, role, hours_tenths FROM activity_volunteer WHERE activity_id IN (${marks(PAGE)})`, params: (f) => padded(f.activityPage, PAGE) },
      { sql: `SELECT id, name, name_pinyin FROM volunteer WHERE id IN (${marks(PAGE * 2)})`, params: (f) => padded(f.activityPageVolunteers, PAGE * 2) },
    ],
  },
  volunteerSearch: {
    name: 'prefix search + count',
    statements: [
      { sql: `SELECT * FROM volunteer WHERE (name_pinyin >= ? AND name_pinyin < ?) OR (name_initials >= ? AND name_initials < ?) ORDER BY name_pinyin, id LIMIT 20`, params: (f) => [f.initials, `${f.initials}{`, f.initials, `${f.initials}{`] },
      { sql: `SELECT COUNT(*) AS n FROM volunteer WHERE (name_pinyin >= ? AND name_pinyin < ?) OR (name_initials >= ? AND name_initials < ?)`, params: (f) => [f.initials, `${f.initials}{`, f.initials, `${f.initials}{`] },
    ],
  },
  caseById: {
    name: 'row by id + durable log insert',
    tx: true,
    statements: [
      { sql: `SELECT c.*, o.name FROM care_case c JOIN org_unit o ON o.id = c.org_unit_id WHERE c.id = ?`, params: (f, i) => [f.caseIds[i % f.caseIds.length]] },
      { sql: `INSERT INTO bench_floor_log (id, at, what) VALUES (?, ?, ?)`, params: (f, i) => [crypto.randomUUID(), new Date().toISOString(), f.caseIds[i % f.caseIds.length]] },
    ],
  },
  dashboard: {
    name: 'year aggregates as GROUP BYs',
    statements: [
      { sql: `SELECT type, COUNT(*) AS n, SUM(audience_total) AS a FROM activity WHERE activity_date >= ? AND activity_date <= ? GROUP BY type`, params: () => [`${year}-01-01`, `${year}-12-31`] },
      { sql: `SELECT substr(activity_date, 1, 7) AS m, COUNT(*) AS n, SUM(audience_total) AS a FROM activity WHERE activity_date >= ? AND activity_date <= ? GROUP BY substr(activity_date, 1, 7)`, params: () => [`${year}-01-01`, `${year}-12-31`] },
      { sql: `SELECT status, COUNT(*) AS n FROM care_case GROUP BY status`, params: () => [] },
      { sql: `SELECT category, status, COUNT(*) AS n FROM volunteer GROUP BY category, status`, params: () => [] },
    ],
  },
  activitySummary: {
    name: 'all-time aggregates as GROUP BYs',
    statements: [
      { sql: `SELECT COUNT(*) AS n, SUM(audience_total) AS a FROM activity`, params: () => [] },
      { sql: `SELECT type, COUNT(*) AS n, SUM(audience_total) AS a FROM activity GROUP BY type`, params: () => [] },
      { sql: `SELECT substr(activity_date, 1, 7) AS m, COUNT(*) AS n, SUM(audience_total) AS a FROM activity GROUP BY substr(activity_date, 1, 7)`, params: () => [] },
      { sql: `SELECT COUNT(DISTINCT volunteer_id) AS v, SUM(hours_tenths) AS h FROM activity_volunteer`, params: () => [] },
    ],
  },
  createActivity: {
    name: 'INSERT activity + participant + service + log, one durable tx',
    tx: true,
    statements: [
      {
        sql: `INSERT INTO activity (id, type, title, activity_date, org_unit_id, audience_students, audience_youth, audience_other, audience_total, photo_upload_ids, file_upload_ids, created_at, updated_at)
              VALUES (?, 'lecture', 'bench floor', ?, ?, 40, 0, 0, 40, '[]', '[]', ?, ?)`,
        params: (f, i) => [`bench-floor-${i}`, `${year}-03-01`, f.village, new Date().toISOString(), new Date().toISOString()],
      },
      { sql: `INSERT INTO activity_volunteer (activity_id, volunteer_id, role, hours_tenths) VALUES (?, ?, 'lecturer', 20)`, params: (f, i) => [`bench-floor-${i}`, f.volunteer] },
      { sql: `INSERT INTO volunteer_service (id, volunteer_id, source, source_id, service_date, hours_tenths, description, created_at) VALUES (?, ?, 'activity', ?, ?, 20, 'bench floor', ?)`, params: (f, i) => [`bench-floor-${i}`, f.volunteer, `bench-floor-${i}`, `${year}-03-01`, new Date().toISOString()] },
      { sql: `INSERT INTO bench_floor_log (id, at, what) VALUES (?, ?, ?)`, params: (_f, i) => [crypto.randomUUID(), new Date().toISOString(), `bench-floor-${i}`] },
    ],
  },
};

const cleanup = [
  `DELETE FROM volunteer_service WHERE id LIKE 'bench-floor-%'`,
  `DELETE FROM activity_volunteer WHERE activity_id LIKE 'bench-floor-%'`,
  `DELETE FROM activity WHERE id LIKE 'bench-floor-%'`,
  `DELETE FROM bench_floor_log`,
];

const FIXTURE_SQL = {
  township: `SELECT o.id, o.path FROM org_unit o WHERE o.kind = 'township' ORDER BY (SELECT COUNT(*) FROM care_case c WHERE c.org_unit_id IN (SELECT id FROM org_unit WHERE path >= o.path AND path < o.path || 'g')) DESC, o.id LIMIT 1`,
  root: `SELECT path FROM org_unit WHERE parent_id IS NULL`,
  village: `SELECT id FROM org_unit WHERE kind = 'village' AND path >= ? AND path < ? ORDER BY id LIMIT 1`,
  volunteer: `SELECT id FROM volunteer WHERE status = 'active' ORDER BY id LIMIT 1`,
  cases: `SELECT id FROM care_case WHERE status = 'in_progress' ORDER BY id LIMIT 500`,
  initials: `SELECT substr(name_initials, 1, 2) AS k, COUNT(*) AS n FROM volunteer GROUP BY substr(name_initials, 1, 2) ORDER BY COUNT(*) DESC LIMIT 1`,
  casePage: CASE_PAGE,
  activityPage: ACTIVITY_PAGE,
  activityPageVolunteers: `SELECT DISTINCT volunteer_id AS id FROM activity_volunteer WHERE activity_id IN (${ACTIVITY_PAGE})`,
};

const pageParams = (t: Record<string, any>) => ({ casePage: [t.path, upper(t.path)], activityPage: [`${year - 1}-01-01`, t.path, upper(t.path)] });

export interface FloorDb {
  fixtures(): Promise<Fixtures>;
  run(key: string, f: Fixtures, seconds: number): Promise<Floor | undefined>;
  close(): Promise<void>;
}

const toPg = (s: string) => {
  let n = 0;
  return s.replace(/\?/g, () => `$${++n}`);
};

export async function openFloor(kind: DbKind, dataDir: string, url: string | undefined): Promise<FloorDb> {
  if (kind === 'sqlite') {
    const db = new SqliteDatabase(path.join(dataDir, 'guanguantong.db'));
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    // The server's scheduled jobs may hold the write lock for a while on a big database.
    db.pragma('busy_timeout = 60000');
    db.exec('CREATE TABLE IF NOT EXISTS bench_floor_log (id TEXT PRIMARY KEY, at TEXT NOT NULL, what TEXT)');
    const one = (sql: string, ...p: unknown[]) => db.prepare(sql).get(...p) as Record<string, any>;
    const ids = (sql: string, p: unknown[]) => (db.prepare(sql).all(...p) as { id: string }[]).map((r) => r.id);
    return {
      async fixtures() {
        const t = one(FIXTURE_SQL.township);
        return {
          township: t.id, townshipPath: t.path, rootPath: one(FIXTURE_SQL.root).path,
          village: one(FIXTURE_SQL.village, t.path, upper(t.path)).id, volunteer: one(FIXTURE_SQL.volunteer).id,
          caseIds: (db.prepare(FIXTURE_SQL.cases).all() as { id: string }[]).map((r) => r.id), initials: one(FIXTURE_SQL.initials).k,
          casePage: ids(FIXTURE_SQL.casePage, pageParams(t).casePage),
          activityPage: ids(FIXTURE_SQL.activityPage, pageParams(t).activityPage),
          activityPageVolunteers: ids(FIXTURE_SQL.activityPageVolunteers, pageParams(t).activityPage),
        };
      },
      async run(key, f, seconds) {
        const def = floors[key];
        if (!def) return undefined;
        const stmts = def.statements.map((s) => ({ st: db.prepare(s.sql), s }));
        const once = (i: number) => {
          for (const { st, s } of stmts) (st.reader ? st.all(...s.params(f, i)) : st.run(...s.params(f, i)));
        };
        // BEGIN IMMEDIATE: a deferred transaction that reads first cannot wait for the server's writer (SQLITE_BUSY at once).
        const op = def.tx ? db.transaction(once).immediate : once;
        let i = 0;
        const t0 = performance.now();
        const end = t0 + seconds * 1000;
        while (performance.now() < end) op(i++);
        const ms = performance.now() - t0;
        for (const c of cleanup) db.exec(c);
        return { name: `${def.name} (1 connection)`, opsPerSec: (i / ms) * 1000, msPerOp: ms / i };
      },
      async close() {
        db.close();
      },
    };
  }
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  await pool.query('CREATE TABLE IF NOT EXISTS bench_floor_log (id TEXT PRIMARY KEY, at TEXT NOT NULL, what TEXT)');
  const one = async (sql: string, ...p: unknown[]) => (await pool.query(toPg(sql), p)).rows[0] as Record<string, any>;
  const ids = async (sql: string, p: unknown[]) => (await pool.query(toPg(sql), p)).rows.map((r) => r.id as string);
  return {
    async fixtures() {
      const t = await one(FIXTURE_SQL.township);
      return {
        township: t.id, townshipPath: t.path, rootPath: (await one(FIXTURE_SQL.root)).path,
        village: (await one(FIXTURE_SQL.village, t.path, upper(t.path))).id, volunteer: (await one(FIXTURE_SQL.volunteer)).id,
        caseIds: (await pool.query(FIXTURE_SQL.cases)).rows.map((r) => r.id), initials: (await one(FIXTURE_SQL.initials)).k,
        casePage: await ids(FIXTURE_SQL.casePage, pageParams(t).casePage),
        activityPage: await ids(FIXTURE_SQL.activityPage, pageParams(t).activityPage),
        activityPageVolunteers: await ids(FIXTURE_SQL.activityPageVolunteers, pageParams(t).activityPage),
      };
    },
    async run(key, f, seconds) {
      const def = floors[key];
      if (!def) return undefined;
      let i = 0;
      let busy = 0;
      const t0 = performance.now();
      const end = t0 + seconds * 1000;
      await Promise.all(
        Array.from({ length: 10 }, async () => {
          const client = await pool.connect();
          try {
            while (performance.now() < end) {
              const n = i++;
              const s0 = performance.now();
              if (def.tx) await client.query('BEGIN');
              for (const s of def.statements) await client.query(toPg(s.sql), s.params(f, n));
              if (def.tx) await client.query('COMMIT');
              busy += performance.now() - s0;
            }
          } finally {
            client.release();
          }
        }),
      );
      const ms = performance.now() - t0;
      for (const c of cleanup) await pool.query(c);
      return { name: `${def.name} (10 connections)`, opsPerSec: (i / ms) * 1000, msPerOp: busy / i };
    },
    async close() {
      await pool.end();
    },
  };
}

/**
 * The import's floor: the rows an import wrote (its cases, their categories and status changes, read back from the
 * database it wrote them to) inserted again with raw SQL into a fresh copy of the database it started from — the same
 * indexes, foreign keys and durability, one transaction per file of `perFile` cases as the import commits them, 100
 * cases a statement. No reading of the workbook, validation, encryption or duplicate checks: what is left of the
 * import once only the writing remains.
 */
export function importFloor(importedDir: string, freshDir: string, since: string, perFile = 10_000): { rows: number; ms: number } {
  const from = new SqliteDatabase(path.join(importedDir, 'guanguantong.db'), { readonly: true });
  const cases = from.prepare('SELECT * FROM care_case WHERE created_at >= ? ORDER BY created_at, id').all(since) as Record<string, unknown>[];
  const byCase = (table: string) => {
    const out = new Map<string, Record<string, unknown>[]>();
    for (const r of from.prepare(`SELECT t.* FROM ${table} t JOIN care_case c ON c.id = t.case_id WHERE c.created_at >= ?`).all(since) as Record<string, unknown>[]) {
      const k = r.case_id as string;
      out.set(k, [...(out.get(k) ?? []), r]);
    }
    return out;
  };
  const categories = byCase('care_case_category');
  const changes = byCase('care_case_status_change');
  from.close();
  const db = new SqliteDatabase(path.join(freshDir, 'guanguantong.db'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  // The page cache the import's commit has (withImportCache, platform/files/importKit.ts).
  db.pragma('cache_size = -65536');
  const insert = (table: string, rows: Record<string, unknown>[], per: number) => {
    if (!rows.length) return;
    const cols = Object.keys(rows[0]);
    const tuple = `(${cols.map(() => '?').join(', ')})`;
    const sqlFor = (n: number) => `INSERT INTO ${table} (${cols.join(', ')}) VALUES ${Array.from({ length: n }, () => tuple).join(', ')}`;
    const full = db.prepare(sqlFor(per));
    for (let i = 0; i < rows.length; i += per) {
      const chunk = rows.slice(i, i + per);
      (chunk.length === per ? full : db.prepare(sqlFor(chunk.length))).run(chunk.flatMap((r) => cols.map((c) => r[c])));
    }
  };
  const t0 = performance.now();
  for (let i = 0; i < cases.length; i += perFile) {
    const file = cases.slice(i, i + perFile).sort((a, b) => (String(a.id) < String(b.id) ? -1 : 1));
    db.transaction(() => {
      insert('care_case', file, 100);
      insert('care_case_category', file.flatMap((c) => categories.get(c.id as string) ?? []), 500);
      insert('care_case_status_change', file.flatMap((c) => changes.get(c.id as string) ?? []), 500);
    }).immediate();
  }
  const ms = performance.now() - t0;
  db.close();
  return { rows: cases.length, ms };
}

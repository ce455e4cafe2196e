import zlib from 'node:zlib';
import type ExcelJS from 'exceljs';
import { readXlsx, XlsxReadError, type Sheet, type SheetValue } from './xlsxReader.js';
import { idParams, importJob, type ErrorCode } from '@gg/shared';
import { sql } from 'kysely';
import type { Platform } from '../context.js';
import type { Trx } from '../db/database.js';
import type { FieldCipher } from '../crypto/cipher.js';
import { actorOf, type App } from '../http/types.js';
import { AppError } from '../errors.js';
import { detectUploadKind } from './uploads.js';

/**
 * The Excel import kit (office-files.md) shared by every ledger importer:
 *
 *   upload → `readWorksheet` (content must be .xlsx) → `findHeader` (header aliases, a merged title row may sit above)
 *   → per row: `cellText` / `parseLooseDate` + the module's shared zod schema, collecting EVERY error as
 *   { row, column, message } → the valid rows stored encrypted in the module's preview table (in the database, so
 *   any instance can commit it) → the user confirms → one transaction (all or nothing) reporting progress through
 *   `importProgress`, readable from any instance via GET /api/import-jobs/:id.
 */

const WIDE = /[\uFF01-\uFF5E\u3000\u00A0]/;

/** Full-width letters, digits and spaces to half-width; trim. */
export function normalizeCell(v: string): string {
  // Most cells hold nothing full-width: trimmed without two passes that would find nothing.
  if (!WIDE.test(v)) return v.trim();
  return v
    .replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[\u3000\u00A0]/g, ' ')
    .trim();
}

/** A header word as compared: half-width, without spaces, `*` and brackets. */
export const headerKey = (h: string) => normalizeCell(h).replace(/[\s*＊:：()（）]/g, '');

/** A cell as text. Numbers ≥ 1e15 come back in exponent form: that is what Excel made of an ID number (digits lost). */
export function cellText(v: ExcelJS.CellValue | SheetValue): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'number') {
    if (Math.abs(v) >= 1e15) return v.toExponential(5).toUpperCase();
    return Number.isInteger(v) ? v.toFixed(0) : String(v);
  }
  if (typeof v === 'object') {
    if ('richText' in v) return normalizeCell(v.richText.map((t) => t.text).join(''));
    if ('result' in v) return cellText(v.result as ExcelJS.CellValue);
    if ('text' in v) return normalizeCell(String(v.text));
    return '';
  }
  return normalizeCell(String(v));
}

/** Dates as real dates, Excel serials, `2008.05`, `2008年5月`, `2008-05-01`, `2008/5/1`, `20080501`, `200805`; null = unreadable. */
export function parseLooseDate(raw: ExcelJS.CellValue | SheetValue): string | undefined | null {
  if (raw === null || raw === undefined || raw === '') return undefined;
  if (raw instanceof Date) return raw.toISOString().slice(0, 10);
  if (typeof raw === 'number' && Number.isInteger(raw) && raw > 1000 && raw < 80000) {
    return new Date(Date.UTC(1899, 11, 30) + raw * 86_400_000).toISOString().slice(0, 10);
  }
  const s = cellText(raw).replace(/\s+/g, '');
  if (!s) return undefined;
  const m = /^(\d{4})[.\-/年](\d{1,2})(?:[.\-/月](\d{1,2})日?)?月?$/.exec(s) ?? /^(\d{4})(\d{2})(\d{2})$/.exec(s) ?? /^(\d{4})(\d{2})$/.exec(s);
  if (!m) return null;
  return isoDay(Number(m[1]), Number(m[2]), Number(m[3] ?? 1));
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
/** YYYY-MM-DD of a day that exists (1900 or later), else null; by arithmetic, as a ledger has two dates a row. */
function isoDay(y: number, mo: number, d: number): string | null {
  if (y < 1900 || y > 9999 || mo < 1 || mo > 12 || d < 1) return null;
  const leap = y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
  if (d > (mo === 2 && leap ? 29 : DAYS_IN_MONTH[mo - 1]!)) return null;
  return `${y}-${mo < 10 ? '0' : ''}${mo}-${d < 10 ? '0' : ''}${d}`;
}

/**
 * The first visible data sheet of an uploaded workbook; the content (not the name) must be .xlsx (E29). Read by our
 * own reader (xlsxReader.ts): values only, shared and inline strings, dates by number format, merged cells.
 */
export async function readWorksheet(buffer: Buffer, options: { skipSheets?: string[]; unreadable?: ErrorCode; empty?: ErrorCode; notXlsx?: ErrorCode; notXlsxMessage?: string } = {}): Promise<Sheet> {
  const unreadable = options.unreadable ?? 'IMPORT_FILE_UNREADABLE';
  if (detectUploadKind(buffer) !== 'xlsx') throw new AppError(options.notXlsx ?? unreadable, options.notXlsxMessage);
  const skip = new Set(['填表说明', '导出说明', ...(options.skipSheets ?? [])]);
  try {
    const wb = readXlsx(buffer);
    const index = wb.sheets.findIndex((w) => w.state === 'visible' && !skip.has(w.name));
    if (index < 0) throw new AppError(options.empty ?? 'IMPORT_EMPTY');
    return wb.sheet(index);
  } catch (e) {
    if (e instanceof XlsxReadError || !(e instanceof AppError)) throw new AppError(unreadable);
    throw e;
  }
}

export interface ImportColumn<F extends string> {
  field: F;
  /** Header words offices use; the first is the template's. */
  headers: string[];
}

export interface FoundHeader<F extends string> {
  headerRow: number;
  colOf: Map<F, number>;
  /** Every header of the file and the field it was read as (null = ignored). */
  columns: { header: string; field: F | null }[];
  /** The header as the file calls it (errors name the file's own column). */
  columnName: (f: F) => string;
}

/**
 * The header row: the first of the top `scanRows` rows naming `anchor` and at least `minKnown` known columns.
 * Returns null when none does.
 */
export function findHeader<F extends string>(ws: Sheet, columns: ImportColumn<F>[], options: { anchor?: F; minKnown?: number; scanRows?: number } = {}): FoundHeader<F> | null {
  const synonyms = new Map(columns.flatMap((c) => c.headers.map((h) => [headerKey(h), c.field] as const)));
  const minKnown = options.minKnown ?? 2;
  for (let r = 1; r <= Math.min(options.scanRows ?? 10, ws.rowCount); r++) {
    const found: { col: number; header: string; field: F | null }[] = [];
    ws.getRow(r).eachCell((cell, col) => {
      const header = cellText(cell.value);
      if (header) found.push({ col, header, field: synonyms.get(headerKey(header)) ?? null });
    });
    if ((options.anchor && !found.some((f) => f.field === options.anchor)) || found.filter((f) => f.field).length < minKnown) continue;
    const colOf = new Map<F, number>();
    for (const f of found) if (f.field && !colOf.has(f.field)) colOf.set(f.field, f.col);
    const fileName = new Map<F, string>();
    for (const f of found) if (f.field && !fileName.has(f.field)) fileName.set(f.field, f.header);
    return {
      headerRow: r, colOf, columns: found.map((f) => ({ header: f.header, field: f.field })),
      columnName: (f) => fileName.get(f) ?? columns.find((c) => c.field === f)?.headers[0] ?? f,
    };
  }
  return null;
}

/** One data row's cells by field, and whether the row is blank (blank rows are skipped). */
export function rowReader<F extends string>(ws: Sheet, header: FoundHeader<F>, r: number) {
  const row = ws.getRow(r);
  const raw = (f: F): SheetValue => (header.colOf.has(f) ? row.getCell(header.colOf.get(f)!).value : null);
  const text = (f: F) => cellText(raw(f));
  const blank = !row.hasValues || [...header.colOf.keys()].every((f) => !text(f));
  return { raw, text, blank };
}

/** Collects every problem of a file as { row, column, message }, sorted by row for the report. */
export class ImportErrors {
  readonly list: { row: number; column: string; message: string }[] = [];
  private readonly badRows = new Set<number>();
  add(row: number, column: string, message: string) {
    this.list.push({ row, column, message });
    this.badRows.add(row);
  }
  /** Constant time: a file where every row is wrong must not take rows × errors. */
  has(row: number) {
    return this.badRows.has(row);
  }
  get rows(): ReadonlySet<number> {
    return this.badRows;
  }
  sorted() {
    return [...this.list].sort((a, b) => a.row - b.row);
  }
}

/**
 * An import's commit on SQLite: the writer's page cache at 64 MB while the transaction runs, as it was before after
 * (16 MB otherwise, the default better-sqlite3 builds SQLite with). Ten thousand rows put keys into every index of a table at once; with the small cache
 * the pages of those indexes were read again and again and spilled mid-transaction (10k care cases: ~1.45 s a file
 * against ~1.15 s, docs/decisions.md). Only for the import's duration: a cache that full for good would hold ~48 MB
 * more in every process. PostgreSQL sizes its buffers for the server: nothing to do there.
 */
export async function withImportCache<T>(platform: Platform, trx: Trx, fn: () => Promise<T>): Promise<T> {
  if (platform.handle.dialect !== 'sqlite') return fn();
  const before = (await sql<{ cacheSize: number }>`PRAGMA cache_size`.execute(trx)).rows[0]?.cacheSize ?? -2000;
  await sql`PRAGMA cache_size = ${sql.raw(String(-IMPORT_CACHE_KIB))}`.execute(trx);
  try {
    return await fn();
  } finally {
    await sql`PRAGMA cache_size = ${sql.raw(String(Number(before)))}`.execute(trx);
  }
}
const IMPORT_CACHE_KIB = 64 * 1024;

// ---- a preview's rows, kept for its commit ----

/**
 * The rows a preview keeps for its commit (any instance may commit it): JSON, deflated, then encrypted under the
 * preview's AAD. A 10k-row ledger's 3.7 MB of JSON deflate to ~0.6 MB in ~25 ms, which is then encrypted, written and
 * read back (encrypting the JSON itself took ~70 ms and decrypting as long).
 */
export function sealPayload(cipher: FieldCipher, rows: unknown, aad: string): string {
  return DEFLATED + cipher.encrypt(zlib.deflateRawSync(JSON.stringify(rows), { level: 1 }), aad);
}

export function openPayload<T>(cipher: FieldCipher, token: string, aad: string): T {
  // A preview made before payloads were deflated (previews live 30 minutes) holds the JSON itself.
  if (!token.startsWith(DEFLATED)) return JSON.parse(cipher.decrypt(token, aad)) as T;
  return JSON.parse(zlib.inflateRawSync(cipher.decryptBytes(token.slice(DEFLATED.length), aad)).toString('utf8')) as T;
}
const DEFLATED = 'z:';

// ---- progress of a commit, readable from any instance ----

export type ImportJobStatus = 'running' | 'done' | 'failed';
export interface ImportJobState {
  id: string;
  kind: string;
  status: ImportJobStatus;
  total: number;
  done: number;
  created: number;
  updated: number;
  skipped: number;
  message: string | null;
}

const live = new WeakMap<Platform, Map<string, ImportJobState>>();

/**
 * Progress of import commits, kept in `import_job`. On PostgreSQL each report is written through its own pooled
 * connection while the import's transaction runs, so any instance answers "how far". On SQLite (one instance by
 * nature; one connection that the running transaction holds) reports stay in memory and the row is written at
 * the start and end.
 */
export function importProgress(platform: Platform) {
  const { db } = platform;
  if (!live.has(platform)) live.set(platform, new Map());
  const mem = live.get(platform)!;
  const shared = platform.handle.dialect === 'postgres';
  return {
    async start(id: string, kind: string, userId: string, total: number) {
      const now = new Date().toISOString();
      const state: ImportJobState = { id, kind, status: 'running', total, done: 0, created: 0, updated: 0, skipped: 0, message: null };
      mem.set(id, state);
      await db.deleteFrom('importJob').where('id', '=', id).execute();
      await db.insertInto('importJob').values({ id, kind, createdBy: userId, status: 'running', total, done: 0, createdCount: 0, updatedCount: 0, skippedCount: 0, message: null, startedAt: now, finishedAt: null }).execute();
      return state;
    },
    /** Call from inside the import's transaction, as often as useful (writes are throttled to every 2%). */
    async report(id: string, done: number) {
      const s = mem.get(id);
      if (!s) return;
      const step = Math.max(1, Math.floor(s.total / 50));
      const crossed = Math.floor(done / step) !== Math.floor(s.done / step);
      s.done = done;
      if (shared && crossed) await db.updateTable('importJob').set({ done }).where('id', '=', id).execute();
    },
    async finish(id: string, result: { status: 'done' | 'failed'; created?: number; updated?: number; skipped?: number; message?: string | null }) {
      const s = mem.get(id);
      const patch = {
        status: result.status, done: result.status === 'done' ? s?.total ?? 0 : 0, createdCount: result.created ?? 0, updatedCount: result.updated ?? 0,
        skippedCount: result.skipped ?? 0, message: result.message ?? null, finishedAt: new Date().toISOString(),
      };
      if (s) Object.assign(s, { status: result.status, done: patch.done, created: patch.createdCount, updated: patch.updatedCount, skipped: patch.skippedCount, message: patch.message });
      await db.updateTable('importJob').set(patch).where('id', '=', id).execute();
      mem.delete(id);
    },
    /** The caller's own job (anyone else's: undefined). This instance's live state wins over the row. */
    async read(id: string, userId: string): Promise<ImportJobState | undefined> {
      const row = await db.selectFrom('importJob').selectAll().where('id', '=', id).where('createdBy', '=', userId).executeTakeFirst();
      if (!row) return undefined;
      const m = mem.get(id);
      if (m) return { ...m };
      return {
        id: row.id, kind: row.kind, status: row.status as ImportJobStatus, total: Number(row.total), done: Number(row.done), created: Number(row.createdCount),
        updated: Number(row.updatedCount), skipped: Number(row.skippedCount), message: row.message,
      };
    },
  };
}

/** GET /api/import-jobs/:id: the caller's own import progress (anyone else's, or unknown: 404). */
export function importJobRoutes(app: App, platform: Platform) {
  const progress = importProgress(platform);
  app.get('/import-jobs/:id', { schema: { tags: ['导入'], summary: '导入进度（本人发起的导入）', params: idParams, response: { 200: importJob } }, config: { permission: 'authenticated' } }, async (req) => {
    const job = await progress.read(req.params.id, actorOf(req).userId);
    if (!job) throw new AppError('NOT_FOUND', '导入任务不存在');
    return job;
  });
}

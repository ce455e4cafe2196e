import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import zlib from 'node:zlib';
import SqliteDatabase from 'better-sqlite3';
import { sql, type Kysely } from 'kysely';
import type { Platform } from '../context.js';
import type { DatabaseHandle } from '../db/database.js';
import type { FieldCipher } from '../crypto/cipher.js';
import type { AuditActor } from '../audit/audit.js';
import { listTables, restoreOrder, type TableInfo } from './tables.js';
import { decryptBuffer, encryptStream } from './stream-cipher.js';

/**
 * Logical, encrypted backups that restore into SQLite or PostgreSQL alike.
 * The payload is gzip'd JSON lines (a header with the tables and columns, then one line per row, values
 * exactly as stored — encrypted fields stay encrypted), encrypted with a key derived from the data key.
 * A manifest beside it holds the SHA-256 of the file, the row counts and the audit chain head.
 * SQLite is copied first with the online backup API; PostgreSQL is read in one REPEATABLE READ snapshot.
 */
export interface BackupManifest {
  format: 'guanguantong-backup';
  version: 1;
  createdAt: string;
  dialect: 'sqlite' | 'postgres';
  suite: 'standard' | 'gm';
  keyVersion: number;
  file: string;
  sha256: string;
  bytes: number;
  tables: { name: string; rows: number }[];
  migrations: string[];
  auditHead: { seq: number; hash: string };
}

const KEY_LABEL = 'backup';
const SKIP_TABLES = new Set(['schema_migration']);

type RowSource = (table: TableInfo) => AsyncIterable<unknown[]>;

export async function createBackup(platform: Platform, options: { dir: string; actor: AuditActor }): Promise<BackupManifest> {
  const { handle, cipher } = platform;
  fs.mkdirSync(options.dir, { recursive: true, mode: 0o700 });
  const stamp = new Date(Date.now() + 8 * 3600_000).toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  const base = `ggt-backup-${stamp}-${crypto.randomBytes(3).toString('hex')}`;
  const file = path.join(options.dir, `${base}.ggbak`);
  const { key, version } = cipher.deriveKey(KEY_LABEL);
  const counts = new Map<string, number>();
  let auditHead = { seq: 0, hash: 'genesis' };
  let migrations: string[] = [];

  const dump = async (raw: Kysely<any>, rowsOf: RowSource) => {
    const tables = (await listTables(raw, handle.dialect)).filter((t) => !SKIP_TABLES.has(t.name));
    migrations = (await sql<{ name: string }>`SELECT name FROM schema_migration ORDER BY name`.execute(raw)).rows.map((r) => r.name);
    const head = (await sql<{ seq: number; hash: string }>`SELECT seq, hash FROM audit_chain_head WHERE id = 1`.execute(raw)).rows[0];
    if (head) auditHead = { seq: Number(head.seq), hash: head.hash };
    async function* lines() {
      yield JSON.stringify({ format: 'guanguantong-backup', tables: tables.map((t) => ({ name: t.name, columns: t.columns })) }) + '\n';
      for (const t of tables) {
        let n = 0;
        let buf = '';
        for await (const row of rowsOf(t)) {
          buf += JSON.stringify([t.name, row]) + '\n';
          n++;
          if (buf.length > 256 * 1024) {
            yield buf;
            buf = '';
          }
        }
        if (buf) yield buf;
        counts.set(t.name, n);
      }
    }
    await pipeline(Readable.from(lines()), zlib.createGzip(), encryptStream(key, cipher.suite), fs.createWriteStream(file, { mode: 0o600 }));
  };

  if (handle.dialect === 'sqlite') {
    if (!handle.sqlite) throw new Error('SQLite handle missing');
    const copy = `${file}.snapshot.db`;
    await handle.sqlite.backup(copy);
    const snap = new SqliteDatabase(copy, { readonly: true });
    try {
      const { SqliteDialect, Kysely } = await import('kysely');
      const raw = new Kysely<any>({ dialect: new SqliteDialect({ database: snap }) });
      await dump(raw, async function* (t) {
        const stmt = snap.prepare(`SELECT ${t.columns.map((c) => `"${c}"`).join(', ')} FROM "${t.name}"`).raw(true);
        for (const row of stmt.iterate()) yield row as unknown[];
      });
    } finally {
      snap.close();
      fs.rmSync(copy, { force: true });
      fs.rmSync(`${copy}-wal`, { force: true });
      fs.rmSync(`${copy}-shm`, { force: true });
    }
  } else {
    await handle.db
      .withoutPlugins()
      .transaction()
      .setIsolationLevel('repeatable read')
      .execute(async (trx) => {
        await dump(trx, async function* (t) {
          const cols = sql.join(t.columns.map((c) => sql.ref(c)));
          const order = sql.join(t.columns.map((_, i) => sql.raw(String(i + 1))));
          for (let offset = 0; ; offset += 5000) {
            const rows = (await sql<Record<string, unknown>>`SELECT ${cols} FROM ${sql.table(t.name)} ORDER BY ${order} LIMIT 5000 OFFSET ${offset}`.execute(trx)).rows;
            for (const r of rows) yield t.columns.map((c) => r[c]);
            if (rows.length < 5000) break;
          }
        });
      });
  }

  const bytes = fs.readFileSync(file);
  const manifest: BackupManifest = {
    format: 'guanguantong-backup',
    version: 1,
    createdAt: new Date().toISOString(),
    dialect: handle.dialect,
    suite: cipher.suite,
    keyVersion: version,
    file: path.basename(file),
    sha256: crypto.createHash('sha256').update(bytes).digest('hex'),
    bytes: bytes.length,
    tables: [...counts].map(([name, rows]) => ({ name, rows })),
    migrations,
    auditHead,
  };
  fs.writeFileSync(path.join(options.dir, `${base}.manifest.json`), JSON.stringify(manifest, null, 2), { mode: 0o600 });
  const totalRows = manifest.tables.reduce((s, t) => s + t.rows, 0);
  await platform.record(options.actor, { event: 'system.backup', objectType: 'backup', objectId: manifest.file, summary: `备份数据库：${totalRows} 行，${(bytes.length / 1048576).toFixed(1)} MB`, detail: { sha256: manifest.sha256, rows: totalRows } });
  return manifest;
}

export interface RestoreReport {
  tables: number;
  rows: number;
  auditChecked: number;
}

/** Restore a backup into an empty, migrated database. Checks the file hash first, then counts and the audit chain. */
export async function restoreBackup(target: { handle: DatabaseHandle; cipher: FieldCipher; platform?: Platform }, manifestPath: string, actor: AuditActor): Promise<RestoreReport> {
  const manifest = JSON.parse(fs.readFileSync(manifestPath, 'utf8')) as BackupManifest;
  if (manifest.format !== 'guanguantong-backup') throw new Error('不是关工通备份清单');
  const file = path.join(path.dirname(manifestPath), manifest.file);
  const data = fs.readFileSync(file);
  const sha = crypto.createHash('sha256').update(data).digest('hex');
  if (sha !== manifest.sha256) throw new Error('备份文件的哈希与清单不符：文件已损坏或被修改');
  if (manifest.suite !== target.cipher.suite) throw new Error(`备份使用的密码算法为 ${manifest.suite}，当前配置为 ${target.cipher.suite}，请设置相同的 GG_CRYPTO`);
  const { key } = target.cipher.deriveKey(KEY_LABEL, manifest.keyVersion);
  const lines = zlib.gunzipSync(decryptBuffer(key, manifest.suite, data)).toString('utf8').split('\n').filter(Boolean);
  const header = JSON.parse(lines[0]) as { format: string; tables: { name: string; columns: string[] }[] };

  const raw = target.handle.db.withoutPlugins();
  const present = (await sql<{ name: string }>`SELECT name FROM schema_migration`.execute(raw)).rows.map((r) => r.name);
  const missing = manifest.migrations.filter((m) => !present.includes(m));
  if (missing.length) throw new Error(`目标数据库缺少迁移：${missing.join(', ')}（请用同一或更新版本的程序恢复）`);
  const users = Number((await sql<{ n: number }>`SELECT COUNT(*) AS n FROM app_user`.execute(raw)).rows[0].n);
  if (users > 0) throw new Error('目标数据库已有数据：只能恢复到空的数据目录或空数据库');

  const targetTables = restoreOrder(await listTables(raw, target.handle.dialect));
  const rowsByTable = new Map<string, unknown[][]>();
  for (const line of lines.slice(1)) {
    const [t, row] = JSON.parse(line) as [string, unknown[]];
    let list = rowsByTable.get(t);
    if (!list) rowsByTable.set(t, (list = []));
    list.push(row);
  }

  let total = 0;
  await raw.transaction().execute(async (trx) => {
    // Rows the migrations or bootstrap created in the empty database give way to the backup's.
    for (const t of [...targetTables].reverse()) if (!SKIP_TABLES.has(t.name)) await sql`DELETE FROM ${sql.table(t.name)}`.execute(trx);
    for (const t of targetTables) {
      const source = header.tables.find((h) => h.name === t.name);
      if (!source) continue;
      const cols = source.columns.filter((c) => t.columns.includes(c));
      const idx = cols.map((c) => source.columns.indexOf(c));
      let rows = rowsByTable.get(t.name) ?? [];
      if (t.selfReference) rows = parentsFirst(rows, source.columns, t.selfReference);
      const per = Math.max(1, Math.floor(30000 / Math.max(cols.length, 1)));
      for (let i = 0; i < rows.length; i += per) {
        const chunk = rows.slice(i, i + per);
        const values = sql.join(chunk.map((r) => sql`(${sql.join(idx.map((j) => r[j] as never))})`));
        await sql`INSERT INTO ${sql.table(t.name)} (${sql.join(cols.map((c) => sql.ref(c)))}) VALUES ${values}`.execute(trx);
      }
      total += rows.length;
    }
  });

  for (const t of manifest.tables) {
    const n = Number((await sql<{ n: number }>`SELECT COUNT(*) AS n FROM ${sql.table(t.name)}`.execute(raw)).rows[0].n);
    if (n !== t.rows) throw new Error(`恢复后 ${t.name} 的行数 ${n} 与备份 ${t.rows} 不符`);
  }
  const { AuditTrail } = await import('../audit/audit.js');
  const verify = await new AuditTrail(target.cipher, target.handle.dialect).verify(target.handle.db);
  if (!verify.ok) throw new Error(`恢复后审计链校验失败：第 ${verify.firstBroken!.seq} 条，${verify.firstBroken!.reason}`);
  if (target.platform) {
    await target.platform.record(actor, { event: 'system.restore', objectType: 'backup', objectId: manifest.file, summary: `从备份恢复：${total} 行`, detail: { sha256: manifest.sha256, rows: total } });
  }
  return { tables: manifest.tables.length, rows: total, auditChecked: verify.checked };
}

function parentsFirst(rows: unknown[][], columns: string[], ref: { column: string; referencedColumn: string }): unknown[][] {
  const ci = columns.indexOf(ref.column);
  const ki = columns.indexOf(ref.referencedColumn);
  if (ci < 0 || ki < 0) return rows;
  const placed = new Set<unknown>();
  const out: unknown[][] = [];
  let pending = rows;
  while (pending.length) {
    const next: unknown[][] = [];
    for (const r of pending) {
      if (r[ci] === null || r[ci] === undefined || placed.has(r[ci])) {
        out.push(r);
        placed.add(r[ki]);
      } else next.push(r);
    }
    if (next.length === pending.length) {
      out.push(...next); // dangling parents: let the database report it
      break;
    }
    pending = next;
  }
  return out;
}

/** Keep the newest `keep` backups in a folder; remove older files and their manifests. */
export function pruneBackups(dir: string, keep: number): number {
  if (!fs.existsSync(dir)) return 0;
  const manifests = fs.readdirSync(dir).filter((f) => f.endsWith('.manifest.json')).sort().reverse();
  let removed = 0;
  for (const m of manifests.slice(keep)) {
    const base = m.replace(/\.manifest\.json$/, '');
    fs.rmSync(path.join(dir, `${base}.ggbak`), { force: true });
    fs.rmSync(path.join(dir, m), { force: true });
    removed++;
  }
  return removed;
}

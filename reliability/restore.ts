/**
 * Restore test of the demo county (issue 11 "done when", security.md F33): generate the demo county, take an
 * online backup while the real server is running on it, restore it into a clean data directory (a new SQLite
 * file or a new PostgreSQL database) with the same data key, and compare: every table's row count equals the
 * source's (the audit trail holds exactly one more row in each: the backup's own row in the source is in the
 * file; the restore adds one `system.restore` row), the encrypted fields decrypt, and the audit chain verifies.
 */
import path from 'node:path';
import { createBackup, restoreBackup } from '../apps/server/src/platform/backup/backup.js';
import { createTarget, openHandle, prepare, rowCounts, ServerProcess, Session, withPlatform, type Dialect } from './lib.js';
import { createPlatform } from '../apps/server/src/platform/context.js';

export interface RestoreFigures {
  dialect: Dialect;
  tables: number;
  rows: number;
  auditChecked: number;
  mismatches: string[];
  millisBackup: number;
  millisRestore: number;
}

const actor = { userId: null, username: 'reliability', orgUnitId: null, ip: null };

export async function runDemoRestore(o: { dialect: Dialect; pgAdminUrl?: string; demoScale: number; online?: boolean }): Promise<RestoreFigures> {
  const source = await createTarget(o.dialect, o.pgAdminUrl);
  const clean = await createTarget(o.dialect, o.pgAdminUrl);
  clean.env.GG_DATA_KEY = source.env.GG_DATA_KEY;
  clean.config.dataKey = source.env.GG_DATA_KEY;
  // Scheduled jobs off: their runs after the backup would move the source on (job_run, reminders).
  const server = new ServerProcess(source, { GG_JOB_TICK_SECONDS: '0' });
  try {
    const prep = await prepare(source, { demoScale: o.demoScale });
    // Online: the server runs and answers (and writes: a sign-in, an audited read) while the backup is taken.
    // (The short version in `npm test` skips the running server to save a start.)
    const online = o.online ?? true;
    if (online) await server.start();
    const office = online ? await Session.signIn(server.base, prep.accounts.countyOffice) : undefined;
    const t0 = performance.now();
    const manifest = await withPlatform(source, (platform) => createBackup(platform, { dir: path.join(source.dir, 'backups'), actor }));
    const millisBackup = performance.now() - t0;
    if (office && (await office.request('GET', '/api/volunteers?pageSize=5')).status !== 200) throw new Error('server did not answer during the backup');
    if (online) await server.kill('SIGTERM');

    const t1 = performance.now();
    const handle = openHandle(clean);
    let report;
    try {
      const platform = await createPlatform(clean.config, { handle });
      report = await restoreBackup({ handle, cipher: platform.cipher, platform }, path.join(source.dir, 'backups', manifest.file.replace(/\.ggbak$/, '.manifest.json')), actor);
    } finally {
      await handle.close();
    }
    const millisRestore = performance.now() - t1;

    const mismatches: string[] = [];
    const expected = new Map(manifest.tables.map((t) => [t.name, t.rows]));
    const sourceHandle = openHandle(source);
    const restoredHandle = openHandle(clean);
    try {
      const live = await rowCounts(sourceHandle);
      const restored = await rowCounts(restoredHandle);
      for (const [table, rows] of expected) {
        const want = table === 'audit_event' ? rows + 1 : rows;
        if (restored[table] !== want) mismatches.push(`${table}: restored ${restored[table]}, backup ${rows}`);
        // The source only moved on by what happened after the backup (sign-in, session, audited read).
        if (!['audit_event', 'audit_chain_head', 'session', 'app_user'].includes(table) && live[table] !== rows) mismatches.push(`${table}: source ${live[table]}, backup ${rows}`);
      }
      const volunteer = await restoredHandle.db.selectFrom('volunteer').select(['id', 'phoneEnc']).where('phoneEnc', 'is not', null).limit(1).executeTakeFirst();
      await withPlatform(clean, async (platform) => {
        if (volunteer && !/^1\d{10}$/.test(platform.cipher.decrypt(volunteer.phoneEnc!, `volunteer:${volunteer.id}:phone`))) mismatches.push('an encrypted phone does not decrypt after the restore');
        const verify = await platform.audit.verify(platform.db);
        if (!verify.ok) mismatches.push(`audit chain: ${JSON.stringify(verify.firstBroken)}`);
      });
    } finally {
      await sourceHandle.close();
      await restoredHandle.close();
    }
    return { dialect: o.dialect, tables: report.tables, rows: report.rows, auditChecked: report.auditChecked, mismatches, millisBackup, millisRestore };
  } finally {
    await server.kill('SIGKILL');
    await source.drop();
    await clean.drop();
  }
}

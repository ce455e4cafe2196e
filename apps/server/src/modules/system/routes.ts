import fs from 'node:fs';
import { sql } from 'kysely';
import { z } from 'zod';
import { job, jobNameParams, jobRun, jobRunListQuery, pageOf, systemMonitor, type Job } from '@gg/shared';
import type { Platform } from '../../platform/context.js';
import { auditActorOf, type App } from '../../platform/http/types.js';
import { AppError } from '../../platform/errors.js';
import { instanceId } from '../../platform/jobs/jobs.js';
import { createBackup, pruneBackups, type BackupManifest } from '../../platform/backup/backup.js';

const startedAt = Date.now();

export function systemRoutes(app: App, platform: Platform) {
  const tags = ['系统监控'];
  const { db, jobs } = platform;

  async function listJobs(): Promise<Job[]> {
    const rows = await db.selectFrom('job').selectAll().orderBy('name').execute();
    const now = new Date().toISOString();
    return rows
      .filter((r) => jobs.definitions.has(r.name))
      .map((r) => ({
        name: r.name,
        label: jobs.definitions.get(r.name)!.label,
        intervalSeconds: r.intervalSeconds,
        enabled: Boolean(r.enabled),
        nextRunAt: r.nextRunAt,
        lastRunAt: r.lastRunAt,
        lastStatus: r.lastStatus,
        running: Boolean(r.lockedUntil && r.lockedUntil > now),
      }));
  }

  app.get('/system/monitor', { schema: { tags, summary: '运行状态：进程、数据库、会话、定时任务', response: { 200: systemMonitor } }, config: { permission: 'system:monitor' } }, async () => {
    const count = async (table: 'orgUnit' | 'appUser' | 'auditEvent') =>
      Number((await db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    const openSessions = Number(
      (await db.selectFrom('session').select((eb) => eb.fn.countAll<number>().as('n')).where('endedAt', 'is', null).executeTakeFirstOrThrow()).n,
    );
    let sizeMb: number | null = null;
    if (platform.handle.dialect === 'postgres') {
      const r = await sql<{ size: number }>`SELECT pg_database_size(current_database()) AS size`.execute(db);
      sizeMb = Number(r.rows[0].size) / 1048576;
    } else if (platform.config.database.kind === 'sqlite') {
      const file = platform.config.database.file;
      sizeMb = [file, `${file}-wal`].reduce((sum, f) => sum + (fs.existsSync(f) ? fs.statSync(f).size : 0), 0) / 1048576;
    }
    const migrations = Number((await db.selectFrom('schemaMigration').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    const mem = process.memoryUsage();
    return {
      status: 'ok' as const,
      version: '0.1.0',
      node: process.version,
      instance: instanceId,
      uptimeSeconds: Math.round((Date.now() - startedAt) / 1000),
      memory: { rssMb: Math.round(mem.rss / 1048576), heapUsedMb: Math.round(mem.heapUsed / 1048576) },
      database: { dialect: platform.handle.dialect, sizeMb: sizeMb === null ? null : Math.round(sizeMb * 10) / 10, migrations },
      counts: { orgUnits: await count('orgUnit'), users: await count('appUser'), openSessions, auditEvents: await count('auditEvent') },
      jobs: await listJobs(),
    };
  });

  app.get('/system/jobs', { schema: { tags, summary: '定时任务', response: { 200: z.array(job) } }, config: { permission: 'system:monitor' } }, async () => listJobs());

  app.get('/system/job-runs', { schema: { tags, summary: '定时任务执行记录', querystring: jobRunListQuery, response: { 200: pageOf(jobRun) } }, config: { permission: 'system:monitor' } }, async (req) => {
    const q = req.query;
    let base = db.selectFrom('jobRun');
    if (q.jobName) base = base.where('jobName', '=', q.jobName);
    if (q.status) base = base.where('status', '=', q.status);
    const rows = await base
      .selectAll()
      .orderBy('startedAt', q.sort === 'startedAt' ? 'asc' : 'desc')
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize)
      .execute();
    const total = Number((await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    return { items: rows.map((r) => ({ label: jobs.definitions.get(r.jobName)?.label ?? r.jobName, ...r })), total, page: q.page, pageSize: q.pageSize };
  });

  app.post(
    '/system/jobs/:name/run',
    { schema: { tags, summary: '立即执行一个定时任务', params: jobNameParams, response: { 200: z.object({ status: z.string(), message: z.string() }) } }, config: { permission: 'system:runJob' } },
    async (req) => {
      const def = jobs.definitions.get(req.params.name);
      if (!def) throw new AppError('NOT_FOUND', '定时任务不存在');
      const result = await jobs.runOne(def.name, true);
      if (!result) throw new AppError('CONFLICT', '该任务正在其他实例上执行，请稍后再试');
      await platform.record(auditActorOf(req), { event: 'system.runJob', objectType: 'job', objectId: def.name, result: result.status === 'success' ? 'success' : 'failure', summary: `手动执行定时任务：${def.label}`, detail: { message: result.message } });
      return result;
    },
  );

  const backupInfo = z.object({ file: z.string(), createdAt: z.string(), sha256: z.string(), bytes: z.number(), rows: z.number().int(), auditSeq: z.number().int() });
  const presentBackup = (m: BackupManifest) => ({ file: m.file, createdAt: m.createdAt, sha256: m.sha256, bytes: m.bytes, rows: m.tables.reduce((s, t) => s + t.rows, 0), auditSeq: m.auditHead.seq });

  app.get('/system/backups', { schema: { tags, summary: '备份列表', response: { 200: z.array(backupInfo) } }, config: { permission: 'system:backup' } }, async () => {
    const dir = platform.config.backupDir;
    if (!fs.existsSync(dir)) return [];
    return fs
      .readdirSync(dir)
      .filter((f) => f.endsWith('.manifest.json'))
      .sort()
      .reverse()
      .map((f) => presentBackup(JSON.parse(fs.readFileSync(`${dir}/${f}`, 'utf8')) as BackupManifest));
  });

  app.post('/system/backups', { schema: { tags, summary: '立即备份（加密，含清单与哈希）', response: { 200: backupInfo } }, config: { permission: 'system:backup' } }, async (req) => {
    const m = await createBackup(platform, { dir: platform.config.backupDir, actor: auditActorOf(req) });
    pruneBackups(platform.config.backupDir, platform.config.backupKeep);
    return presentBackup(m);
  });
}

import type { z } from 'zod';
import { backgroundTask, backgroundTaskList, backgroundTaskListQuery, idParams, type BackgroundTask, type BackgroundTaskStatus } from '@gg/shared';
import type { Platform } from '../context.js';
import type { App } from '../http/types.js';
import { actorOf, auditActorOf } from '../http/types.js';
import { can, type Actor } from '../authz/actor.js';
import { AppError } from '../errors.js';
import { readUploadContent, sendUpload } from '../files/uploads.js';
import { backgroundTasks, type TaskKind, type TaskRow } from './tasks.js';

const tags = ['后台任务'];

function present(actor: Actor, row: TaskRow, kinds: Map<string, TaskKind<any>>): BackgroundTask {
  const def = kinds.get(row.kind);
  const total = Number(row.progressTotal);
  const done = Number(row.progressDone);
  const expired = row.status === 'expired' || (row.status === 'done' && !!row.expiresAt && row.expiresAt < new Date().toISOString());
  const status = (expired ? 'expired' : row.status) as BackgroundTaskStatus;
  return {
    id: row.id,
    kind: row.kind,
    label: row.label,
    status,
    progress: { done, total, percent: status === 'done' ? 100 : total > 0 ? Math.min(99, Math.floor((done / total) * 100)) : 0, note: row.progressNote },
    resultName: row.resultName,
    resultRows: row.resultRows === null ? null : Number(row.resultRows),
    error: row.error,
    createdAt: row.createdAt,
    finishedAt: row.finishedAt,
    expiresAt: row.expiresAt,
    actions: status === 'done' && def && can(actor, def.permission) ? ['download'] : [],
  };
}

/** The caller's own tasks: list, progress, download (never anyone else's: 404). Also registers the expiry job. */
export function backgroundTaskRoutes(app: App, platform: Platform) {
  const { db } = platform;
  const runner = backgroundTasks(platform);
  platform.jobs.register({
    name: 'backgroundTaskCleanup',
    label: '清理过期的后台任务文件',
    intervalSeconds: 3600,
    async run(p) {
      const n = await backgroundTasks(p).expireResults();
      return `过期文件 ${n} 个已删除`;
    },
  });
  app.addHook('onReady', async () => {
    await platform.jobs.sync();
    runner.resume();
    runner.startPolling();
    runner.kick();
  });
  app.addHook('onClose', async () => {
    await runner.stop();
  });

  const own = async (actor: Actor, id: string) => {
    const row = await db.selectFrom('backgroundTask').selectAll().where('id', '=', id).where('ownerId', '=', actor.userId).executeTakeFirst();
    if (!row) throw new AppError('BACKGROUND_TASK_NOT_FOUND');
    return row;
  };

  app.get('/background-tasks', { schema: { tags, summary: '我的后台任务（最近 50 个）', querystring: backgroundTaskListQuery, response: { 200: backgroundTaskList } }, config: { permission: 'authenticated' } }, async (req) => {
    const actor = actorOf(req);
    let q = db.selectFrom('backgroundTask').selectAll().where('ownerId', '=', actor.userId);
    if (req.query.status === 'expired') q = q.where((eb) => eb.or([eb('status', '=', 'expired'), eb.and([eb('status', '=', 'done'), eb('expiresAt', '<', new Date().toISOString())])]));
    else if (req.query.status) q = q.where('status', '=', req.query.status);
    const rows = await q.orderBy('createdAt', 'desc').orderBy('id').limit(50).execute();
    const items = rows.map((r) => present(actor, r, runner.kinds));
    return { items, active: items.filter((t) => t.status === 'queued' || t.status === 'running').length };
  });

  app.get('/background-tasks/:id', { schema: { tags, summary: '后台任务进度', params: idParams, response: { 200: backgroundTask } }, config: { permission: 'authenticated' } }, async (req) => {
    const actor = actorOf(req);
    return present(actor, await own(actor, req.params.id), runner.kinds);
  });

  app.get('/background-tasks/:id/download', { schema: { tags, summary: '下载后台任务生成的文件（仅发起人，且仍有相应权限）', params: idParams }, config: { permission: 'authenticated' } }, async (req, reply) => {
    const actor = actorOf(req);
    const row = await own(actor, req.params.id);
    const def = runner.kinds.get(row.kind);
    if (!def || !can(actor, def.permission)) throw new AppError('BACKGROUND_TASK_NOT_FOUND');
    const t = present(actor, row, runner.kinds);
    if (t.status === 'expired') throw new AppError('BACKGROUND_TASK_EXPIRED');
    if (t.status !== 'done' || !row.resultUploadId) throw new AppError('BACKGROUND_TASK_NOT_READY');
    const upload = await db.selectFrom('upload').select(['id', 'storedName', 'sha256', 'mime']).where('id', '=', row.resultUploadId).executeTakeFirst();
    if (!upload) throw new AppError('BACKGROUND_TASK_EXPIRED');
    const content = readUploadContent(platform, upload);
    await platform.record(auditActorOf(req), { event: 'task.download', objectType: 'backgroundTask', objectId: row.id, summary: `下载后台任务文件：${row.label}`, detail: { kind: row.kind, rows: row.resultRows, size: content.length } });
    return sendUpload(reply, { originalName: row.resultName ?? `${row.label}.xlsx`, mime: upload.mime }, content);
  });
}

/**
 * The generic hook: `POST <url>` starts `def` as a background task for the caller, with the body validated by
 * `body` (for list exports: the same filters as the GET export). The route carries the kind's permission.
 */
export function backgroundTaskStartRoute<S extends z.ZodType>(app: App, platform: Platform, opts: { url: string; summary: string; body: S; def: TaskKind<z.output<S>> }) {
  const runner = backgroundTasks(platform);
  runner.register(opts.def);
  app.post(opts.url, { schema: { tags, summary: opts.summary, body: opts.body, response: { 200: backgroundTask } }, config: { permission: opts.def.permission } }, async (req) => {
    const actor = actorOf(req);
    const id = await runner.start(opts.def.kind, actor, auditActorOf(req), req.body as z.output<S>);
    const row = await platform.db.selectFrom('backgroundTask').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    return present(actor, row, runner.kinds);
  });
}

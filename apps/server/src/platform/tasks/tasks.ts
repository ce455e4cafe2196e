import fs from 'node:fs';
import path from 'node:path';
import type { Permission } from '@gg/shared';
import type { Platform } from '../context.js';
import type { Actor } from '../authz/actor.js';
import type { AuditActor } from '../audit/audit.js';
import type { BackgroundTaskTable } from '../db/schema.js';
import { instanceId } from '../jobs/jobs.js';
import { storeUpload, uploadsRoot } from '../files/uploads.js';
import { newId } from '../db/ids.js';

/**
 * Background tasks: long exports and the yearly report run outside the request, with progress and a download.
 *
 * - `start` writes a `queued` row (with the requester's actor frozen: permissions and data scope at request time)
 *   and an audit row in one transaction, then nudges this instance's runner.
 * - An instance claims a task with one conditional UPDATE (queued, or running with a lease that ran out), so exactly
 *   one instance runs it. While it runs, each progress report extends the lease; a task whose instance died is
 *   claimed again after the lease (up to `MAX_ATTEMPTS`), then marked failed.
 * - The result is stored as an encrypted upload; the row says where, until it expires (`RESULT_TTL_MS`).
 * - Progress lives in the row, so any instance answers "how far".
 */
export interface TaskContext<P> {
  /** The requester as they were when they asked (their scope then, not now). */
  actor: Actor;
  /** Who to name in audit rows the task writes (the requester). */
  who: AuditActor;
  params: P;
  /** Report progress (also keeps the lease); throws when this instance lost the task. */
  progress(done: number, total: number, note?: string): Promise<void>;
}

export interface TaskResult {
  /** The file, whole or as a stream (a streamed export is stored as it is written). */
  buffer: Buffer | AsyncIterable<Buffer>;
  /** File name offered on download (with its extension). */
  fileName: string;
  /** How many data rows it holds (shown in the task list; null when it means nothing). */
  rows?: number | null;
}

export interface TaskKind<P = unknown> {
  kind: string;
  /** What the task centre shows, e.g. “导出帮扶对象”. */
  label: string | ((params: P) => string);
  /** Needed to start the task and, later, to download its file. */
  permission: Permission;
  run(ctx: TaskContext<P>): Promise<TaskResult>;
}

export const MAX_ATTEMPTS = 2;
export const LEASE_MS = 2 * 60_000;
export const RESULT_TTL_MS = 24 * 3600_000;
const POLL_MS = 5_000;

type SerializedActor = Omit<Actor, 'permissions'> & { permissions: string[] };

export function freezeActor(actor: Actor): string {
  const { permissions, ...rest } = actor;
  return JSON.stringify({ ...rest, permissions: [...permissions] } satisfies SerializedActor);
}

export function thawActor(json: string): Actor {
  const a = JSON.parse(json) as SerializedActor;
  return { ...a, permissions: new Set(a.permissions as Permission[]) };
}

class LostLease extends Error {}

export class TaskRunner {
  readonly kinds = new Map<string, TaskKind<any>>();
  private timer?: NodeJS.Timeout;
  private loop?: Promise<void>;
  private again = false;
  private paused = false;
  /** Leases last this long (tests shorten it). */
  leaseMs = LEASE_MS;

  constructor(private readonly platform: Platform) {}

  register<P>(def: TaskKind<P>) {
    this.kinds.set(def.kind, def as TaskKind<any>);
  }

  /** Queue a task for `actor`; returns its id. The caller has checked the kind's permission. */
  async start<P>(kind: string, actor: Actor, who: AuditActor, params: P): Promise<string> {
    const def = this.kinds.get(kind);
    if (!def) throw new Error(`unknown task kind ${kind}`);
    const id = newId();
    const label = typeof def.label === 'function' ? def.label(params) : def.label;
    await this.platform.transaction(who, async (trx, audit) => {
      await trx
        .insertInto('backgroundTask')
        .values({
          id, kind, label, ownerId: actor.userId, orgUnitId: actor.orgUnitId, params: JSON.stringify(params ?? {}), actorSnapshot: freezeActor(actor),
          auditActor: JSON.stringify(who), status: 'queued', progressDone: 0, progressTotal: 0, progressNote: null, attempts: 0, lockedBy: null,
          lockedUntil: null, resultUploadId: null, resultName: null, resultRows: null, error: null, createdAt: new Date().toISOString(),
          startedAt: null, finishedAt: null, expiresAt: null,
        })
        .execute();
      await audit({ event: 'task.start', objectType: 'backgroundTask', objectId: id, summary: `启动后台任务：${label}`, detail: { kind, params: params ?? {} } });
    });
    this.kick();
    return id;
  }

  /** Run queued work on this instance soon (without waiting). */
  kick() {
    if (this.paused) return;
    if (this.loop) {
      this.again = true;
      return;
    }
    this.loop = (async () => {
      try {
        do {
          this.again = false;
          while (!this.paused && (await this.runNext())) { /* next */ }
        } while (this.again && !this.paused);
      } finally {
        this.loop = undefined;
      }
    })().catch(() => {});
  }

  /** Wait until this instance has nothing it can claim (tests; shutdown). */
  async drain() {
    this.kick();
    while (this.loop) await this.loop;
  }

  /** Stop claiming (tests use it to act between the request and the run). */
  pause() {
    this.paused = true;
  }

  resume() {
    this.paused = false;
  }

  startPolling(ms = POLL_MS) {
    this.timer = setInterval(() => this.kick(), ms);
    this.timer.unref();
  }

  async stop() {
    if (this.timer) clearInterval(this.timer);
    this.paused = true;
    while (this.loop) await this.loop;
  }

  /** Claim one task (queued, or one whose runner died) and run it. Returns false when there was nothing to claim. */
  async runNext(): Promise<boolean> {
    const { db } = this.platform;
    if (!this.kinds.size) return false;
    const now = new Date().toISOString();
    // Leases that ran out with no attempts left: the task failed.
    await db
      .updateTable('backgroundTask')
      .set({ status: 'failed', error: '执行中断（服务重启或超时），请重新发起', finishedAt: now, lockedBy: null, lockedUntil: null })
      .where('status', '=', 'running')
      .where('lockedUntil', '<', now)
      .where('attempts', '>=', MAX_ATTEMPTS)
      .execute();
    const candidates = await db
      .selectFrom('backgroundTask')
      .select(['id'])
      .where('kind', 'in', [...this.kinds.keys()])
      .where((eb) => eb.or([eb('status', '=', 'queued'), eb.and([eb('status', '=', 'running'), eb('lockedUntil', '<', now)])]))
      .orderBy('createdAt')
      .limit(5)
      .execute();
    for (const c of candidates) {
      const claimed = await db
        .updateTable('backgroundTask')
        .set((eb) => ({ status: 'running', lockedBy: instanceId, lockedUntil: new Date(Date.now() + this.leaseMs).toISOString(), attempts: eb('attempts', '+', 1), startedAt: now, error: null }))
        .where('id', '=', c.id)
        .where((eb) => eb.or([eb('status', '=', 'queued'), eb.and([eb('status', '=', 'running'), eb('lockedUntil', '<', now)])]))
        .where('attempts', '<', MAX_ATTEMPTS)
        .executeTakeFirst();
      if (Number(claimed.numUpdatedRows) !== 1) continue;
      await this.execute(c.id);
      return true;
    }
    return false;
  }

  private async execute(id: string) {
    const { db } = this.platform;
    const row = await db.selectFrom('backgroundTask').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    const def = this.kinds.get(row.kind)!;
    const actor = thawActor(row.actorSnapshot);
    const who = JSON.parse(row.auditActor) as AuditActor;
    const mine = (q: ReturnType<typeof this.update>) => q.where('id', '=', id).where('lockedBy', '=', instanceId).where('status', '=', 'running');
    const progress = async (done: number, total: number, note?: string) => {
      const r = await mine(this.update().set({ progressDone: Math.max(0, Math.floor(done)), progressTotal: Math.max(0, Math.floor(total)), progressNote: note ?? null, lockedUntil: new Date(Date.now() + this.leaseMs).toISOString() })).executeTakeFirst();
      if (Number(r.numUpdatedRows) !== 1) throw new LostLease('lease lost');
    };
    try {
      await progress(0, 1, '开始');
      const result = await def.run({ actor, who, params: JSON.parse(row.params), progress });
      const kind = result.fileName.toLowerCase().endsWith('.docx') ? 'docx' : 'xlsx';
      const stored = await storeUpload(this.platform, actor, who, { filename: result.fileName, stream: Buffer.isBuffer(result.buffer) ? once(result.buffer) : result.buffer }, { allow: [kind], maxBytes: 200 * 1024 * 1024, purpose: `backgroundTask:${row.kind}` });
      const finished = new Date();
      const done = await mine(this.update())
        .set((eb) => ({
          status: 'done', progressDone: eb.ref('progressTotal'), progressNote: '已完成', resultUploadId: stored.id, resultName: result.fileName, resultRows: result.rows ?? null,
          finishedAt: finished.toISOString(), expiresAt: new Date(finished.getTime() + RESULT_TTL_MS).toISOString(), lockedBy: null, lockedUntil: null,
        }))
        .executeTakeFirst();
      if (Number(done.numUpdatedRows) !== 1) await removeResult(this.platform, stored.id);
    } catch (err) {
      if (err instanceof LostLease) return;
      const message = err instanceof Error && 'code' in err && typeof (err as { message?: unknown }).message === 'string' ? err.message : err instanceof Error ? err.message : String(err);
      await mine(this.update())
        .set({ status: 'failed', error: `生成失败：${message.slice(0, 300)}`, finishedAt: new Date().toISOString(), lockedBy: null, lockedUntil: null })
        .execute();
    }
  }

  private update() {
    return this.platform.db.updateTable('backgroundTask');
  }

  /** Mark finished results past their expiry as expired and delete their files. Returns how many. */
  async expireResults(now = new Date()): Promise<number> {
    const { db } = this.platform;
    const rows = await db.selectFrom('backgroundTask').select(['id', 'resultUploadId']).where('status', '=', 'done').where('expiresAt', '<', now.toISOString()).execute();
    for (const r of rows) {
      const res = await db.updateTable('backgroundTask').set({ status: 'expired', resultUploadId: null }).where('id', '=', r.id).where('status', '=', 'done').executeTakeFirst();
      if (Number(res.numUpdatedRows) === 1 && r.resultUploadId) await removeResult(this.platform, r.resultUploadId);
    }
    return rows.length;
  }
}

async function* once(buffer: Buffer) {
  yield buffer;
}

async function removeResult(platform: Platform, uploadId: string) {
  const up = await platform.db.selectFrom('upload').select(['storedName']).where('id', '=', uploadId).executeTakeFirst();
  if (!up) return;
  await platform.db.deleteFrom('upload').where('id', '=', uploadId).execute();
  if (/^\d{4}\/\d{2}\/[0-9a-f]{32}$/.test(up.storedName)) fs.rmSync(path.join(uploadsRoot(platform), ...up.storedName.split('/')), { force: true });
}

const runners = new WeakMap<Platform, TaskRunner>();

/** The platform's task runner (one per platform; made on first use). */
export function backgroundTasks(platform: Platform): TaskRunner {
  let r = runners.get(platform);
  if (!r) {
    r = new TaskRunner(platform);
    runners.set(platform, r);
  }
  return r;
}

export type TaskRow = BackgroundTaskTable;

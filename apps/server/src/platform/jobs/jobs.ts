import crypto from 'node:crypto';
import os from 'node:os';
import type { Platform } from '../context.js';
import { newId } from '../db/ids.js';

/** A job a module registers: run every `intervalSeconds` by exactly one instance at a time. */
export interface JobDefinition {
  name: string;
  label: string;
  intervalSeconds: number;
  /** Returns a short Chinese summary for the run log. */
  run(platform: Platform): Promise<string>;
}

export const instanceId = `${os.hostname()}:${process.pid}:${crypto.randomBytes(3).toString('hex')}`;
const LEASE_MS = 10 * 60_000;

export class JobRunner {
  private timer?: NodeJS.Timeout;
  private running = false;
  readonly definitions = new Map<string, JobDefinition>();

  constructor(private readonly platform: Platform) {}

  register(def: JobDefinition) {
    this.definitions.set(def.name, def);
  }

  /** Make sure every registered job has its row (new jobs are due at once). */
  async sync() {
    const now = new Date().toISOString();
    for (const def of this.definitions.values()) {
      await this.platform.db
        .insertInto('job')
        .values({ name: def.name, intervalSeconds: def.intervalSeconds, enabled: 1, nextRunAt: now, lastRunAt: null, lastStatus: null, lockedBy: null, lockedUntil: null })
        .onConflict((oc) => oc.column('name').doNothing())
        .execute();
    }
  }

  start(tickMs = 30_000) {
    this.timer = setInterval(() => void this.runDue().catch(() => {}), tickMs);
    this.timer.unref();
  }

  stop() {
    if (this.timer) clearInterval(this.timer);
  }

  /** Run every due job this instance can lease. Returns the names it ran. */
  async runDue(): Promise<string[]> {
    if (this.running) return [];
    this.running = true;
    try {
      const now = new Date().toISOString();
      const due = await this.platform.db.selectFrom('job').select('name').where('enabled', '=', 1).where('nextRunAt', '<=', now).execute();
      const ran: string[] = [];
      for (const { name } of due) if (await this.runOne(name, false)) ran.push(name);
      return ran;
    } finally {
      this.running = false;
    }
  }

  /** Lease and run one job; `force` runs it even when not yet due. Returns false if another instance holds it. */
  async runOne(name: string, force: boolean): Promise<{ status: string; message: string } | false> {
    const def = this.definitions.get(name);
    if (!def) return false;
    const { db } = this.platform;
    const now = new Date();
    let lease = db
      .updateTable('job')
      .set({ lockedBy: instanceId, lockedUntil: new Date(now.getTime() + LEASE_MS).toISOString() })
      .where('name', '=', name)
      .where((eb) => eb.or([eb('lockedUntil', 'is', null), eb('lockedUntil', '<', now.toISOString())]));
    if (!force) lease = lease.where('nextRunAt', '<=', now.toISOString());
    const leased = await lease.executeTakeFirst();
    if (Number(leased.numUpdatedRows) !== 1) return false;
    const runId = newId();
    await db.insertInto('jobRun').values({ id: runId, jobName: name, instance: instanceId, startedAt: now.toISOString(), finishedAt: null, status: 'running', message: null }).execute();
    let status = 'success';
    let message: string;
    try {
      message = await def.run(this.platform);
    } catch (err) {
      status = 'failure';
      message = `执行失败：${err instanceof Error ? err.message.slice(0, 300) : String(err)}`;
    }
    const finished = new Date();
    await db.updateTable('jobRun').set({ finishedAt: finished.toISOString(), status, message }).where('id', '=', runId).execute();
    await db
      .updateTable('job')
      .set({
        lastRunAt: finished.toISOString(),
        lastStatus: status,
        nextRunAt: new Date(finished.getTime() + def.intervalSeconds * 1000).toISOString(),
        lockedBy: null,
        lockedUntil: null,
      })
      .where('name', '=', name)
      .execute();
    return { status, message };
  }
}

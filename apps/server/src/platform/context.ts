import type { Config } from './config.js';
import { openDatabase, updateQueryStatistics, type DatabaseHandle, type Db, type Trx } from './db/database.js';
import { migrate } from './db/migrate.js';
import { FieldCipher } from './crypto/cipher.js';
import { loadKeyRing, parseKeyRing } from './crypto/keys.js';
import { AuditTrail, type AuditActor, type AuditEntry } from './audit/audit.js';
import { AuditRecorder } from './audit/recorder.js';
import { SettingsStore } from './settings.js';
import { JobRunner } from './jobs/jobs.js';
import { platformJobs } from './jobs/platform-jobs.js';

/** Everything a module needs from the platform, built once at start and passed explicitly. */
export interface Platform {
  config: Config;
  handle: DatabaseHandle;
  db: Db;
  cipher: FieldCipher;
  audit: AuditTrail;
  settings: SettingsStore;
  /** Scheduled jobs (leased so one instance runs each); main.ts starts the timer, tests call runDue/runOne. */
  jobs: JobRunner;
  /** Run `fn` in one transaction; `audit` appends to the trail inside it (its failure fails the action). */
  transaction<T>(actor: AuditActor, fn: (trx: Trx, audit: (entry: AuditEntry) => Promise<void>) => Promise<T>): Promise<T>;
  /**
   * Append an audit row that stands alone (a view, an export): durable when the promise resolves. Rows recorded
   * together share one commit (`AuditRecorder`).
   */
  record(actor: AuditActor, entry: AuditEntry): Promise<void>;
  /**
   * Resolves once every transaction that has done its work is committed. On SQLite transactions share a commit made a
   * moment after they finish (db/sqliteDriver.ts), and reads outside a transaction see them only then: a request
   * whose insert met another request's row (two sends of one visit at once) waits here before reading that row. On
   * PostgreSQL the conflicting insert has already waited for the other's commit.
   */
  commitsSettled(): Promise<void>;
  recorder: AuditRecorder;
}

export async function createPlatform(config: Config, options: { handle?: DatabaseHandle; log?: (m: string) => void } = {}): Promise<Platform> {
  const handle = options.handle ?? openDatabase(config.database, config.sqliteReaders);
  await migrate(handle, options.log);
  await updateQueryStatistics(handle);
  const ring = config.dataKey ? parseKeyRing(config.dataKey) : loadKeyRing({ keyFile: config.keyFile });
  const cipher = new FieldCipher(ring, config.crypto);
  const audit = new AuditTrail(cipher, handle.dialect);
  const settings = new SettingsStore(handle.db);
  const recorder = new AuditRecorder(handle.db, audit);
  const platform: Platform = {
    config,
    handle,
    db: handle.db,
    cipher,
    audit,
    settings,
    transaction: (actor, fn) =>
      handle.db.transaction().execute((trx) => fn(trx, (entry) => audit.write(trx, actor, entry))),
    record: (actor, entry) => recorder.record(actor, entry),
    // An empty transaction joins the open shared commit, or makes its own: either way it returns after it.
    commitsSettled: async () => {
      if (handle.dialect === 'sqlite') await handle.db.transaction().execute(async () => undefined);
    },
    recorder,
    jobs: undefined as unknown as JobRunner,
  };
  platform.jobs = new JobRunner(platform);
  for (const job of platformJobs) platform.jobs.register(job);
  return platform;
}

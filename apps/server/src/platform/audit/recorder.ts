import type { Db } from '../db/database.js';
import type { AuditActor, AuditEntry, AuditTrail } from './audit.js';

interface Pending {
  actor: AuditActor;
  entry: AuditEntry;
  resolve: () => void;
  reject: (err: unknown) => void;
}

/** Rows a single commit takes at most; more wait for the next one. */
const MAX_BATCH = 500;

/**
 * Audit rows that stand alone — a view of a record, an export, a download — each durable before its caller goes on.
 * Rows asked for while a commit is being prepared or made share the next transaction and its one fsync (group commit):
 * every caller still waits until its own row is committed, and fails if that commit fails, exactly as with a
 * transaction of its own. Under load this turns N commits into one, which is most of the cost of an audited read.
 */
export class AuditRecorder {
  private pending: Pending[] = [];
  private busy = false;
  /** Commits made and rows written (diagnostics and tests). */
  readonly stats = { commits: 0, rows: 0 };

  constructor(
    private readonly db: Db,
    private readonly trail: AuditTrail,
  ) {}

  record(actor: AuditActor, entry: AuditEntry): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.pending.push({ actor, entry, resolve, reject });
      if (!this.busy) {
        this.busy = true;
        // Let the requests already read from the sockets in this turn add their rows first.
        setImmediate(() => void this.flush());
      }
    });
  }

  private async flush(): Promise<void> {
    const batch = this.pending.splice(0, MAX_BATCH);
    try {
      await this.db.transaction().execute((trx) => this.trail.writeMany(trx, batch));
      this.stats.commits++;
      this.stats.rows += batch.length;
      for (const p of batch) p.resolve();
    } catch (err) {
      for (const p of batch) p.reject(err);
    }
    if (this.pending.length) setImmediate(() => void this.flush());
    else this.busy = false;
  }
}

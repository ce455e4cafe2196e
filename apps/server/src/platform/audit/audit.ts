import { sql } from 'kysely';
import type { DialectName, Executor } from '../db/database.js';
import type { FieldCipher } from '../crypto/cipher.js';
import { newId } from '../db/ids.js';

/** Who did it, from where. Built from the request by the HTTP layer. */
export interface AuditActor {
  userId: string | null;
  username: string | null;
  orgUnitId: string | null;
  ip: string | null;
}

export interface AuditEntry {
  event: string;
  objectType?: string;
  objectId?: string;
  result?: 'success' | 'failure';
  summary?: string;
  /** Before/after values (already masked), row counts, reasons. Never plaintext personal data. */
  detail?: Record<string, unknown>;
}

export interface AuditRow {
  seq: number;
  id: string;
  at: string;
  userId: string | null;
  username: string | null;
  orgUnitId: string | null;
  ip: string | null;
  event: string;
  objectType: string | null;
  objectId: string | null;
  result: string;
  summary: string | null;
  detail: string | null;
  prevHash: string;
  hash: string;
}

/** Local time with its offset (Asia/Shanghai), as 等保 assessors read it. */
export function timeWithOffset(date = new Date()): string {
  const shifted = new Date(date.getTime() + 8 * 3600_000);
  return shifted.toISOString().replace('Z', '+08:00');
}

export function canonicalAuditRow(row: Omit<AuditRow, 'hash'>): string {
  return JSON.stringify([
    row.seq, row.id, row.at, row.userId, row.username, row.orgUnitId, row.ip, row.event,
    row.objectType, row.objectId, row.result, row.summary, row.detail, row.prevHash,
  ]);
}

export class AuditTrail {
  constructor(
    private readonly cipher: FieldCipher,
    private readonly dialect: DialectName,
  ) {}

  /**
   * Append one row inside the caller's transaction. If this fails the caller's action fails with it.
   * The chain head row is locked so concurrent writers (several instances) serialise.
   */
  async write(trx: Executor, actor: AuditActor, entry: AuditEntry): Promise<void> {
    await this.writeMany(trx, [{ actor, entry }]);
  }

  /** Append rows in order inside the caller's transaction: the head is read and moved once, the rows go in one INSERT. */
  async writeMany(trx: Executor, items: readonly { actor: AuditActor; entry: AuditEntry }[]): Promise<void> {
    if (!items.length) return;
    const head =
      this.dialect === 'postgres'
        ? await sql<{ seq: number; hash: string }>`SELECT seq, hash FROM audit_chain_head WHERE id = 1 FOR UPDATE`
            .execute(trx)
            .then((r) => r.rows[0])
        : await trx.selectFrom('auditChainHead').select(['seq', 'hash']).where('id', '=', 1).executeTakeFirst();
    if (!head) throw new Error('audit chain head missing');
    let seq = Number(head.seq);
    let prevHash = head.hash;
    const at = timeWithOffset();
    const rows: AuditRow[] = items.map(({ actor, entry }) => {
      const row: Omit<AuditRow, 'hash'> = {
        seq: ++seq,
        id: newId(),
        at,
        userId: actor.userId,
        username: actor.username,
        orgUnitId: actor.orgUnitId,
        ip: actor.ip,
        event: entry.event,
        objectType: entry.objectType ?? null,
        objectId: entry.objectId ?? null,
        result: entry.result ?? 'success',
        summary: entry.summary ?? null,
        detail: entry.detail ? JSON.stringify(entry.detail) : null,
        prevHash,
      };
      prevHash = this.cipher.auditHash(canonicalAuditRow(row));
      return { hash: prevHash, ...row };
    });
    // 15 columns a row: 500 rows stay under SQLite's 32,766 and PostgreSQL's 65,535 bound parameters.
    for (let i = 0; i < rows.length; i += 500) await trx.insertInto('auditEvent').values(rows.slice(i, i + 500)).execute();
    await trx.updateTable('auditChainHead').set({ seq, hash: prevHash }).where('id', '=', 1).execute();
  }

  /**
   * Walk the chain in order; report the first row whose hash or link does not hold.
   * Purged prefixes are allowed: the first remaining row's prevHash is taken as given.
   */
  async verify(db: Executor, batch = 2000): Promise<{ ok: boolean; checked: number; firstBroken?: { seq: number; reason: string } }> {
    let checked = 0;
    let prev: { seq: number; hash: string } | undefined;
    for (;;) {
      let q = db.selectFrom('auditEvent').selectAll().orderBy('seq').limit(batch);
      if (prev) q = q.where('seq', '>', prev.seq);
      const rows = (await q.execute()) as AuditRow[];
      for (const row of rows) {
        const seq = Number(row.seq);
        if (prev && (seq !== prev.seq + 1 || row.prevHash !== prev.hash)) {
          return { ok: false, checked, firstBroken: { seq, reason: seq !== prev.seq + 1 ? '序号不连续（有记录被删除）' : '与上一条记录的链接不符' } };
        }
        const { hash, ...rest } = row;
        if (this.cipher.auditHash(canonicalAuditRow({ ...rest, seq })) !== hash) {
          return { ok: false, checked, firstBroken: { seq, reason: '记录内容与哈希不符（记录被修改）' } };
        }
        prev = { seq, hash };
        checked++;
      }
      if (rows.length < batch) break;
    }
    const head = await db.selectFrom('auditChainHead').select(['seq', 'hash']).where('id', '=', 1).executeTakeFirst();
    if (head && prev && (Number(head.seq) !== prev.seq || head.hash !== prev.hash)) {
      return { ok: false, checked, firstBroken: { seq: prev.seq + 1, reason: '链尾记录缺失（有记录被删除）' } };
    }
    return { ok: true, checked };
  }
}

/** Keep only the fields that changed, for the before/after of an edit. */
export function changes<T extends Record<string, unknown>>(before: T, after: Partial<T>): { before: Partial<T>; after: Partial<T> } {
  const b: Partial<T> = {};
  const a: Partial<T> = {};
  for (const key of Object.keys(after) as (keyof T)[]) {
    if (after[key] === undefined) continue;
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) {
      b[key] = before[key];
      a[key] = after[key];
    }
  }
  return { before: b, after: a };
}

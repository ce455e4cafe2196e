import { sql, type SqlBool } from 'kysely';
import type { Executor } from '../../platform/db/database.js';
import type { Actor } from '../../platform/authz/actor.js';
import { inOrgScope } from '../../platform/authz/scope.js';
import type { AuditEventTable } from '../../platform/db/schema.js';

export type AuditEventRow = AuditEventTable & { orgUnitName: string | null };

/** Filters in stored form: `at` bounds already in the trail's own format (China time with offset). */
export interface AuditFilter {
  atFrom?: string;
  /** Exclusive upper bound. */
  atBefore?: string;
  /** Inclusive upper bound. */
  atUntil?: string;
  eventPrefix?: string;
  event?: string;
  username?: string;
  result?: string;
  objectType?: string;
  objectId?: string;
  q?: string;
}

const sortColumns = { seq: 'auditEvent.seq', at: 'auditEvent.at' } as const;

/** Read-only SQL over the trail, plus the one delete the law allows: a purge of rows past retention. */
export function auditRepository(db: Executor) {
  const filtered = (actor: Actor, f: AuditFilter) => {
    let q = db.selectFrom('auditEvent').leftJoin('orgUnit', 'orgUnit.id', 'auditEvent.orgUnitId');
    // An audit reader with a limited data scope sees what was done by people of that part of the tree.
    if (!actor.scope.all) q = q.where((eb) => inOrgScope(eb, actor, 'auditEvent.orgUnitId'));
    if (f.atFrom) q = q.where('auditEvent.at', '>=', f.atFrom);
    if (f.atBefore) q = q.where('auditEvent.at', '<', f.atBefore);
    if (f.atUntil) q = q.where('auditEvent.at', '<=', f.atUntil);
    if (f.eventPrefix) q = q.where(likeText('auditEvent.event', `${escapeLike(f.eventPrefix)}%`));
    if (f.event) q = q.where('auditEvent.event', '=', f.event);
    if (f.username) q = q.where(likeText('auditEvent.username', `%${escapeLike(f.username)}%`));
    if (f.result) q = q.where('auditEvent.result', '=', f.result);
    if (f.objectType) q = q.where('auditEvent.objectType', '=', f.objectType);
    if (f.objectId) q = q.where('auditEvent.objectId', '=', f.objectId);
    if (f.q) q = q.where(likeText('auditEvent.summary', `%${escapeLike(f.q)}%`));
    return q;
  };

  return {
    async list(actor: Actor, f: AuditFilter, page: { page: number; pageSize: number; sort?: string }) {
      const q = filtered(actor, f);
      const total = Number((await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
      const sortKey = (page.sort?.replace(/^-/, '') ?? 'seq') as keyof typeof sortColumns;
      const dir = page.sort && !page.sort.startsWith('-') ? 'asc' : 'desc';
      const rows = await q
        .selectAll('auditEvent')
        .select('orgUnit.name as orgUnitName')
        .orderBy(sortColumns[sortKey], dir)
        .orderBy('auditEvent.seq', dir)
        .limit(page.pageSize)
        .offset((page.page - 1) * page.pageSize)
        .execute();
      return { rows: rows as AuditEventRow[], total };
    },

    async count(actor: Actor, f: AuditFilter) {
      return Number((await filtered(actor, f).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    },

    /** The last seq written before `at` such that every row up to it is older: the purge stays a prefix of the chain. */
    async purgeBoundary(at: string): Promise<{ lastSeq: number; count: number } | undefined> {
      const firstYoung = await db.selectFrom('auditEvent').select((eb) => eb.fn.min('seq').as('seq')).where('at', '>=', at).executeTakeFirst();
      let q = db.selectFrom('auditEvent').select((eb) => [eb.fn.max('seq').as('last'), eb.fn.countAll<number>().as('n')]).where('at', '<', at);
      if (firstYoung?.seq !== null && firstYoung?.seq !== undefined) q = q.where('seq', '<', Number(firstYoung.seq));
      const r = await q.executeTakeFirst();
      if (!r || r.last === null || Number(r.n) === 0) return undefined;
      return { lastSeq: Number(r.last), count: Number(r.n) };
    },

    async deleteUpTo(lastSeq: number) {
      const res = await db.deleteFrom('auditEvent').where('seq', '<=', lastSeq).executeTakeFirst();
      return Number(res.numDeletedRows);
    },

    async firstSeq(): Promise<number | null> {
      const r = await db.selectFrom('auditEvent').select((eb) => eb.fn.min('seq').as('seq')).executeTakeFirst();
      return r?.seq === null || r?.seq === undefined ? null : Number(r.seq);
    },
  };
}

function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** LIKE with backslash as the escape character, the same on SQLite and PostgreSQL. */
function likeText(column: string, pattern: string) {
  return sql<SqlBool>`${sql.ref(column)} LIKE ${pattern} ESCAPE '\\'`;
}

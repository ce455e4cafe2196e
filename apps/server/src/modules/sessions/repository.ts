import type { Executor } from '../../platform/db/database.js';
import type { Actor } from '../../platform/authz/actor.js';
import { sql, type SqlBool } from 'kysely';
import { inOrgScope } from '../../platform/authz/scope.js';

export interface OpenSessionRow {
  idHash: string;
  createdAt: string;
  lastSeenAt: string;
  expiresAt: string;
  ip: string | null;
  userAgent: string | null;
  userId: string;
  username: string;
  displayName: string;
  orgUnitId: string | null;
  orgUnitName: string | null;
}

const sortColumns = { lastSeenAt: 'session.lastSeenAt', createdAt: 'session.createdAt', username: 'appUser.usernameKey' } as const;
export type SessionSort = keyof typeof sortColumns;

/**
 * Open sessions: not ended, not past their absolute expiry, not idle longer than the policy allows,
 * of accounts in the actor's scope (by the account's org node).
 */
export function sessionRepository(db: Executor) {
  const open = (actor: Actor, idleMinutes: number) => {
    const now = new Date();
    return db
      .selectFrom('session')
      .innerJoin('appUser', 'appUser.id', 'session.userId')
      .leftJoin('orgUnit', 'orgUnit.id', 'appUser.orgUnitId')
      .where('session.endedAt', 'is', null)
      .where('session.expiresAt', '>', now.toISOString())
      .where('session.lastSeenAt', '>', new Date(now.getTime() - idleMinutes * 60_000).toISOString())
      .where('appUser.status', '=', 'active')
      .where((eb) => inOrgScope(eb, actor, 'appUser.orgUnitId', 'appUser.id'));
  };
  const columns = [
    'session.idHash', 'session.createdAt', 'session.lastSeenAt', 'session.expiresAt', 'session.ip', 'session.userAgent',
    'appUser.id as userId', 'appUser.username', 'appUser.displayName', 'appUser.orgUnitId', 'orgUnit.name as orgUnitName',
  ] as const;

  return {
    async list(actor: Actor, idleMinutes: number, filter: { q?: string; userId?: string }, page: { page: number; pageSize: number; sort?: string }) {
      let q = open(actor, idleMinutes);
      if (filter.userId) q = q.where('appUser.id', '=', filter.userId);
      if (filter.q) {
        const term = filter.q;
        q = q.where((eb) => eb.or([containsText('appUser.username', term), containsText('appUser.displayName', term), containsText('session.ip', term)]));
      }
      const total = Number((await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
      const sortKey = (page.sort?.replace(/^-/, '') ?? 'lastSeenAt') as SessionSort;
      const dir = page.sort ? (page.sort.startsWith('-') ? 'desc' : 'asc') : 'desc';
      const rows = await q
        .select(columns)
        .orderBy(sortColumns[sortKey], dir)
        .orderBy('session.createdAt', 'desc')
        .limit(page.pageSize)
        .offset((page.page - 1) * page.pageSize)
        .execute();
      return { rows: rows as OpenSessionRow[], total };
    },

    /** Every open session in scope (to find one by its opaque id: there are at most a few hundred). */
    async allOpen(actor: Actor, idleMinutes: number): Promise<OpenSessionRow[]> {
      return (await open(actor, idleMinutes).select(columns).execute()) as OpenSessionRow[];
    },
  };
}

/** `column LIKE %term%` with the term's own % _ \\ taken literally, on both databases. */
export function containsText(column: string, term: string) {
  const pattern = `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return sql<SqlBool>`${sql.ref(column)} LIKE ${pattern} ESCAPE '\\'`;
}

import { sql, type ExpressionBuilder, type SqlBool } from 'kysely';
import type { Executor } from '../../platform/db/database.js';
import type { Database, NoticeTable } from '../../platform/db/schema.js';
import type { Actor } from '../../platform/authz/actor.js';
import { orgUnitInScope } from '../../platform/authz/scope.js';

export type NoticeRow = NoticeTable & { orgUnitName: string | null; publisherName: string; readAt: string | null };

const sortColumns = { publishedAt: 'notice.publishedAt', level: 'notice.level' } as const;

/** The org nodes on the path from the root to the actor's node: a notice to any of them reaches the actor. */
export function addressedNodes(actor: Actor): string[] {
  return (actor.orgPath ?? '').split('/').filter(Boolean);
}

/** Addressed to everyone, to the actor's node or one above it, or published by the actor. */
function visibleTo(eb: ExpressionBuilder<Database, 'notice'>, actor: Actor) {
  const nodes = addressedNodes(actor);
  const parts = [eb('notice.orgUnitId', 'is', null), eb('notice.publishedBy', '=', actor.userId)];
  if (nodes.length) parts.push(eb('notice.orgUnitId', 'in', nodes));
  return eb.or(parts);
}

export function noticeRepository(db: Executor) {
  const base = (actor: Actor) =>
    db
      .selectFrom('notice')
      .innerJoin('appUser as publisher', 'publisher.id', 'notice.publishedBy')
      .leftJoin('orgUnit', 'orgUnit.id', 'notice.orgUnitId')
      .leftJoin('noticeRead', (join) => join.onRef('noticeRead.noticeId', '=', 'notice.id').on('noticeRead.userId', '=', actor.userId))
      .where((eb) => visibleTo(eb as unknown as ExpressionBuilder<Database, 'notice'>, actor));

  const columns = ['notice.id', 'notice.title', 'notice.body', 'notice.level', 'notice.orgUnitId', 'notice.publishedBy', 'notice.publishedAt', 'orgUnit.name as orgUnitName', 'publisher.displayName as publisherName', 'noticeRead.readAt'] as const;

  return {
    async list(actor: Actor, filter: { unread?: boolean; level?: string; q?: string }, page: { page: number; pageSize: number; sort?: string }) {
      let q = base(actor);
      if (filter.unread) q = q.where('noticeRead.readAt', 'is', null);
      if (filter.level) q = q.where('notice.level', '=', filter.level);
      if (filter.q) {
        const pattern = `%${filter.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
        q = q.where(sql<SqlBool>`${sql.ref('notice.title')} LIKE ${pattern} ESCAPE '\\'`);
      }
      const total = Number((await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
      const sortKey = (page.sort?.replace(/^-/, '') ?? 'publishedAt') as keyof typeof sortColumns;
      const dir = page.sort && !page.sort.startsWith('-') ? 'asc' : 'desc';
      const rows = await q
        .select(columns)
        .orderBy(sortColumns[sortKey], dir)
        .orderBy('notice.publishedAt', 'desc')
        .orderBy('notice.id')
        .limit(page.pageSize)
        .offset((page.page - 1) * page.pageSize)
        .execute();
      return { rows: rows as NoticeRow[], total };
    },

    async unreadCount(actor: Actor) {
      const r = await base(actor).where('noticeRead.readAt', 'is', null).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      return Number(r.n);
    },

    async findVisible(actor: Actor, id: string): Promise<NoticeRow | undefined> {
      return (await base(actor).select(columns).where('notice.id', '=', id).executeTakeFirst()) as NoticeRow | undefined;
    },

    /** The node a notice is addressed to, if the publisher may address it (it lies in their scope). */
    async orgUnitInScope(actor: Actor, id: string) {
      return db.selectFrom('orgUnit').select(['orgUnit.id', 'orgUnit.name', 'orgUnit.status']).where('orgUnit.id', '=', id).where((eb) => orgUnitInScope(eb, actor)).executeTakeFirst();
    },

    async insert(row: NoticeTable) {
      await db.insertInto('notice').values(row).execute();
    },

    /** Mark read once; answers whether this call did it. */
    async markRead(noticeId: string, userId: string, at: string): Promise<boolean> {
      const res = await db.insertInto('noticeRead').values({ noticeId, userId, readAt: at }).onConflict((oc) => oc.columns(['noticeId', 'userId']).doNothing()).executeTakeFirst();
      return Number(res.numInsertedOrUpdatedRows ?? 0) > 0;
    },
  };
}

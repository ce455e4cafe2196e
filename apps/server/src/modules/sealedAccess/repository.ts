import type { Executor } from '../../platform/db/database.js';
import type { Actor } from '../../platform/authz/actor.js';
import { inOrgScope, orgUnitInScope } from '../../platform/authz/scope.js';
import type { SealedAccessRequestTable } from '../../platform/db/schema.js';

export type SealedAccessRow = SealedAccessRequestTable & { requesterName: string; deciderName: string | null; orgUnitName: string };

export interface SealedAccessFilter {
  box: 'mine' | 'pending';
  status?: 'pending' | 'approved' | 'rejected' | 'expired';
}

const sortColumns = { requestedAt: 'r.requestedAt', expiresAt: 'r.expiresAt' } as const;

export function sealedAccessRepository(db: Executor) {
  const base = () =>
    db
      .selectFrom('sealedAccessRequest as r')
      .innerJoin('appUser as u', 'u.id', 'r.requestedBy')
      .leftJoin('appUser as d', 'd.id', 'r.decidedBy')
      .innerJoin('orgUnit as o', 'o.id', 'r.orgUnitId')
      .selectAll('r')
      .select(['u.displayName as requesterName', 'd.displayName as deciderName', 'o.name as orgUnitName']);

  return {
    /** A request an approver may decide: its org node in the approver's scope. */
    async findForApprover(actor: Actor, id: string): Promise<SealedAccessRow | undefined> {
      return base().where('r.id', '=', id).where((eb) => inOrgScope(eb, actor, 'r.orgUnitId')).executeTakeFirst();
    },

    async findById(id: string): Promise<SealedAccessRow | undefined> {
      return base().where('r.id', '=', id).executeTakeFirst();
    },

    async orgUnitInScope(actor: Actor, orgUnitId: string) {
      return db.selectFrom('orgUnit').select(['id', 'name']).where('id', '=', orgUnitId).where((eb) => orgUnitInScope(eb, actor)).executeTakeFirst();
    },

    async list(actor: Actor, filter: SealedAccessFilter, page: { page: number; pageSize: number; sort?: string }, now: string) {
      const apply = <Q extends ReturnType<typeof base>>(q: Q): Q => {
        let r = q as ReturnType<typeof base>;
        if (filter.box === 'mine') r = r.where('r.requestedBy', '=', actor.userId);
        else r = r.where('r.status', '=', 'pending').where((eb) => inOrgScope(eb, actor, 'r.orgUnitId'));
        if (filter.status === 'pending' || filter.status === 'rejected') r = r.where('r.status', '=', filter.status);
        if (filter.status === 'approved') r = r.where('r.status', '=', 'approved').where('r.expiresAt', '>', now);
        if (filter.status === 'expired') r = r.where('r.status', '=', 'approved').where('r.expiresAt', '<=', now);
        return r as Q;
      };
      const sortKey = (page.sort?.replace(/^-/, '') ?? 'requestedAt') as keyof typeof sortColumns;
      const dir = page.sort ? (page.sort.startsWith('-') ? 'desc' : 'asc') : 'desc';
      const rows = await apply(base())
        .orderBy(sortColumns[sortKey], dir)
        .orderBy('r.id')
        .limit(page.pageSize)
        .offset((page.page - 1) * page.pageSize)
        .execute();
      const count = await apply(base())
        .clearSelect()
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      return { rows, total: Number(count.n) };
    },

    async insert(row: SealedAccessRequestTable) {
      await db.insertInto('sealedAccessRequest').values(row).execute();
    },

    /** Decide a pending request; false when someone else decided it first. */
    async decide(id: string, patch: Pick<SealedAccessRequestTable, 'status' | 'decidedBy' | 'decidedAt' | 'decisionNote' | 'expiresAt'>) {
      const r = await db.updateTable('sealedAccessRequest').set(patch).where('id', '=', id).where('status', '=', 'pending').executeTakeFirst();
      return Number(r.numUpdatedRows) === 1;
    },
  };
}

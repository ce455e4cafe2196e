import type { z } from 'zod';
import { sealedAccessMaxDays, type sealedAccessApprove, type sealedAccessListQuery, type sealedAccessRequestCreate } from '@gg/shared';
import type { Platform } from '../../platform/context.js';
import { can, type Actor } from '../../platform/authz/actor.js';
import type { AuditActor } from '../../platform/audit/audit.js';
import { AppError } from '../../platform/errors.js';
import { sealedAccess } from '../../platform/sealed/sealedAccess.js';
import { sealedAccessRepository, type SealedAccessRow } from './repository.js';
import { presentSealedAccess } from './presenter.js';
import { newId } from '../../platform/db/ids.js';

type CreateInput = z.output<typeof sealedAccessRequestCreate>;
type ApproveInput = z.output<typeof sealedAccessApprove>;
type ListQuery = z.output<typeof sealedAccessListQuery>;

export function createSealedAccessService(platform: Platform) {
  const repo = sealedAccessRepository(platform.db);

  /** The request an approver may decide, checked in the order: exists in scope → not their own → still pending. */
  async function loadForDecision(actor: Actor, id: string): Promise<SealedAccessRow> {
    const row = await repo.findForApprover(actor, id);
    if (!row) throw new AppError('SEALED_ACCESS_REQUEST_NOT_FOUND');
    if (row.requestedBy === actor.userId) throw new AppError('SEALED_SELF_APPROVAL');
    if (row.status !== 'pending') throw new AppError('SEALED_REQUEST_DECIDED');
    return row;
  }

  async function present(actor: Actor, id: string) {
    const row = await repo.findById(id);
    if (!row) throw new AppError('SEALED_ACCESS_REQUEST_NOT_FOUND');
    return presentSealedAccess(actor, row);
  }

  return {
    async create(actor: Actor, who: AuditActor, input: CreateInput) {
      // Unknown type, unknown object, an org node that is not the object's, or one outside the
      // requester's scope: all the same 404.
      const type = sealedAccess.objectType(platform, input.objectType);
      const objectOrg = type ? await type.orgUnitOf(platform.db, input.objectId) : undefined;
      const org = objectOrg === input.orgUnitId ? await repo.orgUnitInScope(actor, input.orgUnitId) : undefined;
      if (!type || !org) throw new AppError('NOT_FOUND');
      const id = newId();
      await platform.transaction(who, async (trx, audit) => {
        await sealedAccessRepository(trx).insert({
          id, objectType: input.objectType, objectId: input.objectId, orgUnitId: org.id, reason: input.reason,
          requestedBy: actor.userId, requestedAt: new Date().toISOString(), status: 'pending',
          decidedBy: null, decidedAt: null, decisionNote: null, expiresAt: null,
        });
        await audit({
          event: 'sealed.request', objectType: input.objectType, objectId: input.objectId,
          summary: `申请查阅封存记录（${type.label}，${org.name}）`, detail: { requestId: id },
        });
      });
      return present(actor, id);
    },

    async list(actor: Actor, query: ListQuery) {
      // Anyone signed in may list their own requests (none, if they never could request); the approval box needs sealed:approve.
      if (query.box === 'pending' && !can(actor, 'sealed:approve')) throw new AppError('FORBIDDEN');
      const { rows, total } = await repo.list(actor, { box: query.box, status: query.status }, query, new Date().toISOString());
      return { items: rows.map((r) => presentSealedAccess(actor, r)), total, page: query.page, pageSize: query.pageSize };
    },

    async approve(actor: Actor, who: AuditActor, id: string, input: ApproveInput) {
      const row = await loadForDecision(actor, id);
      const now = Date.now();
      const expires = Date.parse(input.expiresAt);
      if (!(expires > now) || expires > now + sealedAccessMaxDays * 86_400_000) {
        throw new AppError('SEALED_EXPIRY_INVALID', undefined, [{ path: 'expiresAt', message: `有效期须晚于现在，且不超过${sealedAccessMaxDays}天` }]);
      }
      const expiresAt = new Date(expires).toISOString();
      await platform.transaction(who, async (trx, audit) => {
        const ok = await sealedAccessRepository(trx).decide(id, {
          status: 'approved', decidedBy: actor.userId, decidedAt: new Date().toISOString(), decisionNote: input.note ?? null, expiresAt,
        });
        if (!ok) throw new AppError('SEALED_REQUEST_DECIDED');
        await audit({
          event: 'sealed.approve', objectType: row.objectType, objectId: row.objectId,
          summary: `批准查阅封存记录（申请人：${row.requesterName}，有效期至 ${expiresAt}）`,
          detail: { requestId: id, requestedBy: row.requestedBy, before: { status: 'pending' }, after: { status: 'approved', expiresAt } },
        });
      });
      return present(actor, id);
    },

    async reject(actor: Actor, who: AuditActor, id: string, note: string) {
      const row = await loadForDecision(actor, id);
      await platform.transaction(who, async (trx, audit) => {
        const ok = await sealedAccessRepository(trx).decide(id, {
          status: 'rejected', decidedBy: actor.userId, decidedAt: new Date().toISOString(), decisionNote: note, expiresAt: null,
        });
        if (!ok) throw new AppError('SEALED_REQUEST_DECIDED');
        await audit({
          event: 'sealed.reject', objectType: row.objectType, objectId: row.objectId,
          summary: `驳回查阅封存记录申请（申请人：${row.requesterName}）`,
          detail: { requestId: id, requestedBy: row.requestedBy, before: { status: 'pending' }, after: { status: 'rejected' } },
        });
      });
      return present(actor, id);
    },
  };
}

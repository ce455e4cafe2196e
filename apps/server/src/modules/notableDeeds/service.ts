import type { z } from 'zod';
import { notableDeedStatusLabels, type notableDeedCreate, type notableDeedListQuery, type notableDeedReview, type notableDeedUpdate, type NotableDeedFloor } from '@gg/shared';
import type { Platform } from '../../platform/context.js';
import type { Actor } from '../../platform/authz/actor.js';
import type { AuditActor } from '../../platform/audit/audit.js';
import { changes } from '../../platform/audit/audit.js';
import { AppError } from '../../platform/errors.js';
import type { NotableDeedTable } from '../../platform/db/schema.js';
import { activityRefs, checkActivities, checkUploads, parseIds, resolveOwner, uploadNames } from '../targets/index.js';
import { deedCountsByMemberUnit, notableDeedRepository, type NotableDeedFilter, type NotableDeedRow } from './repository.js';
import { notableDeedPolicy } from './policy.js';
import { presentNotableDeed } from './presenter.js';
import { newId } from '../../platform/db/ids.js';

type CreateInput = z.output<typeof notableDeedCreate>;
type UpdateInput = z.output<typeof notableDeedUpdate>;
type ReviewInput = z.output<typeof notableDeedReview>;
type ListQuery = z.output<typeof notableDeedListQuery>;

export function createNotableDeedService(platform: Platform) {
  const { db } = platform;
  const repo = notableDeedRepository(db);

  async function load(actor: Actor, id: string): Promise<NotableDeedRow> {
    const row = await repo.findVisible(actor, id);
    if (!row) throw new AppError('NOTABLE_DEED_NOT_FOUND');
    return row;
  }
  async function present(actor: Actor, rows: NotableDeedRow[]) {
    const uploads = await uploadNames(db, rows.flatMap((r) => parseIds(r.uploadIds)));
    const activities = await activityRefs(db, rows.flatMap((r) => parseIds(r.activityIds)));
    return rows.map((r) => presentNotableDeed(actor, r, { uploads, activities }));
  }

  return {
    present,
    async get(actor: Actor, id: string) {
      return (await present(actor, [await load(actor, id)]))[0];
    },

    async list(actor: Actor, query: ListQuery) {
      const { rows, total } = await repo.list(actor, query as NotableDeedFilter, query);
      return { items: await present(actor, rows), total, page: query.page, pageSize: query.pageSize };
    },

    async create(actor: Actor, who: AuditActor, input: CreateInput) {
      const owner = await resolveOwner(db, actor, input);
      await checkUploads(db, actor, input.uploadIds);
      await checkActivities(db, actor, input.activityIds);
      const id = newId();
      const now = new Date().toISOString();
      const row: NotableDeedTable = {
        id, year: input.year, memberUnitId: owner.memberUnitId, orgUnitId: owner.orgUnitId, title: input.title, description: input.description,
        deedDate: input.deedDate, uploadIds: JSON.stringify([...new Set(input.uploadIds)]), activityIds: JSON.stringify([...new Set(input.activityIds)]),
        status: 'submitted', reviewNote: null, reviewedAt: null, reviewedBy: null, createdAt: now, updatedAt: now, createdBy: actor.userId,
      };
      await platform.transaction(who, async (trx, audit) => {
        await notableDeedRepository(trx).insert(row);
        await audit({
          event: 'notableDeed.create', objectType: 'notableDeed', objectId: id, summary: `${owner.name}登记${input.year}年像样的事：${input.title}`,
          detail: { after: { year: input.year, owner: owner.name, title: input.title, deedDate: input.deedDate, activities: input.activityIds.length, uploads: input.uploadIds.length } },
        });
      });
      return this.get(actor, id);
    },

    async update(actor: Actor, who: AuditActor, id: string, input: UpdateInput) {
      const row = await load(actor, id);
      if (!notableDeedPolicy.update(actor, row)) throw new AppError('NOTABLE_DEED_STATE');
      if (input.uploadIds) await checkUploads(db, actor, input.uploadIds);
      if (input.activityIds) await checkActivities(db, actor, input.activityIds);
      const patch: Partial<NotableDeedTable> = {
        ...(input.title !== undefined && { title: input.title }),
        ...(input.description !== undefined && { description: input.description }),
        ...(input.deedDate !== undefined && { deedDate: input.deedDate }),
        ...(input.uploadIds !== undefined && { uploadIds: JSON.stringify([...new Set(input.uploadIds)]) }),
        ...(input.activityIds !== undefined && { activityIds: JSON.stringify([...new Set(input.activityIds)]) }),
      };
      const diff = changes(row as unknown as Record<string, unknown>, patch as Record<string, unknown>);
      if (!Object.keys(diff.after).length) return this.get(actor, id);
      // A rejected deed that is edited goes back to the office for another look.
      const resubmit = row.status === 'rejected' ? { status: 'submitted', reviewNote: null, reviewedAt: null, reviewedBy: null } : {};
      await platform.transaction(who, async (trx, audit) => {
        await notableDeedRepository(trx).update(id, { ...patch, ...resubmit, updatedAt: new Date().toISOString() });
        await audit({ event: 'notableDeed.update', objectType: 'notableDeed', objectId: id, summary: `编辑像样的事：${row.title}（${row.ownerName}）`, detail: diff });
      });
      return this.get(actor, id);
    },

    async remove(actor: Actor, who: AuditActor, id: string) {
      const row = await load(actor, id);
      if (!notableDeedPolicy.delete(actor, row)) throw new AppError('NOTABLE_DEED_STATE');
      await platform.transaction(who, async (trx, audit) => {
        await notableDeedRepository(trx).remove(id);
        await audit({ event: 'notableDeed.delete', objectType: 'notableDeed', objectId: id, summary: `删除像样的事：${row.title}（${row.ownerName}）`, detail: { before: { title: row.title, year: row.year } } });
      });
      return { ok: true as const };
    },

    async review(actor: Actor, who: AuditActor, id: string, input: ReviewInput) {
      const row = await load(actor, id);
      if (!notableDeedPolicy.review(actor, row)) throw new AppError('FORBIDDEN');
      const now = new Date().toISOString();
      await platform.transaction(who, async (trx, audit) => {
        await notableDeedRepository(trx).update(id, { status: input.status, reviewNote: input.note ?? null, reviewedAt: now, reviewedBy: actor.userId, updatedAt: now });
        if (input.status === 'qualified' && row.memberUnitId) {
          await trx.updateTable('notableDeedFlag').set({ clearedAt: now }).where('year', '=', row.year).where('memberUnitId', '=', row.memberUnitId).where('clearedAt', 'is', null).execute();
        }
        await audit({
          event: 'notableDeed.review', objectType: 'notableDeed', objectId: id,
          summary: `认定像样的事：${row.title}（${row.ownerName}）— ${notableDeedStatusLabels[input.status]}`,
          detail: { before: { status: row.status }, after: { status: input.status, note: input.note ?? null } },
        });
      });
      return this.get(actor, id);
    },

    async setDeadline(actor: Actor, who: AuditActor, year: number, dueDate: string) {
      const before = await db.selectFrom('notableDeedDeadline').selectAll().where('year', '=', year).executeTakeFirst();
      const now = new Date().toISOString();
      await platform.transaction(who, async (trx, audit) => {
        if (before) await trx.updateTable('notableDeedDeadline').set({ dueDate, setAt: now, setBy: actor.userId }).where('year', '=', year).execute();
        else await trx.insertInto('notableDeedDeadline').values({ year, dueDate, setAt: now, setBy: actor.userId }).execute();
        await audit({ event: 'notableDeed.deadline', objectType: 'notableDeedDeadline', objectId: String(year), summary: `设定${year}年像样的事保底日期：${dueDate}`, detail: { before: { dueDate: before?.dueDate ?? null }, after: { dueDate } } });
      });
      return this.floor(actor, year);
    },

    /** 下要保底: each member unit's deeds for the year and whether the job has flagged it. A liaison sees their own unit. */
    async floor(actor: Actor, year: number): Promise<NotableDeedFloor> {
      const deadline = await db.selectFrom('notableDeedDeadline').select('dueDate').where('year', '=', year).executeTakeFirst();
      const flags = await db.selectFrom('notableDeedFlag').selectAll().where('year', '=', year).where('clearedAt', 'is', null).execute();
      let units = await deedCountsByMemberUnit(db, year);
      if (!actor.scope.all) units = units.filter((u) => u.memberUnitId === actor.memberUnitId);
      return {
        year,
        dueDate: deadline?.dueDate ?? null,
        units: units.map((u) => {
          const flag = flags.find((f) => f.memberUnitId === u.memberUnitId);
          return { flagged: Boolean(flag), flaggedAt: flag?.flaggedAt ?? null, ...u };
        }),
      };
    },
  };
}

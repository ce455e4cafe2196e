import type { z } from 'zod';
import { targetKindLabels, type targetCreate, type targetListQuery, type targetUpdate, type TargetDetail, type TargetUnitSummary } from '@gg/shared';
import type { Platform } from '../../platform/context.js';
import type { Actor } from '../../platform/authz/actor.js';
import type { AuditActor } from '../../platform/audit/audit.js';
import { changes } from '../../platform/audit/audit.js';
import { AppError } from '../../platform/errors.js';
import type { TargetTable } from '../../platform/db/schema.js';
import { targetRepository, type TargetFilter, type TargetRow } from './repository.js';
import { targetPolicy } from './policy.js';
import { isOverdue, presentTarget } from './presenter.js';
import { parseIds, resolveOwner } from './owner.js';
import { activityRefs, uploadNames } from './links.js';
import { newId } from '../../platform/db/ids.js';

type CreateInput = z.output<typeof targetCreate>;
type UpdateInput = z.output<typeof targetUpdate>;
type ListQuery = z.output<typeof targetListQuery>;

export function createTargetService(platform: Platform) {
  const { db } = platform;
  const repo = targetRepository(db);

  async function load(actor: Actor, id: string): Promise<TargetRow> {
    const row = await repo.findVisible(actor, id);
    if (!row) throw new AppError('TARGET_NOT_FOUND');
    return row;
  }
  const guard = (ok: boolean) => {
    if (!ok) throw new AppError('TARGET_STATE');
  };

  return {
    load,

    async get(actor: Actor, id: string): Promise<TargetDetail> {
      const row = await load(actor, id);
      const progress = await repo.progressOf(id);
      const links = await repo.progressActivities(progress.map((p) => p.id));
      const acts = await activityRefs(db, links.map((l) => l.activityId));
      const names = await uploadNames(db, progress.flatMap((p) => parseIds(p.uploadIds)));
      return {
        ...presentTarget(actor, row),
        progress: progress.map((p) => ({
          id: p.id,
          reportDate: p.reportDate,
          progressPercent: Number(p.progressPercent),
          note: p.note,
          uploads: parseIds(p.uploadIds).map((u) => ({ id: u, name: names.get(u) ?? '附件' })),
          activities: links.filter((l) => l.progressId === p.id).flatMap((l) => (acts.has(l.activityId) ? [acts.get(l.activityId)!] : [])),
          createdAt: p.createdAt,
          createdByName: p.createdByName ?? null,
        })),
      };
    },

    async list(actor: Actor, query: ListQuery) {
      const { rows, total } = await repo.list(actor, query as TargetFilter, query);
      return { items: rows.map((r) => presentTarget(actor, r)), total, page: query.page, pageSize: query.pageSize };
    },

    /** Per unit for a year: how many items, confirmed, completed, overdue, the mean progress and linked activities. */
    async summary(actor: Actor, year: number): Promise<TargetUnitSummary[]> {
      const rows = await repo.all(actor, { year });
      const byOwner = new Map<string, TargetRow[]>();
      for (const r of rows) {
        const key = r.memberUnitId ?? r.orgUnitId ?? '';
        byOwner.set(key, [...(byOwner.get(key) ?? []), r]);
      }
      return [...byOwner.values()].map((list) => ({
        memberUnitId: list[0].memberUnitId,
        orgUnitId: list[0].orgUnitId,
        ownerName: list[0].ownerName,
        targets: list.length,
        draft: list.filter((t) => t.status === 'draft').length,
        completed: list.filter((t) => t.status === 'completed').length,
        overdue: list.filter((t) => isOverdue(t)).length,
        averageProgress: Math.round(list.reduce((s, t) => s + Number(t.progressPercent), 0) / list.length),
        activityCount: list.reduce((s, t) => s + t.activityCount, 0),
      }));
    },

    async create(actor: Actor, who: AuditActor, input: CreateInput) {
      const owner = await resolveOwner(db, actor, input);
      const id = newId();
      const now = new Date().toISOString();
      const row: TargetTable = {
        id, year: input.year, memberUnitId: owner.memberUnitId, orgUnitId: owner.orgUnitId, kind: input.kind, title: input.title,
        measure: input.measure ?? null, deadline: input.deadline ?? null, weight: input.weight, owner: input.owner ?? null,
        status: 'draft', progressPercent: 0, completedAt: null, confirmedAt: null, confirmedBy: null, sortOrder: input.sortOrder,
        createdAt: now, updatedAt: now, createdBy: actor.userId,
      };
      await platform.transaction(who, async (trx, audit) => {
        await targetRepository(trx).insert(row);
        await audit({
          event: 'target.create', objectType: 'target', objectId: id,
          summary: `为${owner.name}制定${input.year}年度${targetKindLabels[input.kind]}：${input.title}`,
          detail: { after: { year: input.year, owner: owner.name, kind: input.kind, title: input.title, deadline: row.deadline, weight: row.weight } },
        });
      });
      return this.get(actor, id);
    },

    async update(actor: Actor, who: AuditActor, id: string, input: UpdateInput) {
      const row = await load(actor, id);
      guard(targetPolicy.update(actor, row));
      const patch: Partial<TargetTable> = {
        ...(input.kind !== undefined && { kind: input.kind }),
        ...(input.title !== undefined && { title: input.title }),
        ...('measure' in input && { measure: input.measure ?? null }),
        ...('deadline' in input && { deadline: input.deadline ?? null }),
        ...(input.weight !== undefined && { weight: input.weight }),
        ...('owner' in input && { owner: input.owner ?? null }),
        ...(input.sortOrder !== undefined && { sortOrder: input.sortOrder }),
      };
      const diff = changes(row as unknown as Record<string, unknown>, patch as Record<string, unknown>);
      if (!Object.keys(diff.after).length) return this.get(actor, id);
      await platform.transaction(who, async (trx, audit) => {
        await targetRepository(trx).update(id, { ...patch, updatedAt: new Date().toISOString() });
        await audit({ event: 'target.update', objectType: 'target', objectId: id, summary: `编辑目标：${row.title}（${row.ownerName}）`, detail: diff });
      });
      return this.get(actor, id);
    },

    async remove(actor: Actor, who: AuditActor, id: string) {
      const row = await load(actor, id);
      guard(targetPolicy.delete(actor, row) && !(await repo.hasProgress(id)));
      await platform.transaction(who, async (trx, audit) => {
        await targetRepository(trx).remove(id);
        await audit({ event: 'target.delete', objectType: 'target', objectId: id, summary: `删除目标：${row.title}（${row.ownerName}）`, detail: { before: { title: row.title, year: row.year } } });
      });
      return { ok: true as const };
    },

    async confirm(actor: Actor, who: AuditActor, id: string) {
      const row = await load(actor, id);
      guard(targetPolicy.confirm(actor, row));
      const now = new Date().toISOString();
      await platform.transaction(who, async (trx, audit) => {
        const done = await trx.updateTable('target').set({ status: 'confirmed', confirmedAt: now, confirmedBy: actor.userId, updatedAt: now }).where('id', '=', id).where('status', '=', 'draft').executeTakeFirst();
        if (Number(done.numUpdatedRows) !== 1) throw new AppError('TARGET_STATE');
        await audit({ event: 'target.confirm', objectType: 'target', objectId: id, summary: `确认目标：${row.title}（${row.ownerName}）`, detail: { before: { status: 'draft' }, after: { status: 'confirmed' } } });
      });
      return this.get(actor, id);
    },
  };
}

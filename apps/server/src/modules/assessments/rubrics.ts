import type { z } from 'zod';
import type { Rubric, rubricCopy, rubricCreate, rubricItemCreate, rubricItemUpdate, rubricUpdate } from '@gg/shared';
import type { Platform } from '../../platform/context.js';
import type { Actor } from '../../platform/authz/actor.js';
import type { AuditActor } from '../../platform/audit/audit.js';
import { changes } from '../../platform/audit/audit.js';
import type { RubricItemTable } from '../../platform/db/schema.js';
import { AppError } from '../../platform/errors.js';
import { assessmentRepository } from './repository.js';
import { rubricPolicy } from './policy.js';
import { presentRubric } from './presenter.js';
import { newId } from '../../platform/db/ids.js';

/** Configurable rubrics: sections, items, points, deductions and bonuses, manual or computed from data. */
export function createRubricService(platform: Platform) {
  const { db } = platform;
  const repo = assessmentRepository(db);

  async function load(id: string) {
    const r = await repo.rubric(id);
    if (!r) throw new AppError('RUBRIC_NOT_FOUND');
    return r;
  }
  async function editable(actor: Actor, id: string) {
    const r = await load(id);
    if (!rubricPolicy.editItems(actor, (await repo.rubricsInUse([id])).has(id))) throw new AppError('RUBRIC_IN_USE');
    return r;
  }
  const codeTaken = async (code: string) => Boolean(await db.selectFrom('rubric').select('id').where('code', '=', code).executeTakeFirst());
  const checkItem = (v: { scoring?: string; metric?: string | null }) => {
    if (v.scoring === 'computed' && !v.metric) throw new AppError('RUBRIC_ITEM_INVALID');
  };

  return {
    async get(actor: Actor, id: string): Promise<Rubric> {
      const r = await load(id);
      return presentRubric(actor, r, await repo.items([id]), (await repo.rubricsInUse([id])).has(id));
    },
    async list(actor: Actor): Promise<Rubric[]> {
      const rubrics = await repo.rubrics();
      const items = await repo.items(rubrics.map((r) => r.id));
      const inUse = await repo.rubricsInUse(rubrics.map((r) => r.id));
      return rubrics.map((r) => presentRubric(actor, r, items.filter((i) => i.rubricId === r.id), inUse.has(r.id)));
    },
    async create(actor: Actor, who: AuditActor, input: z.output<typeof rubricCreate>) {
      if (await codeTaken(input.code)) throw new AppError('RUBRIC_CODE_TAKEN');
      const id = newId();
      const now = new Date().toISOString();
      await platform.transaction(who, async (trx, audit) => {
        await trx.insertInto('rubric').values({ id, code: input.code, name: input.name, appliesTo: input.appliesTo, description: input.description ?? null, status: 'active', createdAt: now, updatedAt: now }).execute();
        await audit({ event: 'rubric.create', objectType: 'rubric', objectId: id, summary: `新建考核细则：${input.name}`, detail: { after: input } });
      });
      return this.get(actor, id);
    },
    async update(actor: Actor, who: AuditActor, id: string, input: z.output<typeof rubricUpdate>) {
      const r = await load(id);
      const patch = { ...(input.name !== undefined && { name: input.name }), ...('description' in input && { description: input.description ?? null }), ...(input.status !== undefined && { status: input.status }) };
      const diff = changes(r as unknown as Record<string, unknown>, patch as Record<string, unknown>);
      if (Object.keys(diff.after).length) {
        await platform.transaction(who, async (trx, audit) => {
          await trx.updateTable('rubric').set({ ...patch, updatedAt: new Date().toISOString() }).where('id', '=', id).execute();
          await audit({ event: 'rubric.update', objectType: 'rubric', objectId: id, summary: `编辑考核细则：${r.name}`, detail: diff });
        });
      }
      return this.get(actor, id);
    },
    /** A copy with all items, to change a rubric that has been used. */
    async copy(actor: Actor, who: AuditActor, id: string, input: z.output<typeof rubricCopy>) {
      const r = await load(id);
      if (await codeTaken(input.code)) throw new AppError('RUBRIC_CODE_TAKEN');
      const items = await repo.items([id]);
      const copyId = newId();
      const now = new Date().toISOString();
      await platform.transaction(who, async (trx, audit) => {
        await trx.insertInto('rubric').values({ ...r, id: copyId, code: input.code, name: input.name, status: 'active', createdAt: now, updatedAt: now }).execute();
        if (items.length) await trx.insertInto('rubricItem').values(items.map((i) => ({ ...i, id: newId(), rubricId: copyId }))).execute();
        await audit({ event: 'rubric.copy', objectType: 'rubric', objectId: copyId, summary: `复制考核细则：${r.name} → ${input.name}`, detail: { from: id, items: items.length } });
      });
      return this.get(actor, copyId);
    },
    async addItem(actor: Actor, who: AuditActor, id: string, input: z.output<typeof rubricItemCreate>) {
      const r = await editable(actor, id);
      checkItem(input);
      const row: RubricItemTable = { id: newId(), rubricId: id, ...input, metric: input.scoring === 'computed' ? input.metric : null };
      await platform.transaction(who, async (trx, audit) => {
        await trx.insertInto('rubricItem').values(row).execute();
        await audit({ event: 'rubric.item.create', objectType: 'rubric', objectId: id, summary: `考核细则“${r.name}”新增评分项：${input.title}`, detail: { after: row } });
      });
      return this.get(actor, id);
    },
    async updateItem(actor: Actor, who: AuditActor, id: string, itemId: string, input: z.output<typeof rubricItemUpdate>) {
      const r = await editable(actor, id);
      const item = await db.selectFrom('rubricItem').selectAll().where('id', '=', itemId).where('rubricId', '=', id).executeTakeFirst();
      if (!item) throw new AppError('RUBRIC_NOT_FOUND', '评分项不存在');
      const next = { ...item, ...Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)) } as RubricItemTable;
      checkItem(next);
      const diff = changes(item as unknown as Record<string, unknown>, next as unknown as Record<string, unknown>);
      if (Object.keys(diff.after).length) {
        await platform.transaction(who, async (trx, audit) => {
          await trx.updateTable('rubricItem').set({ ...next, id: itemId }).where('id', '=', itemId).execute();
          await audit({ event: 'rubric.item.update', objectType: 'rubric', objectId: id, summary: `考核细则“${r.name}”修改评分项：${item.title}`, detail: diff });
        });
      }
      return this.get(actor, id);
    },
    async removeItem(actor: Actor, who: AuditActor, id: string, itemId: string) {
      const r = await editable(actor, id);
      const item = await db.selectFrom('rubricItem').selectAll().where('id', '=', itemId).where('rubricId', '=', id).executeTakeFirst();
      if (!item) throw new AppError('RUBRIC_NOT_FOUND', '评分项不存在');
      await platform.transaction(who, async (trx, audit) => {
        await trx.deleteFrom('rubricItem').where('id', '=', itemId).execute();
        await audit({ event: 'rubric.item.delete', objectType: 'rubric', objectId: id, summary: `考核细则“${r.name}”删除评分项：${item.title}`, detail: { before: item } });
      });
      return this.get(actor, id);
    },
  };
}

import type { z } from 'zod';
import type { creationTypeCreate, creationTypeUpdate } from '@gg/shared';
import type { Platform } from '../../platform/context.js';
import type { Actor } from '../../platform/authz/actor.js';
import type { AuditActor } from '../../platform/audit/audit.js';
import type { CreationCriterionTable, CreationTypeTable } from '../../platform/db/schema.js';
import { AppError } from '../../platform/errors.js';
import { creationRepository } from './repository.js';
import { presentType } from './presenter.js';
import { newId } from '../../platform/db/ids.js';

/** Configurable creation types (零犯罪学校, 零犯罪村（社区）, 四零社区, …) and their criteria checklists. */
export function createCreationTypeService(platform: Platform) {
  const repo = creationRepository(platform.db);

  async function load(id: string) {
    const t = await repo.type(id);
    if (!t) throw new AppError('CREATION_TYPE_NOT_FOUND');
    return t;
  }

  return {
    load,
    async list(actor: Actor) {
      const types = await repo.types(actor.permissions.has('creation:manage'));
      const criteria = await repo.criteriaOf(types.map((t) => t.id));
      return types.map((t) => presentType(actor, t, criteria));
    },
    async get(actor: Actor, id: string) {
      const t = await load(id);
      return presentType(actor, t, await repo.criteriaOf([id]));
    },
    async create(actor: Actor, who: AuditActor, input: z.output<typeof creationTypeCreate>) {
      if (await repo.codeTaken(input.code)) throw new AppError('CREATION_TYPE_CODE_TAKEN', undefined, [{ path: 'code', message: '创建类型编码已被使用' }]);
      const id = newId();
      const now = new Date().toISOString();
      await platform.transaction(who, async (trx, audit) => {
        const r = creationRepository(trx);
        await r.insertType({
          id, code: input.code, name: input.name, targetKinds: JSON.stringify([...new Set(input.targetKinds)]), validYears: input.validYears, passScore: input.passScore,
          description: input.description ?? null, status: 'active', createdAt: now, updatedAt: now,
        });
        await r.insertCriteria(input.criteria.map((c, i) => ({ id: newId(), typeId: id, title: c.title, scoring: c.scoring, maxPoints: c.scoring === 'points' ? c.maxPoints : 0, sortOrder: (i + 1) * 10, status: 'active' })));
        await audit({ event: 'creationType.create', objectType: 'creationType', objectId: id, summary: `新增创建类型：${input.name}（${input.criteria.length} 条标准）`, detail: { after: input } });
      });
      return this.get(actor, id);
    },
    async update(actor: Actor, who: AuditActor, id: string, input: z.output<typeof creationTypeUpdate>) {
      const t = await load(id);
      const patch: Partial<CreationTypeTable> = {
        ...(input.name !== undefined && { name: input.name }),
        ...(input.targetKinds !== undefined && { targetKinds: JSON.stringify([...new Set(input.targetKinds)]) }),
        ...(input.validYears !== undefined && { validYears: input.validYears }),
        ...(input.passScore !== undefined && { passScore: input.passScore }),
        ...('description' in input && { description: input.description ?? null }),
        ...(input.status !== undefined && { status: input.status }),
      };
      const current = await repo.criteriaOf([id]);
      if (input.criteria) {
        const known = new Set(current.map((c) => c.id));
        const bad = input.criteria.find((c) => c.id && !known.has(c.id));
        if (bad) throw new AppError('VALIDATION_FAILED', '标准不属于该创建类型', [{ path: 'criteria', message: '标准不属于该创建类型' }]);
      }
      await platform.transaction(who, async (trx, audit) => {
        const r = creationRepository(trx);
        await r.updateType(id, { ...patch, updatedAt: new Date().toISOString() });
        if (input.criteria) {
          const kept = new Set(input.criteria.filter((c) => c.id).map((c) => c.id));
          // Criteria are retired, never deleted: past checks still name them.
          for (const c of current) if (!kept.has(c.id)) await r.updateCriterion(c.id, { status: 'disabled' });
          const added: CreationCriterionTable[] = [];
          for (const [i, c] of input.criteria.entries()) {
            const values = { title: c.title, scoring: c.scoring, maxPoints: c.scoring === 'points' ? c.maxPoints : 0, sortOrder: (i + 1) * 10 };
            if (c.id) await r.updateCriterion(c.id, values);
            else added.push({ id: newId(), typeId: id, status: 'active', ...values });
          }
          await r.insertCriteria(added);
        }
        await audit({
          event: 'creationType.update', objectType: 'creationType', objectId: id, summary: `编辑创建类型：${t.name}`,
          detail: { before: { ...t, criteria: input.criteria ? current.map((c) => c.title) : undefined }, after: { ...patch, criteria: input.criteria?.map((c) => c.title) } },
        });
      });
      return this.get(actor, id);
    },
  };
}

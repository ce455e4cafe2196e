import type { z } from 'zod';
import { baseLevelLabels, type BaseLevel, type baseCreate, type baseListQuery, type baseUpdate, type EducationBase, type RecordStatus } from '@gg/shared';
import type { Platform } from '../../platform/context.js';
import type { Actor } from '../../platform/authz/actor.js';
import type { AuditActor } from '../../platform/audit/audit.js';
import { changes } from '../../platform/audit/audit.js';
import type { EducationBaseTable } from '../../platform/db/schema.js';
import { AppError } from '../../platform/errors.js';
import { activityTotalsBy } from '../activities/index.js';
import { baseRepository, type BaseRow } from './repository.js';
import { buildWorkbook } from '../../platform/files/excel.js';
import { baseLevelLabels as levelLabels } from '@gg/shared';
import { baseActions, basePolicy } from './policy.js';
import { newId } from '../../platform/db/ids.js';

export function createBaseService(platform: Platform) {
  const { db } = platform;
  const repo = baseRepository(db);

  async function load(id: string) {
    const row = await repo.find(id);
    if (!row) throw new AppError('BASE_NOT_FOUND');
    return row;
  }

  async function present(actor: Actor, rows: BaseRow[]): Promise<EducationBase[]> {
    const visits = new Map((await activityTotalsBy(db, actor, 'baseId', rows.map((r) => r.id))).map((t) => [t.key, t]));
    return rows.map((r) => ({
      id: r.id, name: r.name, orgUnitId: r.orgUnitId, orgUnitName: r.orgUnitName, level: r.level as BaseLevel, theme: r.theme, address: r.address, owner: r.owner,
      capacity: r.capacity, openingHours: r.openingHours, contactName: r.contactName, description: r.description, status: r.status as RecordStatus,
      activities: visits.get(r.id)?.activities ?? 0, visitors: visits.get(r.id)?.audience ?? 0, lastActivityDate: visits.get(r.id)?.lastDate ?? null,
      createdAt: r.createdAt, updatedAt: r.updatedAt, actions: baseActions(actor, r),
    }));
  }

  async function checkNode(id: string) {
    const node = await repo.orgUnit(id);
    if (!node || node.status !== 'active') throw new AppError('ORG_UNIT_NOT_FOUND', '所在组织不存在或已停用', [{ path: 'orgUnitId', message: '所在组织不存在或已停用' }]);
    return node;
  }

  return {
    async get(actor: Actor, id: string) {
      return (await present(actor, [await load(id)]))[0];
    },

    async list(actor: Actor, query: z.output<typeof baseListQuery>) {
      const underPath = query.orgUnitId ? (await checkNode(query.orgUnitId)).path : undefined;
      let items = await present(actor, await repo.list({ underPath, ...query }));
      if (query.sort) {
        const key = query.sort.replace(/^-/, '') as 'name' | 'level' | 'activities' | 'visitors';
        const dir = query.sort.startsWith('-') ? -1 : 1;
        items = [...items].sort((a, b) => (a[key] < b[key] ? -dir : a[key] > b[key] ? dir : 0));
      }
      const start = (query.page - 1) * query.pageSize;
      return { items: items.slice(start, start + query.pageSize), total: items.length, page: query.page, pageSize: query.pageSize };
    },

    /** The register with activities and visitors (the same filters and order as the list), audited. */
    async exportXlsx(actor: Actor, who: AuditActor, query: z.output<typeof baseListQuery>) {
      const { items } = await this.list(actor, { ...query, page: 1, pageSize: 100_000 });
      const filters: Record<string, string> = {};
      if (query.q) filters['名称'] = query.q;
      if (query.level) filters['级别'] = levelLabels[query.level];
      if (query.status) filters['状态'] = query.status === 'active' ? '启用' : '停用';
      if (query.orgUnitId) filters['所在组织'] = items[0]?.orgUnitName ?? query.orgUnitId;
      const buffer = await buildWorkbook({
        title: '教育基地名录',
        columns: [
          { header: '基地名称', width: 30, value: (r: EducationBase) => r.name },
          { header: '级别', value: (r) => levelLabels[r.level] },
          { header: '主题', width: 24, value: (r) => r.theme },
          { header: '所在组织', width: 18, value: (r) => r.orgUnitName },
          { header: '地址', width: 30, value: (r) => r.address },
          { header: '管理单位', width: 20, value: (r) => r.owner },
          { header: '可容纳（人）', type: 'count', value: (r) => r.capacity },
          { header: '开放时间', width: 20, value: (r) => r.openingHours },
          { header: '活动场次', type: 'count', total: true, value: (r) => r.activities },
          { header: '接待人数', type: 'count', total: true, value: (r) => r.visitors },
          { header: '最近活动', type: 'date', value: (r) => r.lastActivityDate },
          { header: '状态', value: (r) => (r.status === 'active' ? '启用' : '停用') },
        ],
        rows: items,
        filters,
        exportedBy: actor.displayName,
      });
      await platform.record(who, { event: 'base.export', objectType: 'base', summary: `导出教育基地 ${items.length} 个`, detail: { rows: items.length, filters } });
      return buffer;
    },

    async create(actor: Actor, who: AuditActor, input: z.output<typeof baseCreate>) {
      await checkNode(input.orgUnitId);
      if (await repo.nameTaken(input.name)) throw new AppError('BASE_NAME_TAKEN', undefined, [{ path: 'name', message: '已有同名教育基地' }]);
      const id = newId();
      const now = new Date().toISOString();
      await platform.transaction(who, async (trx, audit) => {
        await baseRepository(trx).insert({
          id, orgUnitId: input.orgUnitId, name: input.name, level: input.level, theme: input.theme, address: input.address ?? null, owner: input.owner ?? null,
          capacity: input.capacity ?? null, openingHours: input.openingHours ?? null, contactName: input.contactName ?? null, description: input.description ?? null,
          status: 'active', createdAt: now, updatedAt: now, createdBy: actor.userId,
        });
        await audit({ event: 'base.create', objectType: 'base', objectId: id, summary: `登记教育基地：${input.name}（${baseLevelLabels[input.level]}）`, detail: { after: input } });
      });
      return this.get(actor, id);
    },

    async update(actor: Actor, who: AuditActor, id: string, input: z.output<typeof baseUpdate>) {
      const row = await load(id);
      if (!basePolicy.update(actor, row)) throw new AppError('FORBIDDEN');
      if (input.orgUnitId) await checkNode(input.orgUnitId);
      if (input.name && (await repo.nameTaken(input.name, id))) throw new AppError('BASE_NAME_TAKEN', undefined, [{ path: 'name', message: '已有同名教育基地' }]);
      const patch: Partial<EducationBaseTable> = {};
      for (const key of ['name', 'orgUnitId', 'level', 'theme', 'status'] as const) if (input[key] !== undefined) (patch as Record<string, unknown>)[key] = input[key];
      for (const key of ['address', 'owner', 'capacity', 'openingHours', 'contactName', 'description'] as const) if (key in input) (patch as Record<string, unknown>)[key] = input[key] ?? null;
      const { orgUnitName: _n, ...before } = row;
      const diff = changes(before as unknown as Record<string, unknown>, patch);
      await platform.transaction(who, async (trx, audit) => {
        await baseRepository(trx).update(id, { ...patch, updatedAt: new Date().toISOString() });
        await audit({ event: 'base.update', objectType: 'base', objectId: id, summary: `编辑教育基地：${row.name}`, detail: diff });
      });
      return this.get(actor, id);
    },
  };
}

import type { z } from 'zod';
import type { Brand, brandCreate, brandListQuery, brandUpdate, RecordStatus } from '@gg/shared';
import type { Platform } from '../../platform/context.js';
import type { Actor } from '../../platform/authz/actor.js';
import { can } from '../../platform/authz/actor.js';
import type { AuditActor } from '../../platform/audit/audit.js';
import { changes } from '../../platform/audit/audit.js';
import type { Executor } from '../../platform/db/database.js';
import type { BrandTable } from '../../platform/db/schema.js';
import { AppError } from '../../platform/errors.js';
import { buildWorkbook } from '../../platform/files/excel.js';
import { activityRefs, checkActivities, resolveOwner } from '../targets/index.js';
import { newId } from '../../platform/db/ids.js';

type CreateInput = z.output<typeof brandCreate>;
type UpdateInput = z.output<typeof brandUpdate>;
type ListQuery = z.output<typeof brandListQuery>;
type BrandRow = BrandTable & { orgUnitName: string };

/** Brands are the county's showcase: every reader sees every brand; the office maintains them. */
export const brandPolicy = { update: (actor: Actor) => can(actor, 'brand:manage') };

function brandRepository(db: Executor) {
  return {
    base: () => db.selectFrom('brand').innerJoin('orgUnit', 'orgUnit.id', 'brand.orgUnitId').selectAll('brand').select('orgUnit.name as orgUnitName'),
    async units(ids: string[]) {
      if (!ids.length) return [];
      return db.selectFrom('brandMemberUnit').innerJoin('memberUnit', 'memberUnit.id', 'brandMemberUnit.memberUnitId').select(['brandMemberUnit.brandId', 'memberUnit.id', 'memberUnit.name']).where('brandMemberUnit.brandId', 'in', ids).orderBy('memberUnit.sortOrder').execute();
    },
    async activities(ids: string[]) {
      if (!ids.length) return [];
      return db.selectFrom('brandActivity').select(['brandId', 'activityId']).where('brandId', 'in', ids).execute();
    },
    async nameTaken(name: string, exceptId?: string) {
      let q = db.selectFrom('brand').select('id').where('name', '=', name);
      if (exceptId) q = q.where('id', '<>', exceptId);
      return Boolean(await q.executeTakeFirst());
    },
    async setLinks(id: string, memberUnitIds?: string[], activityIds?: string[]) {
      if (memberUnitIds) {
        await db.deleteFrom('brandMemberUnit').where('brandId', '=', id).execute();
        if (memberUnitIds.length) await db.insertInto('brandMemberUnit').values(memberUnitIds.map((memberUnitId) => ({ brandId: id, memberUnitId }))).execute();
      }
      if (activityIds) {
        await db.deleteFrom('brandActivity').where('brandId', '=', id).execute();
        if (activityIds.length) await db.insertInto('brandActivity').values(activityIds.map((activityId) => ({ brandId: id, activityId }))).execute();
      }
    },
  };
}

export function createBrandService(platform: Platform) {
  const { db } = platform;
  const repo = brandRepository(db);

  async function present(actor: Actor, rows: BrandRow[]): Promise<Brand[]> {
    const ids = rows.map((r) => r.id);
    const units = await repo.units(ids);
    const links = await repo.activities(ids);
    const refs = await activityRefs(db, links.map((l) => l.activityId));
    return rows.map((r) => {
      const acts = links.filter((l) => l.brandId === r.id).flatMap((l) => (refs.has(l.activityId) ? [refs.get(l.activityId)!] : [])).sort((a, b) => b.date.localeCompare(a.date));
      return {
        id: r.id, name: r.name, slogan: r.slogan, description: r.description, results: r.results, orgUnitId: r.orgUnitId, orgUnitName: r.orgUnitName,
        status: r.status as RecordStatus, memberUnits: units.filter((u) => u.brandId === r.id).map((u) => ({ id: u.id, name: u.name })),
        activities: acts, activityCount: acts.length, createdAt: r.createdAt, updatedAt: r.updatedAt, actions: brandPolicy.update(actor) ? ['update'] : [],
      };
    });
  }
  async function load(id: string): Promise<BrandRow> {
    const row = await repo.base().where('brand.id', '=', id).executeTakeFirst();
    if (!row) throw new AppError('BRAND_NOT_FOUND');
    return row;
  }
  async function checkUnits(ids: string[]) {
    const unique = [...new Set(ids)];
    if (!unique.length) return unique;
    const found = await db.selectFrom('memberUnit').select('id').where('id', 'in', unique).execute();
    if (found.length !== unique.length) throw new AppError('MEMBER_UNIT_NOT_FOUND');
    return unique;
  }
  const taken = () => new AppError('BRAND_NAME_TAKEN', undefined, [{ path: 'name', message: '已有同名工作品牌' }]);

  return {
    async get(actor: Actor, id: string) {
      return (await present(actor, [await load(id)]))[0];
    },
    async list(actor: Actor, q: ListQuery) {
      let query = repo.base();
      if (q.status) query = query.where('brand.status', '=', q.status);
      if (q.q) query = query.where('brand.name', 'like', `%${q.q.replace(/[%_\\]/g, '')}%`);
      const col = q.sort?.replace(/^-/, '') === 'createdAt' ? 'brand.createdAt' : 'brand.name';
      const rows = await query.orderBy(col, q.sort?.startsWith('-') ? 'desc' : 'asc').orderBy('brand.id').limit(q.pageSize).offset((q.page - 1) * q.pageSize).execute();
      let count = db.selectFrom('brand').select((eb) => eb.fn.countAll<number>().as('n'));
      if (q.status) count = count.where('brand.status', '=', q.status);
      if (q.q) count = count.where('brand.name', 'like', `%${q.q.replace(/[%_\\]/g, '')}%`);
      return { items: await present(actor, rows), total: Number((await count.executeTakeFirstOrThrow()).n), page: q.page, pageSize: q.pageSize };
    },
    async export(actor: Actor, who: AuditActor, q: Omit<ListQuery, 'page' | 'pageSize' | 'sort'>) {
      let query = repo.base();
      if (q.status) query = query.where('brand.status', '=', q.status);
      if (q.q) query = query.where('brand.name', 'like', `%${q.q.replace(/[%_\\]/g, '')}%`);
      const rows = await present(actor, await query.orderBy('brand.name').orderBy('brand.id').limit(5000).execute());
      const filters: Record<string, string> = {};
      if (q.status) filters['状态'] = q.status === 'active' ? '启用' : '停用';
      if (q.q) filters['品牌名称'] = q.q;
      const buffer = await buildWorkbook({
        title: '关心下一代工作品牌',
        sheetName: '工作品牌',
        columns: [
          { header: '品牌名称', width: 24, value: (r) => r.name },
          { header: '口号', width: 24, value: (r) => r.slogan },
          { header: '牵头组织', width: 18, value: (r) => r.orgUnitName },
          { header: '参与成员单位', width: 36, value: (r) => r.memberUnits.map((u) => u.name).join('、') },
          { header: '关联活动', type: 'count', value: (r) => r.activityCount, total: true },
          { header: '品牌简介', width: 50, value: (r) => r.description },
          { header: '工作成效', width: 50, value: (r) => r.results },
        ],
        rows,
        filters,
        exportedBy: actor.displayName,
      });
      await platform.record(who, { event: 'brand.export', objectType: 'brand', summary: `导出工作品牌 ${rows.length} 个`, detail: { rows: rows.length, filters } });
      return buffer;
    },
    async create(actor: Actor, who: AuditActor, input: CreateInput) {
      const owner = await resolveOwner(db, actor, { orgUnitId: input.orgUnitId });
      if (await repo.nameTaken(input.name)) throw taken();
      const units = await checkUnits(input.memberUnitIds);
      const acts = await checkActivities(db, actor, input.activityIds);
      const id = newId();
      const now = new Date().toISOString();
      await platform.transaction(who, async (trx, audit) => {
        await trx.insertInto('brand').values({ id, name: input.name, slogan: input.slogan ?? null, description: input.description, results: input.results ?? null, orgUnitId: owner.orgUnitId!, status: 'active', createdAt: now, updatedAt: now, createdBy: actor.userId }).execute();
        await brandRepository(trx).setLinks(id, units, acts.map((a) => a.id));
        await audit({ event: 'brand.create', objectType: 'brand', objectId: id, summary: `新建工作品牌：${input.name}`, detail: { after: { name: input.name, memberUnits: units.length, activities: acts.length } } });
      });
      return this.get(actor, id);
    },
    async update(actor: Actor, who: AuditActor, id: string, input: UpdateInput) {
      const row = await load(id);
      if (input.name !== undefined && input.name !== row.name && (await repo.nameTaken(input.name, id))) throw taken();
      const units = input.memberUnitIds ? await checkUnits(input.memberUnitIds) : undefined;
      const acts = input.activityIds ? (await checkActivities(db, actor, input.activityIds)).map((a) => a.id) : undefined;
      const patch: Partial<BrandTable> = {
        ...(input.name !== undefined && { name: input.name }),
        ...('slogan' in input && { slogan: input.slogan ?? null }),
        ...(input.description !== undefined && { description: input.description }),
        ...('results' in input && { results: input.results ?? null }),
        ...(input.status !== undefined && { status: input.status }),
      };
      const diff = changes(row as unknown as Record<string, unknown>, patch as Record<string, unknown>);
      if (units) (diff.after as Record<string, unknown>).memberUnits = units.length;
      if (acts) (diff.after as Record<string, unknown>).activities = acts.length;
      await platform.transaction(who, async (trx, audit) => {
        await trx.updateTable('brand').set({ ...patch, updatedAt: new Date().toISOString() }).where('id', '=', id).execute();
        await brandRepository(trx).setLinks(id, units, acts);
        await audit({ event: 'brand.update', objectType: 'brand', objectId: id, summary: `编辑工作品牌：${row.name}`, detail: diff });
      });
      return this.get(actor, id);
    },
  };
}

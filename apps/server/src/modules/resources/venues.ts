import type { z } from 'zod';
import { venueTypeLabels, type RecordStatus, type Venue, type venueCreate, type venueListQuery, type venueUpdate, type VenueType } from '@gg/shared';
import { sql } from 'kysely';
import type { Platform } from '../../platform/context.js';
import type { Actor } from '../../platform/authz/actor.js';
import type { AuditActor } from '../../platform/audit/audit.js';
import { changes } from '../../platform/audit/audit.js';
import { inOrgScope } from '../../platform/authz/scope.js';
import type { VenueTable } from '../../platform/db/schema.js';
import { AppError } from '../../platform/errors.js';
import { buildWorkbook } from '../../platform/files/excel.js';
import { activityRefs, checkActivities, resolveOwner } from '../targets/index.js';
import { resourceActions } from './policy.js';
import { newId } from '../../platform/db/ids.js';

type CreateInput = z.output<typeof venueCreate>;
type UpdateInput = z.output<typeof venueUpdate>;
type ListQuery = z.output<typeof venueListQuery>;
type VenueRow = VenueTable & { orgUnitName: string; useCount: number };

const sortColumns = { name: 'venue.name', createdAt: 'venue.createdAt' } as const;

const present = (actor: Actor, r: VenueRow): Venue => ({
  id: r.id, orgUnitId: r.orgUnitId, orgUnitName: r.orgUnitName, name: r.name, type: r.type as VenueType, address: r.address,
  areaSqm: r.areaSqm === null ? null : Number(r.areaSqm), facilities: r.facilities, openingHours: r.openingHours, status: r.status as RecordStatus,
  useCount: Number(r.useCount), createdAt: r.createdAt, updatedAt: r.updatedAt, actions: resourceActions(actor).filter((a) => a === 'update'),
});

/** 阵地: activity rooms, after-school tutoring stations, care stations, and the activities held there. */
export function createVenueService(platform: Platform) {
  const { db } = platform;
  const base = () =>
    db
      .selectFrom('venue')
      .innerJoin('orgUnit', 'orgUnit.id', 'venue.orgUnitId')
      .selectAll('venue')
      .select(['orgUnit.name as orgUnitName', sql<number>`(SELECT COUNT(*) FROM venue_use vu WHERE vu.venue_id = venue.id)`.as('useCount')]);
  const conditions = (actor: Actor, f: Partial<ListQuery>) => (eb: any) => {
    const list = [inOrgScope(eb, actor, 'venue.orgUnitId')];
    if (f.type) list.push(eb('venue.type', '=', f.type));
    if (f.orgUnitId) list.push(eb('venue.orgUnitId', '=', f.orgUnitId));
    if (f.status) list.push(eb('venue.status', '=', f.status));
    if (f.q) list.push(eb('venue.name', 'like', `%${f.q.replace(/[%_\\]/g, '')}%`));
    return eb.and(list);
  };
  async function load(actor: Actor, id: string): Promise<VenueRow> {
    const row = await base().where('venue.id', '=', id).where((eb) => inOrgScope(eb, actor, 'venue.orgUnitId')).executeTakeFirst();
    if (!row) throw new AppError('VENUE_NOT_FOUND');
    return row;
  }

  return {
    async get(actor: Actor, id: string) {
      const row = await load(actor, id);
      const uses = await db.selectFrom('venueUse').select('activityId').where('venueId', '=', id).execute();
      const refs = await activityRefs(db, uses.map((u) => u.activityId));
      return { ...present(actor, row), uses: [...refs.values()].sort((a, b) => b.date.localeCompare(a.date)) };
    },
    async list(actor: Actor, q: ListQuery) {
      const key = (q.sort?.replace(/^-/, '') ?? 'name') as keyof typeof sortColumns;
      const dir = q.sort?.startsWith('-') ? 'desc' : 'asc';
      const rows = await base().where(conditions(actor, q)).orderBy(sortColumns[key], dir).orderBy('venue.id').limit(q.pageSize).offset((q.page - 1) * q.pageSize).execute();
      const count = await db.selectFrom('venue').select((eb) => eb.fn.countAll<number>().as('n')).where(conditions(actor, q)).executeTakeFirstOrThrow();
      return { items: rows.map((r) => present(actor, r)), total: Number(count.n), page: q.page, pageSize: q.pageSize };
    },
    async create(actor: Actor, who: AuditActor, input: CreateInput) {
      const owner = await resolveOwner(db, actor, { orgUnitId: input.orgUnitId });
      const id = newId();
      const now = new Date().toISOString();
      await platform.transaction(who, async (trx, audit) => {
        await trx
          .insertInto('venue')
          .values({ id, orgUnitId: owner.orgUnitId!, name: input.name, type: input.type, address: input.address ?? null, areaSqm: input.areaSqm ?? null, facilities: input.facilities ?? null, openingHours: input.openingHours ?? null, status: 'active', createdAt: now, updatedAt: now, createdBy: actor.userId })
          .execute();
        await audit({ event: 'venue.create', objectType: 'venue', objectId: id, summary: `登记阵地：${input.name}（${venueTypeLabels[input.type]}，${owner.name}）`, detail: { after: { name: input.name, type: input.type, areaSqm: input.areaSqm ?? null } } });
      });
      return this.get(actor, id);
    },
    async update(actor: Actor, who: AuditActor, id: string, input: UpdateInput) {
      const row = await load(actor, id);
      const patch: Partial<VenueTable> = {
        ...(input.name !== undefined && { name: input.name }),
        ...(input.type !== undefined && { type: input.type }),
        ...('address' in input && { address: input.address ?? null }),
        ...('areaSqm' in input && { areaSqm: input.areaSqm ?? null }),
        ...('facilities' in input && { facilities: input.facilities ?? null }),
        ...('openingHours' in input && { openingHours: input.openingHours ?? null }),
        ...(input.status !== undefined && { status: input.status }),
      };
      const diff = changes(row as unknown as Record<string, unknown>, patch as Record<string, unknown>);
      if (!Object.keys(diff.after).length) return this.get(actor, id);
      await platform.transaction(who, async (trx, audit) => {
        await trx.updateTable('venue').set({ ...patch, updatedAt: new Date().toISOString() }).where('id', '=', id).execute();
        await audit({ event: 'venue.update', objectType: 'venue', objectId: id, summary: `编辑阵地：${row.name}`, detail: diff });
      });
      return this.get(actor, id);
    },
    async export(actor: Actor, who: AuditActor, q: Omit<ListQuery, 'page' | 'pageSize' | 'sort'>) {
      const rows = await base().where(conditions(actor, q)).orderBy('orgUnit.path').orderBy('venue.name').orderBy('venue.id').limit(20000).execute();
      const filters: Record<string, string> = {};
      if (q.type) filters['类型'] = venueTypeLabels[q.type];
      if (q.q) filters['名称'] = q.q;
      const buffer = await buildWorkbook({
        title: '关工委阵地',
        sheetName: '阵地',
        columns: [
          { header: '阵地名称', width: 26, value: (r) => r.name },
          { header: '类型', width: 14, value: (r) => venueTypeLabels[r.type as VenueType] },
          { header: '所属组织', width: 20, value: (r) => r.orgUnitName },
          { header: '地址', width: 30, value: (r) => r.address },
          { header: '面积（㎡）', type: 'count', value: (r) => (r.areaSqm === null ? null : Number(r.areaSqm)), total: true },
          { header: '设施', width: 30, value: (r) => r.facilities },
          { header: '开放时间', width: 20, value: (r) => r.openingHours },
          { header: '使用次数', type: 'count', value: (r) => Number(r.useCount), total: true },
          { header: '状态', value: (r) => (r.status === 'active' ? '启用' : '停用') },
        ],
        rows,
        filters,
        exportedBy: actor.displayName,
      });
      await platform.record(who, { event: 'venue.export', objectType: 'venue', summary: `导出阵地 ${rows.length} 个`, detail: { rows: rows.length, filters } });
      return buffer;
    },
    /** An activity held at the venue (阵地使用). */
    async recordUse(actor: Actor, who: AuditActor, id: string, activityId: string) {
      const row = await load(actor, id);
      const [activity] = await checkActivities(db, actor, [activityId]);
      const exists = await db.selectFrom('venueUse').select('venueId').where('venueId', '=', id).where('activityId', '=', activityId).executeTakeFirst();
      if (!exists) {
        await platform.transaction(who, async (trx, audit) => {
          await trx.insertInto('venueUse').values({ venueId: id, activityId, createdAt: new Date().toISOString() }).execute();
          await audit({ event: 'venue.use', objectType: 'venue', objectId: id, summary: `阵地使用：${row.name} — ${activity.title}（${activity.date}）`, detail: { activityId } });
        });
      }
      return this.get(actor, id);
    },
  };
}

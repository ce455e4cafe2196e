import type { z } from 'zod';
import { leadershipPostLabels, type CommitteeMember, type committeeMemberCreate, type committeeMemberListQuery, type committeeMemberUpdate, type LeadershipPost, type RecordStatus } from '@gg/shared';
import type { Platform } from '../../platform/context.js';
import type { Actor } from '../../platform/authz/actor.js';
import type { AuditActor } from '../../platform/audit/audit.js';
import { changes } from '../../platform/audit/audit.js';
import { inOrgScope } from '../../platform/authz/scope.js';
import type { CommitteeMemberTable } from '../../platform/db/schema.js';
import { AppError } from '../../platform/errors.js';
import { buildWorkbook } from '../../platform/files/excel.js';
import { resolveOwner } from '../targets/index.js';
import { resourceActions } from './policy.js';
import { newId } from '../../platform/db/ids.js';

type CreateInput = z.output<typeof committeeMemberCreate>;
type UpdateInput = z.output<typeof committeeMemberUpdate>;
type ListQuery = z.output<typeof committeeMemberListQuery>;
type Row = CommitteeMemberTable & { orgUnitName: string };

const present = (actor: Actor, r: Row): CommitteeMember => ({
  id: r.id, orgUnitId: r.orgUnitId, orgUnitName: r.orgUnitName, name: r.name, post: r.post as LeadershipPost, workTitle: r.workTitle,
  isElder: Boolean(r.isElder), since: r.since, status: r.status as RecordStatus, sortOrder: Number(r.sortOrder), actions: resourceActions(actor).filter((a) => a === 'update'),
});

/** 班子: the members and posts of each committee node. Names of office holders are public duty information, not personal data. */
export function createLeadershipService(platform: Platform) {
  const { db } = platform;
  const base = () => db.selectFrom('committeeMember').innerJoin('orgUnit', 'orgUnit.id', 'committeeMember.orgUnitId').selectAll('committeeMember').select('orgUnit.name as orgUnitName');
  const conditions = (actor: Actor, f: Partial<ListQuery>) => (eb: any) => {
    const list = [inOrgScope(eb, actor, 'committeeMember.orgUnitId')];
    if (f.orgUnitId) list.push(eb('committeeMember.orgUnitId', '=', f.orgUnitId));
    if (f.status) list.push(eb('committeeMember.status', '=', f.status));
    if (f.q) list.push(eb('committeeMember.name', 'like', `%${f.q.replace(/[%_\\]/g, '')}%`));
    return eb.and(list);
  };
  async function load(actor: Actor, id: string) {
    const row = await base().where('committeeMember.id', '=', id).where((eb) => inOrgScope(eb, actor, 'committeeMember.orgUnitId')).executeTakeFirst();
    if (!row) throw new AppError('COMMITTEE_MEMBER_NOT_FOUND');
    return row;
  }
  return {
    async list(actor: Actor, q: ListQuery) {
      const col = q.sort?.replace(/^-/, '') === 'name' ? 'committeeMember.name' : 'committeeMember.sortOrder';
      const dir = q.sort?.startsWith('-') ? 'desc' : 'asc';
      const rows = await base().where(conditions(actor, q)).orderBy('orgUnit.path').orderBy(col, dir).orderBy('committeeMember.id').limit(q.pageSize).offset((q.page - 1) * q.pageSize).execute();
      const count = await db.selectFrom('committeeMember').select((eb) => eb.fn.countAll<number>().as('n')).where(conditions(actor, q)).executeTakeFirstOrThrow();
      return { items: rows.map((r) => present(actor, r)), total: Number(count.n), page: q.page, pageSize: q.pageSize };
    },
    async export(actor: Actor, who: AuditActor, q: Omit<ListQuery, 'page' | 'pageSize' | 'sort'>) {
      const rows = await base().where(conditions(actor, q)).orderBy('orgUnit.path').orderBy('committeeMember.sortOrder').orderBy('committeeMember.id').limit(20000).execute();
      const filters: Record<string, string> = {};
      if (q.status) filters['状态'] = q.status === 'active' ? '在任' : '离任';
      if (q.q) filters['姓名'] = q.q;
      const buffer = await buildWorkbook({
        title: '关工委班子成员',
        sheetName: '班子成员',
        columns: [
          { header: '组织', width: 22, value: (r) => r.orgUnitName },
          { header: '姓名', width: 12, value: (r) => r.name },
          { header: '职务', width: 14, value: (r) => leadershipPostLabels[r.post as LeadershipPost] },
          { header: '工作单位及职务', width: 30, value: (r) => r.workTitle },
          { header: '是否五老', value: (r) => (r.isElder ? '是' : '否') },
          { header: '任职时间', type: 'date', width: 12, value: (r) => r.since },
          { header: '状态', value: (r) => (r.status === 'active' ? '在任' : '离任') },
        ],
        rows,
        filters,
        exportedBy: actor.displayName,
      });
      await platform.record(who, { event: 'committeeMember.export', objectType: 'committeeMember', summary: `导出关工委班子成员 ${rows.length} 人`, detail: { rows: rows.length, filters } });
      return buffer;
    },
    async create(actor: Actor, who: AuditActor, input: CreateInput) {
      const owner = await resolveOwner(db, actor, { orgUnitId: input.orgUnitId });
      const id = newId();
      const now = new Date().toISOString();
      await platform.transaction(who, async (trx, audit) => {
        await trx
          .insertInto('committeeMember')
          .values({ id, orgUnitId: owner.orgUnitId!, name: input.name, post: input.post, workTitle: input.workTitle ?? null, isElder: input.isElder ? 1 : 0, since: input.since ?? null, status: 'active', sortOrder: input.sortOrder, createdAt: now, updatedAt: now })
          .execute();
        await audit({ event: 'committeeMember.create', objectType: 'committeeMember', objectId: id, summary: `${owner.name}关工委班子：${input.name}任${leadershipPostLabels[input.post]}`, detail: { after: { post: input.post, isElder: input.isElder } } });
      });
      return present(actor, await load(actor, id));
    },
    async update(actor: Actor, who: AuditActor, id: string, input: UpdateInput) {
      const row = await load(actor, id);
      const patch: Partial<CommitteeMemberTable> = {
        ...(input.name !== undefined && { name: input.name }),
        ...(input.post !== undefined && { post: input.post }),
        ...('workTitle' in input && { workTitle: input.workTitle ?? null }),
        ...(input.isElder !== undefined && { isElder: input.isElder ? 1 : 0 }),
        ...('since' in input && { since: input.since ?? null }),
        ...(input.status !== undefined && { status: input.status }),
        ...(input.sortOrder !== undefined && { sortOrder: input.sortOrder }),
      };
      const diff = changes(row as unknown as Record<string, unknown>, patch as Record<string, unknown>);
      if (!Object.keys(diff.after).length) return present(actor, row);
      await platform.transaction(who, async (trx, audit) => {
        await trx.updateTable('committeeMember').set({ ...patch, updatedAt: new Date().toISOString() }).where('id', '=', id).execute();
        await audit({ event: 'committeeMember.update', objectType: 'committeeMember', objectId: id, summary: `调整关工委班子成员：${row.name}（${row.orgUnitName}）`, detail: diff });
      });
      return present(actor, await load(actor, id));
    },
  };
}

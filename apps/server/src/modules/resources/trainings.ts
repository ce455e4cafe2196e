import type { z } from 'zod';
import type { StaffTraining, staffTrainingCreate, staffTrainingListQuery } from '@gg/shared';
import type { Platform } from '../../platform/context.js';
import type { Actor } from '../../platform/authz/actor.js';
import type { AuditActor } from '../../platform/audit/audit.js';
import type { Executor } from '../../platform/db/database.js';
import type { StaffTrainingTable } from '../../platform/db/schema.js';
import { AppError } from '../../platform/errors.js';
import { buildWorkbook } from '../../platform/files/excel.js';
import { checkUploads, ownerNameSql, ownerVisible, resolveOwner } from '../targets/index.js';
import { resourceActions } from './policy.js';
import { newId } from '../../platform/db/ids.js';

type CreateInput = z.output<typeof staffTrainingCreate>;
type ListQuery = z.output<typeof staffTrainingListQuery>;
type Row = StaffTrainingTable & { ownerName: string };

const present = (actor: Actor, r: Row): StaffTraining => ({
  id: r.id, orgUnitId: r.orgUnitId, memberUnitId: r.memberUnitId, ownerName: r.ownerName, title: r.title, trainingDate: r.trainingDate, organizer: r.organizer,
  trainees: Number(r.trainees), hours: Number(r.hours), content: r.content, createdAt: r.createdAt, actions: resourceActions(actor).filter((a) => a === 'delete'),
});

/** Staff training for committee cadres (为关工委干部“充电赋能”): of an org node's committee or of a member unit. */
export function createTrainingService(platform: Platform) {
  const { db } = platform;
  const base = () => db.selectFrom('staffTraining').selectAll('staffTraining').select(ownerNameSql('staffTraining').as('ownerName'));
  const conditions = (actor: Actor, f: Partial<ListQuery>) => (eb: any) => {
    const list = [ownerVisible(eb, actor, 'staffTraining')];
    if (f.year) list.push(eb('staffTraining.trainingDate', '>=', `${f.year}-01-01`), eb('staffTraining.trainingDate', '<=', `${f.year}-12-31`));
    if (f.orgUnitId) list.push(eb('staffTraining.orgUnitId', '=', f.orgUnitId));
    if (f.memberUnitId) list.push(eb('staffTraining.memberUnitId', '=', f.memberUnitId));
    if (f.q) list.push(eb('staffTraining.title', 'like', `%${f.q.replace(/[%_\\]/g, '')}%`));
    return eb.and(list);
  };
  return {
    async list(actor: Actor, q: ListQuery) {
      const col = q.sort?.replace(/^-/, '') === 'title' ? 'staffTraining.title' : 'staffTraining.trainingDate';
      const dir = q.sort ? (q.sort.startsWith('-') ? 'desc' : 'asc') : 'desc';
      const rows = await base().where(conditions(actor, q)).orderBy(col, dir).orderBy('staffTraining.id').limit(q.pageSize).offset((q.page - 1) * q.pageSize).execute();
      const count = await db.selectFrom('staffTraining').select((eb) => eb.fn.countAll<number>().as('n')).where(conditions(actor, q)).executeTakeFirstOrThrow();
      return { items: rows.map((r) => present(actor, r)), total: Number(count.n), page: q.page, pageSize: q.pageSize };
    },
    async export(actor: Actor, who: AuditActor, q: Omit<ListQuery, 'page' | 'pageSize' | 'sort'>) {
      const rows = (await base().where(conditions(actor, q)).orderBy('staffTraining.trainingDate').orderBy('staffTraining.id').limit(20000).execute()) as Row[];
      const filters: Record<string, string> = {};
      if (q.year) filters['年度'] = String(q.year);
      if (q.q) filters['培训名称'] = q.q;
      const buffer = await buildWorkbook({
        title: `${q.year ? `${q.year}年` : ''}关工委干部培训`,
        sheetName: '干部培训',
        columns: [
          { header: '日期', type: 'date', width: 12, value: (r) => r.trainingDate },
          { header: '单位', width: 22, value: (r) => r.ownerName },
          { header: '培训名称', width: 30, value: (r) => r.title },
          { header: '主办', width: 18, value: (r) => r.organizer },
          { header: '参训人数', type: 'count', value: (r) => Number(r.trainees), total: true },
          { header: '学时', type: 'count', value: (r) => Number(r.hours), total: true },
          { header: '培训内容', width: 40, value: (r) => r.content },
        ],
        rows,
        filters,
        exportedBy: actor.displayName,
      });
      await platform.record(who, { event: 'staffTraining.export', objectType: 'staffTraining', summary: `导出干部培训记录 ${rows.length} 条`, detail: { rows: rows.length, filters } });
      return buffer;
    },
    async create(actor: Actor, who: AuditActor, input: CreateInput) {
      const owner = await resolveOwner(db, actor, input);
      await checkUploads(db, actor, input.uploadIds);
      const id = newId();
      const row: StaffTrainingTable = {
        id, orgUnitId: owner.orgUnitId, memberUnitId: owner.memberUnitId, title: input.title, trainingDate: input.trainingDate, organizer: input.organizer ?? null,
        trainees: input.trainees, hours: input.hours, content: input.content ?? null, uploadIds: JSON.stringify(input.uploadIds), createdAt: new Date().toISOString(), createdBy: actor.userId,
      };
      await platform.transaction(who, async (trx, audit) => {
        await trx.insertInto('staffTraining').values(row).execute();
        await audit({ event: 'staffTraining.create', objectType: 'staffTraining', objectId: id, summary: `登记干部培训：${input.title}（${owner.name}，${input.trainees}人）`, detail: { after: { trainingDate: input.trainingDate, trainees: input.trainees, hours: input.hours } } });
      });
      return present(actor, (await base().where('staffTraining.id', '=', id).executeTakeFirstOrThrow()) as Row);
    },
    async remove(actor: Actor, who: AuditActor, id: string) {
      const row = await base().where('staffTraining.id', '=', id).where((eb) => ownerVisible(eb, actor, 'staffTraining')).executeTakeFirst();
      if (!row) throw new AppError('STAFF_TRAINING_NOT_FOUND');
      await platform.transaction(who, async (trx, audit) => {
        await trx.deleteFrom('staffTraining').where('id', '=', id).execute();
        await audit({ event: 'staffTraining.delete', objectType: 'staffTraining', objectId: id, summary: `删除干部培训记录：${row.title}（${row.ownerName}）`, detail: { before: { title: row.title, trainingDate: row.trainingDate } } });
      });
      return { ok: true as const };
    },
  };
}

/** Trainings per owner (member unit or org node) in a year, for the assessment metric. */
export async function trainingCounts(db: Executor, ownerIds: string[], year: number): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  if (!ownerIds.length) return out;
  const rows = await db
    .selectFrom('staffTraining')
    .select(['memberUnitId', 'orgUnitId'])
    .where('trainingDate', '>=', `${year}-01-01`)
    .where('trainingDate', '<=', `${year}-12-31`)
    .where((eb) => eb.or([eb('memberUnitId', 'in', ownerIds), eb('orgUnitId', 'in', ownerIds)]))
    .execute();
  for (const r of rows) {
    const key = (r.memberUnitId ?? r.orgUnitId)!;
    out.set(key, (out.get(key) ?? 0) + 1);
  }
  return out;
}

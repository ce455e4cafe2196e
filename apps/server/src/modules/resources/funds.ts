import type { z } from 'zod';
import {
  fundDirectionLabels, fundSourceLabels, fundSources, type FundBalance, type FundDirection, type FundEntry, type fundEntryCreate, type fundEntryListQuery, type fundEntryUpdate, type FundSource,
} from '@gg/shared';
import type { Platform } from '../../platform/context.js';
import type { Actor } from '../../platform/authz/actor.js';
import type { AuditActor } from '../../platform/audit/audit.js';
import { changes } from '../../platform/audit/audit.js';
import { inOrgScope } from '../../platform/authz/scope.js';
import type { Executor } from '../../platform/db/database.js';
import type { FundEntryTable } from '../../platform/db/schema.js';
import { AppError } from '../../platform/errors.js';
import { buildWorkbook } from '../../platform/files/excel.js';
import { checkActivities, resolveOwner } from '../targets/index.js';
import { resourceActions } from './policy.js';
import { newId } from '../../platform/db/ids.js';

type CreateInput = z.output<typeof fundEntryCreate>;
type UpdateInput = z.output<typeof fundEntryUpdate>;
type ListQuery = z.output<typeof fundEntryListQuery>;
type FundRow = FundEntryTable & { orgUnitName: string; memberUnitName: string | null; activityTitle: string | null };

const sortColumns = { entryDate: 'fundEntry.entryDate', amountFen: 'fundEntry.amountFen', createdAt: 'fundEntry.createdAt' } as const;
const yuan = (fen: number) => `¥${(fen / 100).toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;

/** 经费台账: every amount in fen (integer); balances per node and year carry over from the years before. */
function fundRepository(db: Executor) {
  const base = () =>
    db
      .selectFrom('fundEntry')
      .innerJoin('orgUnit', 'orgUnit.id', 'fundEntry.orgUnitId')
      .leftJoin('memberUnit', 'memberUnit.id', 'fundEntry.memberUnitId')
      .leftJoin('activity', 'activity.id', 'fundEntry.activityId')
      .selectAll('fundEntry')
      .select(['orgUnit.name as orgUnitName', 'memberUnit.name as memberUnitName', 'activity.title as activityTitle']);
  const conditions = (actor: Actor, f: Omit<ListQuery, 'page' | 'pageSize' | 'sort'>) => (eb: any) => {
    const list = [inOrgScope(eb, actor, 'fundEntry.orgUnitId')];
    if (f.year) list.push(eb('fundEntry.year', '=', f.year));
    if (f.orgUnitId) list.push(eb('fundEntry.orgUnitId', '=', f.orgUnitId));
    if (f.direction) list.push(eb('fundEntry.direction', '=', f.direction));
    if (f.source) list.push(eb('fundEntry.source', '=', f.source));
    if (f.memberUnitId) list.push(eb('fundEntry.memberUnitId', '=', f.memberUnitId));
    if (f.q) list.push(eb.or([eb('fundEntry.project', 'like', `%${f.q.replace(/[%_\\]/g, '')}%`), eb('fundEntry.note', 'like', `%${f.q.replace(/[%_\\]/g, '')}%`)]));
    return eb.and(list);
  };
  return { base, conditions };
}

function present(actor: Actor, r: FundRow): FundEntry {
  return {
    id: r.id, orgUnitId: r.orgUnitId, orgUnitName: r.orgUnitName, year: Number(r.year), entryDate: r.entryDate, direction: r.direction as FundDirection,
    source: r.source as FundSource | null, project: r.project, memberUnitId: r.memberUnitId, memberUnitName: r.memberUnitName, activityId: r.activityId,
    activityTitle: r.activityTitle, amountFen: Number(r.amountFen), note: r.note, createdAt: r.createdAt, actions: resourceActions(actor),
  };
}

export function createFundService(platform: Platform) {
  const { db } = platform;
  const repo = fundRepository(db);

  async function load(actor: Actor, id: string): Promise<FundRow> {
    const row = await repo.base().where('fundEntry.id', '=', id).where((eb) => inOrgScope(eb, actor, 'fundEntry.orgUnitId')).executeTakeFirst();
    if (!row) throw new AppError('FUND_ENTRY_NOT_FOUND');
    return row;
  }
  async function checkRefs(actor: Actor, v: { memberUnitId?: string | null; activityId?: string | null }) {
    if (v.memberUnitId && !(await db.selectFrom('memberUnit').select('id').where('id', '=', v.memberUnitId).executeTakeFirst())) throw new AppError('MEMBER_UNIT_NOT_FOUND');
    if (v.activityId) await checkActivities(db, actor, [v.activityId]);
  }

  return {
    async get(actor: Actor, id: string) {
      return present(actor, await load(actor, id));
    },
    async list(actor: Actor, q: ListQuery) {
      const key = (q.sort?.replace(/^-/, '') ?? 'entryDate') as keyof typeof sortColumns;
      const dir = q.sort ? (q.sort.startsWith('-') ? 'desc' : 'asc') : 'desc';
      const rows = await repo.base().where(repo.conditions(actor, q)).orderBy(sortColumns[key], dir).orderBy('fundEntry.id').limit(q.pageSize).offset((q.page - 1) * q.pageSize).execute();
      const count = await db.selectFrom('fundEntry').select((eb) => eb.fn.countAll<number>().as('n')).where(repo.conditions(actor, q)).executeTakeFirstOrThrow();
      return { items: rows.map((r) => present(actor, r)), total: Number(count.n), page: q.page, pageSize: q.pageSize };
    },
    async create(actor: Actor, who: AuditActor, input: CreateInput) {
      const owner = await resolveOwner(db, actor, { orgUnitId: input.orgUnitId });
      await checkRefs(actor, input);
      const id = newId();
      const row: FundEntryTable = {
        id, orgUnitId: owner.orgUnitId!, year: Number(input.entryDate.slice(0, 4)), entryDate: input.entryDate, direction: input.direction,
        source: input.direction === 'income' ? (input.source ?? null) : null, project: input.direction === 'expense' ? (input.project ?? null) : (input.project ?? null),
        memberUnitId: input.memberUnitId ?? null, activityId: input.activityId ?? null, amountFen: input.amountFen, note: input.note ?? null,
        createdAt: new Date().toISOString(), createdBy: actor.userId,
      };
      await platform.transaction(who, async (trx, audit) => {
        await trx.insertInto('fundEntry').values(row).execute();
        await audit({
          event: 'fundEntry.create', objectType: 'fundEntry', objectId: id,
          summary: `${owner.name}经费${fundDirectionLabels[input.direction]}：${input.direction === 'income' ? fundSourceLabels[input.source!] : input.project} ${yuan(input.amountFen)}`,
          detail: { after: { direction: row.direction, source: row.source, project: row.project, amountFen: row.amountFen, entryDate: row.entryDate } },
        });
      });
      return this.get(actor, id);
    },
    async update(actor: Actor, who: AuditActor, id: string, input: UpdateInput) {
      const row = await load(actor, id);
      await checkRefs(actor, input);
      const patch: Partial<FundEntryTable> = {
        ...(input.entryDate !== undefined && { entryDate: input.entryDate, year: Number(input.entryDate.slice(0, 4)) }),
        ...('source' in input && row.direction === 'income' && input.source && { source: input.source }),
        ...('project' in input && { project: input.project ?? null }),
        ...('memberUnitId' in input && { memberUnitId: input.memberUnitId ?? null }),
        ...('activityId' in input && { activityId: input.activityId ?? null }),
        ...(input.amountFen !== undefined && { amountFen: input.amountFen }),
        ...('note' in input && { note: input.note ?? null }),
      };
      if (row.direction === 'expense' && 'project' in input && !input.project) throw new AppError('VALIDATION_FAILED', '支出须填写项目');
      const diff = changes(row as unknown as Record<string, unknown>, patch as Record<string, unknown>);
      if (!Object.keys(diff.after).length) return present(actor, row);
      await platform.transaction(who, async (trx, audit) => {
        await trx.updateTable('fundEntry').set(patch).where('id', '=', id).execute();
        await audit({ event: 'fundEntry.update', objectType: 'fundEntry', objectId: id, summary: `更正经费记录（${row.orgUnitName}，${row.entryDate}）`, detail: diff });
      });
      return this.get(actor, id);
    },
    async remove(actor: Actor, who: AuditActor, id: string) {
      const row = await load(actor, id);
      await platform.transaction(who, async (trx, audit) => {
        await trx.deleteFrom('fundEntry').where('id', '=', id).execute();
        await audit({ event: 'fundEntry.delete', objectType: 'fundEntry', objectId: id, summary: `删除经费记录（${row.orgUnitName}，${row.entryDate}，${yuan(Number(row.amountFen))}）`, detail: { before: { direction: row.direction, amountFen: Number(row.amountFen), entryDate: row.entryDate } } });
      });
      return { ok: true as const };
    },

    /** Per node in scope: the balance brought forward, income by source, spending, and the balance at year end. */
    async balances(actor: Actor, year: number, orgUnitId?: string): Promise<FundBalance> {
      let q = db
        .selectFrom('fundEntry')
        .innerJoin('orgUnit', 'orgUnit.id', 'fundEntry.orgUnitId')
        .select(['fundEntry.orgUnitId', 'orgUnit.name', 'fundEntry.direction', 'fundEntry.source', (eb) => eb.fn.sum<number>('fundEntry.amountFen').as('fen')])
        .select((eb) => eb.case().when('fundEntry.year', '<', year).then('before').else('this').end().as('period'))
        .where('fundEntry.year', '<=', year)
        .where((eb) => inOrgScope(eb, actor, 'fundEntry.orgUnitId'));
      if (orgUnitId) q = q.where('fundEntry.orgUnitId', '=', orgUnitId);
      const rows = await q.groupBy(['fundEntry.orgUnitId', 'orgUnit.name', 'fundEntry.direction', 'fundEntry.source', 'period']).execute();
      const byNode = new Map<string, FundBalance['rows'][number]>();
      for (const r of rows) {
        const b = byNode.get(r.orgUnitId) ?? { orgUnitId: r.orgUnitId, orgUnitName: r.name, openingFen: 0, incomeFen: 0, incomeBySource: Object.fromEntries(fundSources.map((s) => [s, 0])), expenseFen: 0, closingFen: 0 };
        const fen = Number(r.fen ?? 0);
        const sign = r.direction === 'income' ? 1 : -1;
        if (r.period === 'before') b.openingFen += sign * fen;
        else if (r.direction === 'income') {
          b.incomeFen += fen;
          if (r.source) b.incomeBySource[r.source] = (b.incomeBySource[r.source] ?? 0) + fen;
        } else b.expenseFen += fen;
        b.closingFen = b.openingFen + b.incomeFen - b.expenseFen;
        byNode.set(r.orgUnitId, b);
      }
      const list = [...byNode.values()].sort((a, b) => a.orgUnitName.localeCompare(b.orgUnitName, 'zh-CN'));
      const sum = (k: 'openingFen' | 'incomeFen' | 'expenseFen' | 'closingFen') => list.reduce((s, r) => s + r[k], 0);
      return { year, rows: list, totals: { openingFen: sum('openingFen'), incomeFen: sum('incomeFen'), expenseFen: sum('expenseFen'), closingFen: sum('closingFen') } };
    },

    async export(actor: Actor, who: AuditActor, q: Omit<ListQuery, 'page' | 'pageSize' | 'sort'>) {
      const rows = await repo.base().where(repo.conditions(actor, q)).orderBy('fundEntry.entryDate').orderBy('fundEntry.id').limit(20000).execute();
      const filters: Record<string, string> = {};
      if (q.year) filters['年度'] = String(q.year);
      if (q.direction) filters['收支'] = fundDirectionLabels[q.direction];
      if (q.source) filters['来源'] = fundSourceLabels[q.source];
      const buffer = await buildWorkbook({
        title: `${q.year ? `${q.year}年` : ''}关工委经费收支台账`,
        sheetName: '经费台账',
        columns: [
          { header: '日期', type: 'date', width: 12, value: (r) => r.entryDate },
          { header: '组织', width: 20, value: (r) => r.orgUnitName },
          { header: '收支', value: (r) => fundDirectionLabels[r.direction as FundDirection] },
          { header: '来源', width: 18, value: (r) => (r.source ? fundSourceLabels[r.source as FundSource] : null) },
          { header: '项目', width: 24, value: (r) => r.project },
          { header: '成员单位', width: 16, value: (r) => r.memberUnitName },
          { header: '关联活动', width: 24, value: (r) => r.activityTitle },
          { header: '收入（元）', type: 'money', value: (r) => (r.direction === 'income' ? Number(r.amountFen) / 100 : null), total: true },
          { header: '支出（元）', type: 'money', value: (r) => (r.direction === 'expense' ? Number(r.amountFen) / 100 : null), total: true },
          { header: '备注', width: 30, value: (r) => r.note },
        ],
        rows,
        filters,
        exportedBy: actor.displayName,
      });
      await platform.record(who, { event: 'fundEntry.export', objectType: 'fundEntry', summary: `导出经费台账 ${rows.length} 条`, detail: { rows: rows.length, filters } });
      return buffer;
    },
  };
}

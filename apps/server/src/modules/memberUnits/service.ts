import { maskPhone, recordStatusLabels, type memberUnitCreate, type memberUnitListQuery, type memberUnitUpdate } from '@gg/shared';
import type { z } from 'zod';
import type { Platform } from '../../platform/context.js';
import type { Actor } from '../../platform/authz/actor.js';
import type { AuditActor } from '../../platform/audit/audit.js';
import { changes } from '../../platform/audit/audit.js';
import { AppError } from '../../platform/errors.js';
import { buildWorkbook } from '../../platform/files/excel.js';
import type { MemberUnitTable } from '../../platform/db/schema.js';
import { memberUnitRepository, type MemberUnitRow } from './repository.js';
import { memberUnitPolicy } from './policy.js';
import { liaisonPhoneAad, presentMemberUnit } from './presenter.js';
import { newId } from '../../platform/db/ids.js';

type CreateInput = z.output<typeof memberUnitCreate>;
type UpdateInput = z.output<typeof memberUnitUpdate>;
type ListQuery = z.output<typeof memberUnitListQuery>;

const nameTaken = () => new AppError('MEMBER_UNIT_NAME_TAKEN', undefined, [{ path: 'name', message: '已有同名成员单位' }]);

export function createMemberUnitService(platform: Platform) {
  const { db, cipher } = platform;
  const repo = memberUnitRepository(db);

  async function load(actor: Actor, id: string): Promise<MemberUnitRow> {
    const row = await repo.findVisible(actor, id);
    if (!row) throw new AppError('MEMBER_UNIT_NOT_FOUND');
    return row;
  }

  /** Audit values never carry a full phone number. */
  const auditPhone = (v: string | null | undefined) => (v ? maskPhone(v) : null);

  return {
    async get(actor: Actor, id: string) {
      return presentMemberUnit(actor, await load(actor, id), cipher);
    },

    async list(actor: Actor, query: ListQuery) {
      const { rows, total } = await repo.list(actor, query, query);
      return { items: rows.map((r) => presentMemberUnit(actor, r, cipher)), total, page: query.page, pageSize: query.pageSize };
    },

    async create(actor: Actor, who: AuditActor, input: CreateInput) {
      if (await repo.nameTaken(input.name)) throw nameTaken();
      const id = newId();
      const now = new Date().toISOString();
      await platform.transaction(who, async (trx, audit) => {
        // Checked again inside the transaction: two offices saving the same name at once.
        if (await memberUnitRepository(trx).nameTaken(input.name)) throw nameTaken();
        await memberUnitRepository(trx).insert({
          id, name: input.name, shortName: input.shortName ?? null, duties: input.duties ?? null,
          liaisonName: input.liaisonName ?? null,
          liaisonPhoneEnc: input.liaisonPhone ? cipher.encrypt(input.liaisonPhone, liaisonPhoneAad(id)) : null,
          leaderName: input.leaderName ?? null, sortOrder: input.sortOrder, status: 'active', createdAt: now, updatedAt: now,
        });
        await audit({
          event: 'memberUnit.create', objectType: 'memberUnit', objectId: id, summary: `新增成员单位：${input.name}`,
          detail: { after: { ...input, liaisonPhone: auditPhone(input.liaisonPhone) } },
        });
      });
      return this.get(actor, id);
    },

    async update(actor: Actor, who: AuditActor, id: string, input: UpdateInput) {
      const row = await load(actor, id);
      if (!memberUnitPolicy.update(actor, row)) throw new AppError('FORBIDDEN');
      if (input.name !== undefined && input.name !== row.name && (await repo.nameTaken(input.name, id))) throw nameTaken();
      const patch: Partial<MemberUnitTable> = {
        ...(input.name !== undefined && { name: input.name }),
        ...('shortName' in input && { shortName: input.shortName ?? null }),
        ...('duties' in input && { duties: input.duties ?? null }),
        ...('liaisonName' in input && { liaisonName: input.liaisonName ?? null }),
        ...('leaderName' in input && { leaderName: input.leaderName ?? null }),
        ...(input.sortOrder !== undefined && { sortOrder: input.sortOrder }),
        ...(input.status !== undefined && { status: input.status }),
      };
      const diff = changes(row as unknown as Record<string, unknown>, patch as Record<string, unknown>);
      if ('liaisonPhone' in input) {
        const oldPhone = row.liaisonPhoneEnc ? cipher.decrypt(row.liaisonPhoneEnc, liaisonPhoneAad(id)) : null;
        const newPhone = input.liaisonPhone ?? null;
        if (oldPhone !== newPhone) {
          patch.liaisonPhoneEnc = newPhone ? cipher.encrypt(newPhone, liaisonPhoneAad(id)) : null;
          diff.before.liaisonPhone = auditPhone(oldPhone);
          diff.after.liaisonPhone = auditPhone(newPhone);
        }
      }
      if (Object.keys(diff.after).length === 0) return presentMemberUnit(actor, row, cipher);
      const statusChange = input.status !== undefined && input.status !== row.status;
      const event = statusChange && Object.keys(diff.after).length === 1 ? (input.status === 'disabled' ? 'memberUnit.disable' : 'memberUnit.enable') : 'memberUnit.update';
      await platform.transaction(who, async (trx, audit) => {
        if (patch.name !== undefined && (await memberUnitRepository(trx).nameTaken(patch.name, id))) throw nameTaken();
        await memberUnitRepository(trx).update(id, { ...patch, updatedAt: new Date().toISOString() });
        const verb = event === 'memberUnit.disable' ? '停用' : event === 'memberUnit.enable' ? '启用' : '编辑';
        await audit({ event, objectType: 'memberUnit', objectId: id, summary: `${verb}成员单位：${row.name}`, detail: diff });
      });
      return this.get(actor, id);
    },

    async export(actor: Actor, who: AuditActor, query: Omit<ListQuery, 'page' | 'pageSize'>) {
      const all: ReturnType<typeof presentMemberUnit>[] = [];
      for (let page = 1; ; page++) {
        const res = await this.list(actor, { ...query, page, pageSize: 100 });
        all.push(...res.items);
        if (all.length >= res.total || res.items.length === 0) break;
      }
      const filters: Record<string, string> = {};
      if (query.q) filters['名称'] = query.q;
      if (query.status) filters['状态'] = recordStatusLabels[query.status];
      const buffer = await buildWorkbook({
        title: '关工委成员单位一览表',
        columns: [
          { header: '单位名称', width: 28, value: (r) => r.name },
          { header: '简称', value: (r) => r.shortName },
          { header: '分管领导', value: (r) => r.leaderName },
          { header: '联络员', value: (r) => r.liaisonName },
          { header: '联系电话', type: 'text', width: 16, value: (r) => r.liaisonPhone },
          { header: '工作职责', width: 50, value: (r) => r.duties },
          { header: '账号数', type: 'count', value: (r) => r.userCount, total: true },
          { header: '排序', type: 'count', value: (r) => r.sortOrder },
          { header: '状态', value: (r) => recordStatusLabels[r.status] },
        ],
        rows: all,
        filters,
        exportedBy: actor.displayName,
      });
      await platform.record(who, { event: 'memberUnit.export', objectType: 'memberUnit', summary: `导出成员单位 ${all.length} 条`, detail: { rows: all.length, filters } });
      return buffer;
    },
  };
}

import { orgUnitChildKinds, orgUnitKindLabels, recordStatusLabels, type OrgUnitKind } from '@gg/shared';
import type { z } from 'zod';
import type { orgUnitCreate, orgUnitListQuery, orgUnitUpdate } from '@gg/shared';
import type { Platform } from '../../platform/context.js';
import type { Actor } from '../../platform/authz/actor.js';
import type { AuditActor } from '../../platform/audit/audit.js';
import { changes } from '../../platform/audit/audit.js';
import { AppError } from '../../platform/errors.js';
import { buildWorkbook } from '../../platform/files/excel.js';
import { orgUnitRepository, type OrgUnitRow } from './repository.js';
import { orgUnitPolicy } from './policy.js';
import { ancestorIds, contactPhoneAad, presentOrgUnit, presentTreeNode } from './presenter.js';
import { newId } from '../../platform/db/ids.js';

type CreateInput = z.output<typeof orgUnitCreate>;
type UpdateInput = z.output<typeof orgUnitUpdate>;
type ListQuery = z.output<typeof orgUnitListQuery>;

export function createOrgUnitService(platform: Platform) {
  const { db, cipher } = platform;
  const repo = orgUnitRepository(db);

  async function load(actor: Actor, id: string): Promise<OrgUnitRow> {
    const row = await repo.findInScope(actor, id);
    if (!row) throw new AppError('ORG_UNIT_NOT_FOUND');
    return row;
  }

  async function present(actor: Actor, rows: OrgUnitRow[]) {
    const names = await repo.namesByIds(rows.flatMap((r) => ancestorIds(r.path)));
    return rows.map((r) => presentOrgUnit(actor, r, names, cipher));
  }

  function requireAllowed(allowed: boolean) {
    if (!allowed) throw new AppError('FORBIDDEN');
  }

  return {
    async get(actor: Actor, id: string) {
      return (await present(actor, [await load(actor, id)]))[0];
    },

    async list(actor: Actor, query: ListQuery) {
      const underPath = query.under ? (await load(actor, query.under)).path : undefined;
      const { rows, total } = await repo.list(actor, { underPath, ...query }, query);
      return { items: await present(actor, rows), total, page: query.page, pageSize: query.pageSize };
    },

    async tree(actor: Actor, rootId: string | undefined, depth: number, includeDisabled: boolean) {
      const roots = rootId ? [await load(actor, rootId)] : await repo.scopeRoots(actor);
      const expand = async (row: OrgUnitRow, level: number): Promise<ReturnType<typeof presentTreeNode>> => {
        const node = presentTreeNode(row);
        if (level < depth && row.childCount > 0) {
          const children = await repo.childrenOf(actor, row.id, includeDisabled);
          node.children = await Promise.all(children.map((c) => expand(c, level + 1)));
        }
        return node;
      };
      return Promise.all(roots.map((r) => expand(r, 1)));
    },

    async create(actor: Actor, who: AuditActor, input: CreateInput) {
      const parent = await load(actor, input.parentId);
      requireAllowed(orgUnitPolicy.createChild(actor, parent) || (actor.permissions.has('orgUnit:create') && parent.status === 'active'));
      if (!orgUnitChildKinds[parent.kind as OrgUnitKind].includes(input.kind)) {
        throw new AppError('ORG_UNIT_LEVEL_INVALID', `${orgUnitKindLabels[parent.kind as OrgUnitKind]}下不能设立${orgUnitKindLabels[input.kind]}`, [
          { path: 'kind', message: '该类型不能放在所选上级之下' },
        ]);
      }
      if (await repo.siblingNameTaken(parent.id, input.name)) throw new AppError('ORG_UNIT_NAME_TAKEN', undefined, [{ path: 'name', message: '同一上级下已有同名组织' }]);
      const id = newId();
      const now = new Date().toISOString();
      await platform.transaction(who, async (trx, audit) => {
        await orgUnitRepository(trx).insert({
          id, parentId: parent.id, name: input.name, kind: input.kind, code: input.code ?? null,
          path: `${parent.path}${id}/`, depth: parent.depth + 1, status: 'active',
          contactName: input.contactName ?? null,
          contactPhoneEnc: input.contactPhone ? cipher.encrypt(input.contactPhone, contactPhoneAad(id)) : null,
          address: input.address ?? null, hasCommittee: input.hasCommittee ? 1 : 0, sortOrder: 0, createdAt: now, updatedAt: now,
        });
        await audit({ event: 'orgUnit.create', objectType: 'orgUnit', objectId: id, summary: `新增组织：${input.name}（${orgUnitKindLabels[input.kind]}）`, detail: { after: { ...input, contactPhone: input.contactPhone ? '***' : undefined } } });
      });
      return this.get(actor, id);
    },

    async update(actor: Actor, who: AuditActor, id: string, input: UpdateInput) {
      const row = await load(actor, id);
      requireAllowed(orgUnitPolicy.update(actor, row));
      if (input.name && row.parentId && (await repo.siblingNameTaken(row.parentId, input.name, id))) {
        throw new AppError('ORG_UNIT_NAME_TAKEN', undefined, [{ path: 'name', message: '同一上级下已有同名组织' }]);
      }
      const patch = {
        ...(input.name !== undefined && { name: input.name }),
        ...('code' in input && { code: input.code ?? null }),
        ...('contactName' in input && { contactName: input.contactName ?? null }),
        ...('address' in input && { address: input.address ?? null }),
        ...(input.hasCommittee !== undefined && { hasCommittee: input.hasCommittee ? 1 : 0 }),
        ...('contactPhone' in input && { contactPhoneEnc: input.contactPhone ? cipher.encrypt(input.contactPhone, contactPhoneAad(id)) : null }),
      };
      const diff = changes(row as unknown as Record<string, unknown>, patch);
      if ('contactPhoneEnc' in diff.after) {
        delete diff.after.contactPhoneEnc;
        delete diff.before.contactPhoneEnc;
        (diff.after as Record<string, unknown>).contactPhone = '（已修改）';
      }
      await platform.transaction(who, async (trx, audit) => {
        await orgUnitRepository(trx).update(id, { ...patch, updatedAt: new Date().toISOString() });
        await audit({ event: 'orgUnit.update', objectType: 'orgUnit', objectId: id, summary: `编辑组织：${row.name}`, detail: diff });
      });
      return this.get(actor, id);
    },

    async move(actor: Actor, who: AuditActor, id: string, parentId: string) {
      const row = await load(actor, id);
      if (row.parentId === null) throw new AppError('ORG_UNIT_ROOT');
      requireAllowed(orgUnitPolicy.move(actor, row));
      const parent = await load(actor, parentId);
      if (parent.path.startsWith(row.path)) throw new AppError('ORG_UNIT_MOVE_INVALID');
      if (!orgUnitChildKinds[parent.kind as OrgUnitKind].includes(row.kind as OrgUnitKind)) throw new AppError('ORG_UNIT_LEVEL_INVALID');
      if (await repo.siblingNameTaken(parent.id, row.name, id)) throw new AppError('ORG_UNIT_NAME_TAKEN');
      const newPath = `${parent.path}${row.id}/`;
      const oldParent = await repo.findById(row.parentId);
      await platform.transaction(who, async (trx, audit) => {
        const r = orgUnitRepository(trx);
        await r.update(id, { parentId: parent.id });
        await r.movePaths(row.path, newPath, parent.depth + 1 - row.depth);
        await audit({
          event: 'orgUnit.move', objectType: 'orgUnit', objectId: id, summary: `移动组织：${row.name} → ${parent.name}`,
          detail: { before: { parent: oldParent?.name, parentId: row.parentId }, after: { parent: parent.name, parentId: parent.id } },
        });
      });
      return this.get(actor, id);
    },

    async setStatus(actor: Actor, who: AuditActor, id: string, status: 'active' | 'disabled') {
      const row = await load(actor, id);
      if (row.parentId === null) throw new AppError('ORG_UNIT_ROOT');
      requireAllowed(status === 'disabled' ? orgUnitPolicy.disable(actor, row) : orgUnitPolicy.enable(actor, row));
      if (status === 'disabled' && (await repo.activeChildCount(id)) > 0) throw new AppError('ORG_UNIT_HAS_CHILDREN');
      if (status === 'active' && row.parentId) {
        const parent = await repo.findById(row.parentId);
        if (parent?.status !== 'active') throw new AppError('BAD_REQUEST', '上级组织已停用，请先启用上级组织');
      }
      await platform.transaction(who, async (trx, audit) => {
        await orgUnitRepository(trx).update(id, { status, updatedAt: new Date().toISOString() });
        await audit({
          event: status === 'disabled' ? 'orgUnit.disable' : 'orgUnit.enable', objectType: 'orgUnit', objectId: id,
          summary: `${status === 'disabled' ? '停用' : '启用'}组织：${row.name}`, detail: { before: { status: row.status }, after: { status } },
        });
      });
      return this.get(actor, id);
    },

    async export(actor: Actor, who: AuditActor, query: ListQuery) {
      const all: Awaited<ReturnType<typeof present>> = [];
      for (let page = 1; ; page++) {
        const res = await this.list(actor, { ...query, page, pageSize: 100 });
        all.push(...res.items);
        if (all.length >= res.total || res.items.length === 0) break;
      }
      const filters: Record<string, string> = {};
      if (query.q) filters['名称'] = query.q;
      if (query.kind) filters['类型'] = orgUnitKindLabels[query.kind];
      if (query.status) filters['状态'] = recordStatusLabels[query.status];
      const buffer = await buildWorkbook({
        title: '组织体系一览表',
        columns: [
          { header: '组织名称', width: 28, value: (r) => r.name },
          { header: '类型', value: (r) => orgUnitKindLabels[r.kind] },
          { header: '上级', width: 36, value: (r) => r.pathNames.slice(0, -1).join(' / ') },
          { header: '组织代码', type: 'text', value: (r) => r.code },
          { header: '联系人', value: (r) => r.contactName },
          { header: '联系电话', type: 'text', width: 16, value: (r) => r.contactPhone },
          { header: '设关工委', value: (r) => (r.hasCommittee ? '是' : '否') },
          { header: '下级数', type: 'count', value: (r) => r.childCount },
          { header: '状态', value: (r) => recordStatusLabels[r.status] },
        ],
        rows: all,
        filters,
        exportedBy: actor.displayName,
      });
      await platform.record(who, { event: 'orgUnit.export', objectType: 'orgUnit', summary: `导出组织 ${all.length} 条`, detail: { rows: all.length, filters } });
      return buffer;
    },
  };
}

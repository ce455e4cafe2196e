import {
  maskIdNumber,
  maskPhone,
  parseIdNumber,
  volunteerStatusLabels,
  type volunteerCreate,
  type volunteerListQuery,
  type volunteerUnmask,
  type volunteerUpdate,
  type VolunteerStatus,
} from '@gg/shared';
import type { z } from 'zod';
import type { Platform } from '../../platform/context.js';
import type { Actor } from '../../platform/authz/actor.js';
import type { AuditActor } from '../../platform/audit/audit.js';
import { changes } from '../../platform/audit/audit.js';
import type { Executor } from '../../platform/db/database.js';
import type { VolunteerTable } from '../../platform/db/schema.js';
import { AppError } from '../../platform/errors.js';
import { pinyinKeys } from '../../platform/text/pinyin.js';
import { orgUnitRepository } from '../orgUnits/repository.js';
import { orgNodes, volunteerRepository, type VolunteerFilter, type VolunteerRow } from './repository.js';
import { volunteerPolicy } from './policy.js';
import { volunteerSettingsStore } from './settings.js';
import { decryptVolunteer, idNumberAad, phoneAad, presentVolunteer, type OrgNames } from './presenter.js';
import { newId } from '../../platform/db/ids.js';

type CreateInput = z.output<typeof volunteerCreate>;
type UpdateInput = z.output<typeof volunteerUpdate>;
export type VolunteerListQuery = z.output<typeof volunteerListQuery>;

export const ID_NUMBER_BIDX_DOMAIN = 'volunteer:id_number';

/** Audit values never carry a full ID number or phone. */
const auditMasked = (input: { idNumber?: string | null; phone?: string | null }) => ({
  ...(input.idNumber !== undefined && { idNumber: input.idNumber ? maskIdNumber(input.idNumber) : null }),
  ...(input.phone !== undefined && { phone: input.phone ? maskPhone(input.phone) : null }),
});

/** Names of the nodes rows sit at and of their ancestors (for 所属组织 and 乡镇). */
export async function orgNamesFor(db: Executor, orgUnitIds: string[]): Promise<OrgNames> {
  const own = await orgNodes(db, orgUnitIds);
  const ancestors = [...own.values()].flatMap((n) => n.path.split('/').filter(Boolean));
  const all = await orgNodes(db, ancestors);
  for (const [id, n] of own) all.set(id, n);
  return all;
}

export function createVolunteerService(platform: Platform) {
  const { db, cipher } = platform;
  const repo = volunteerRepository(db);
  const orgRepo = orgUnitRepository(db);

  async function load(actor: Actor, id: string): Promise<VolunteerRow> {
    const row = await repo.findVisible(actor, id);
    if (!row) throw new AppError('VOLUNTEER_NOT_FOUND');
    return row;
  }

  async function present(actor: Actor, rows: VolunteerRow[], opts: { listed?: boolean } = {}) {
    const [nodes, { starHours }] = await Promise.all([orgNamesFor(db, rows.map((r) => r.orgUnitId)), volunteerSettingsStore.read(db)]);
    return rows.map((r) => presentVolunteer(actor, r, nodes, cipher, { starHours, listed: opts.listed }));
  }

  /** The org node a volunteer is registered at must be in the actor's scope and active. */
  async function placeAt(actor: Actor, orgUnitId: string) {
    const node = await orgRepo.findInScope(actor, orgUnitId);
    if (!node) throw new AppError('ORG_UNIT_NOT_FOUND', undefined, [{ path: 'orgUnitId', message: '所属组织不存在或不在您的管理范围内' }]);
    if (node.status !== 'active') throw new AppError('BAD_REQUEST', '所属组织已停用', [{ path: 'orgUnitId', message: '所属组织已停用' }]);
    return node;
  }

  async function checkDuplicate(exec: Executor, name: string, birthDate: string, bidx: string | null, exceptId?: string) {
    const r = volunteerRepository(exec);
    if (bidx && (await r.findByIdNumberBidx(bidx, exceptId))) {
      throw new AppError('VOLUNTEER_DUPLICATE', '该身份证号已登记为志愿者', [{ path: 'idNumber', message: '该身份证号已登记' }]);
    }
    if (await r.findByNameBirth(name, birthDate, bidx, exceptId)) {
      throw new AppError('VOLUNTEER_DUPLICATE', '已登记过同名且出生日期相同的志愿者', [{ path: 'name', message: '已有同名且出生日期相同的志愿者' }]);
    }
  }

  async function checkUser(userId: string | null | undefined, exceptId?: string) {
    if (!userId) return;
    if (!(await repo.userExists(userId))) throw new AppError('USER_NOT_FOUND', undefined, [{ path: 'userId', message: '账号不存在' }]);
    if (await repo.userLinkedElsewhere(userId, exceptId)) throw new AppError('VOLUNTEER_ACCOUNT_TAKEN', undefined, [{ path: 'userId', message: '该账号已关联其他志愿者' }]);
  }

  async function filterOf(actor: Actor, query: Omit<VolunteerListQuery, 'page' | 'pageSize' | 'sort'>): Promise<VolunteerFilter> {
    let underPath: string | undefined;
    if (query.orgUnitId) {
      const node = await orgRepo.findInScope(actor, query.orgUnitId);
      if (!node) throw new AppError('ORG_UNIT_NOT_FOUND');
      underPath = node.path;
    }
    const parsed = query.q ? parseIdNumber(query.q) : undefined;
    return { underPath, qIdNumberBidx: parsed?.ok ? cipher.blindIndex(parsed.value, ID_NUMBER_BIDX_DOMAIN) : undefined, ...query };
  }

  return {
    load,
    present,
    filterOf,

    async get(actor: Actor, id: string) {
      return (await present(actor, [await load(actor, id)]))[0];
    },

    /** The signed-in volunteer's own record (role 五老志愿者, scope self). */
    async me(actor: Actor) {
      const row = await repo.findByUser(actor.userId);
      if (!row) throw new AppError('VOLUNTEER_NOT_FOUND', '您的账号还没有关联志愿者档案，请联系所在乡镇关工委');
      return (await present(actor, [row]))[0];
    },

    async list(actor: Actor, query: VolunteerListQuery) {
      const { rows, total } = await repo.list(actor, await filterOf(actor, query), query);
      return { items: await present(actor, rows, { listed: true }), total, page: query.page, pageSize: query.pageSize };
    },

    /** Rows for an export, with plaintext personal fields for the presenter to mask (or not). */
    async listRows(actor: Actor, query: Omit<VolunteerListQuery, 'page' | 'pageSize'>) {
      const filter = await filterOf(actor, query);
      const all: VolunteerRow[] = [];
      for (let page = 1; ; page++) {
        const res = await repo.list(actor, filter, { page, pageSize: 500, sort: query.sort });
        all.push(...res.rows);
        if (all.length >= res.total || res.rows.length === 0) break;
      }
      return all;
    },

    async create(actor: Actor, who: AuditActor, input: CreateInput) {
      await placeAt(actor, input.orgUnitId);
      const parsed = input.idNumber ? parseIdNumber(input.idNumber) : undefined;
      const birthDate = parsed?.ok ? parsed.info.birthDate : input.birthDate!;
      const sex = parsed?.ok ? parsed.info.sex : input.sex!;
      const bidx = input.idNumber ? cipher.blindIndex(input.idNumber, ID_NUMBER_BIDX_DOMAIN) : null;
      await checkDuplicate(db, input.name, birthDate, bidx);
      await checkUser(input.userId);
      const id = newId();
      const now = new Date().toISOString();
      const keys = pinyinKeys(input.name);
      const row: VolunteerTable = {
        id, orgUnitId: input.orgUnitId, userId: input.userId ?? null, category: input.category, name: input.name,
        namePinyin: keys.full, nameInitials: keys.initials, sex, birthDate,
        idNumberEnc: input.idNumber ? cipher.encrypt(input.idNumber, idNumberAad(id)) : null, idNumberBidx: bidx,
        phoneEnc: input.phone ? cipher.encrypt(input.phone, phoneAad(id)) : null,
        formerPost: input.formerPost ?? null, formerUnit: input.formerUnit ?? null, politicalStatus: input.politicalStatus ?? null,
        health: input.health ?? null, availability: input.availability ?? null, committeePost: input.committeePost,
        joinDate: input.joinDate ?? null, status: 'active', remark: input.remark ?? null,
        createdAt: now, updatedAt: now, createdBy: actor.userId,
      };
      await platform.transaction(who, async (trx, audit) => {
        // Checked again inside the transaction: two officers registering the same person at once.
        await checkDuplicate(trx, input.name, birthDate, bidx);
        await volunteerRepository(trx).insert(row, input.specialties);
        await audit({
          event: 'volunteer.create', objectType: 'volunteer', objectId: id, summary: `登记志愿者：${input.name}`,
          detail: { after: { ...input, birthDate, sex, ...auditMasked(input) } },
        });
      });
      return this.get(actor, id);
    },

    async update(actor: Actor, who: AuditActor, id: string, input: UpdateInput) {
      const row = await load(actor, id);
      if (!volunteerPolicy.update(actor, row)) throw new AppError('FORBIDDEN');
      if (input.orgUnitId && input.orgUnitId !== row.orgUnitId) await placeAt(actor, input.orgUnitId);
      const plain = decryptVolunteer(row, cipher);
      const patch: Partial<VolunteerTable> = {
        ...(input.orgUnitId !== undefined && { orgUnitId: input.orgUnitId }),
        ...(input.userId !== undefined && { userId: input.userId }),
        ...(input.category !== undefined && { category: input.category }),
        ...(input.name !== undefined && { name: input.name, ...(({ full, initials }) => ({ namePinyin: full, nameInitials: initials }))(pinyinKeys(input.name)) }),
        ...(input.sex !== undefined && { sex: input.sex }),
        ...(input.birthDate !== undefined && { birthDate: input.birthDate }),
        ...('formerPost' in input && { formerPost: input.formerPost ?? null }),
        ...('formerUnit' in input && { formerUnit: input.formerUnit ?? null }),
        ...('politicalStatus' in input && { politicalStatus: input.politicalStatus ?? null }),
        ...('health' in input && { health: input.health ?? null }),
        ...('availability' in input && { availability: input.availability ?? null }),
        ...(input.committeePost !== undefined && { committeePost: input.committeePost }),
        ...('joinDate' in input && { joinDate: input.joinDate ?? null }),
        ...('remark' in input && { remark: input.remark ?? null }),
      };
      const diff = changes(row as unknown as Record<string, unknown>, patch as Record<string, unknown>);
      delete diff.before.namePinyin;
      delete diff.after.namePinyin;
      delete diff.before.nameInitials;
      delete diff.after.nameInitials;
      let bidx = row.idNumberBidx;
      if ('idNumber' in input && (input.idNumber ?? null) !== plain.idNumber) {
        const next = input.idNumber ?? null;
        if (next) {
          const parsed = parseIdNumber(next);
          if (parsed.ok) {
            if (input.birthDate && input.birthDate !== parsed.info.birthDate) throw new AppError('VALIDATION_FAILED', undefined, [{ path: 'birthDate', message: '出生日期与身份证号不一致' }]);
            patch.birthDate = parsed.info.birthDate;
            patch.sex = parsed.info.sex;
            for (const key of ['birthDate', 'sex'] as const) {
              if (patch[key] !== row[key]) {
                diff.before[key] = row[key];
                diff.after[key] = patch[key];
              }
            }
          }
        }
        bidx = next ? cipher.blindIndex(next, ID_NUMBER_BIDX_DOMAIN) : null;
        patch.idNumberEnc = next ? cipher.encrypt(next, idNumberAad(id)) : null;
        patch.idNumberBidx = bidx;
        Object.assign(diff.before, auditMasked({ idNumber: plain.idNumber }));
        Object.assign(diff.after, auditMasked({ idNumber: next }));
      }
      if ('phone' in input && (input.phone ?? null) !== plain.phone) {
        const next = input.phone ?? null;
        patch.phoneEnc = next ? cipher.encrypt(next, phoneAad(id)) : null;
        Object.assign(diff.before, auditMasked({ phone: plain.phone }));
        Object.assign(diff.after, auditMasked({ phone: next }));
      }
      const specialtiesChanged = input.specialties !== undefined && JSON.stringify([...input.specialties].sort()) !== JSON.stringify([...row.specialties].sort());
      if (specialtiesChanged) {
        diff.before.specialties = row.specialties;
        diff.after.specialties = input.specialties;
      }
      delete diff.before.idNumberEnc;
      delete diff.after.idNumberEnc;
      delete diff.before.idNumberBidx;
      delete diff.after.idNumberBidx;
      delete diff.before.phoneEnc;
      delete diff.after.phoneEnc;
      if (Object.keys(diff.after).length === 0) return (await present(actor, [row]))[0];
      if (input.userId && input.userId !== row.userId) await checkUser(input.userId, id);
      const name = patch.name ?? row.name;
      const birthDate = patch.birthDate ?? row.birthDate;
      const identityChanged = patch.name !== undefined || patch.birthDate !== undefined || patch.idNumberBidx !== undefined;
      if (identityChanged) await checkDuplicate(db, name, birthDate, bidx, id);
      await platform.transaction(who, async (trx, audit) => {
        if (identityChanged) await checkDuplicate(trx, name, birthDate, bidx, id);
        const r = volunteerRepository(trx);
        await r.update(id, { ...patch, updatedAt: new Date().toISOString() });
        if (specialtiesChanged) await r.replaceSpecialties(id, input.specialties!);
        await audit({ event: 'volunteer.update', objectType: 'volunteer', objectId: id, summary: `编辑志愿者：${row.name}`, detail: diff });
      });
      return this.get(actor, id);
    },

    async setStatus(actor: Actor, who: AuditActor, id: string, status: VolunteerStatus, reason: string) {
      const row = await load(actor, id);
      if (!volunteerPolicy.changeStatus(actor, row)) throw new AppError('FORBIDDEN');
      if (row.status === status) return (await present(actor, [row]))[0];
      await platform.transaction(who, async (trx, audit) => {
        await volunteerRepository(trx).update(id, { status, updatedAt: new Date().toISOString() });
        await audit({
          event: 'volunteer.status', objectType: 'volunteer', objectId: id,
          summary: `志愿者状态：${row.name} ${volunteerStatusLabels[row.status as VolunteerStatus]} → ${volunteerStatusLabels[status]}`,
          detail: { before: { status: row.status }, after: { status }, reason },
        });
      });
      return this.get(actor, id);
    },

    /** security.md B12: one field in full, for one volunteer, written to the audit trail. */
    async unmask(actor: Actor, who: AuditActor, id: string, input: z.output<typeof volunteerUnmask>) {
      const row = await load(actor, id);
      if (!volunteerPolicy.unmask(actor, row)) throw new AppError('FORBIDDEN');
      const value = decryptVolunteer(row, cipher)[input.field];
      await platform.record(who, {
        event: 'volunteer.unmask', objectType: 'volunteer', objectId: id,
        summary: `查看志愿者完整${input.field === 'idNumber' ? '身份证号' : '联系电话'}：${row.name}`,
        detail: { field: input.field, reason: input.reason ?? null },
      });
      return { field: input.field, value };
    },

    async teamsOf(actor: Actor, id: string) {
      await load(actor, id);
      return repo.teamsOf(id);
    },
  };
}

export type VolunteerService = ReturnType<typeof createVolunteerService>;

import type { z } from 'zod';
import {
  careCaseOffenceObjectType, consentIssue, normalizeIdNumber, parseIdNumber,
  type careCaseCreate, type careCaseDuplicateQuery, type careCaseListQuery, type careCaseUpdate, type CareCaseUnmaskField, type CareCaseOffenceInput,
} from '@gg/shared';
import type { Platform } from '../../platform/context.js';
import { pathInScope, type Actor } from '../../platform/authz/actor.js';
import { orgNodesById } from '../../platform/authz/orgNodes.js';
import type { AuditActor } from '../../platform/audit/audit.js';
import type { Executor } from '../../platform/db/database.js';
import type { CareCaseTable } from '../../platform/db/schema.js';
import { AppError } from '../../platform/errors.js';
import { pinyinKeys, isPinyinQuery } from '../../platform/text/pinyin.js';
import { sealedAccess } from '../../platform/sealed/sealedAccess.js';
import { careCaseRepository, idNumberDomain, type CareCaseRow, type CareCaseFilter } from './repository.js';
import { adjustCaseStats, caseStatSnapshot, keepCaseStats } from './caseStats.js';
import { careCasePolicy } from './policy.js';
import { auditName, caseSecretFields, caseSecrets, decryptField, encryptField, presentDetail, presentDuplicate, presentListItem } from './presenter.js';
import { caseMetrics } from './metrics.js';
import { newId } from '../../platform/db/ids.js';

type CreateInput = z.output<typeof careCaseCreate>;
type UpdateInput = z.output<typeof careCaseUpdate>;
export type ListQuery = z.output<typeof careCaseListQuery>;
type DuplicateQuery = z.output<typeof careCaseDuplicateQuery>;

export const offenceAad = (offenceId: string) => `care_case_offence:${offenceId}:details`;

export function requireAllowed(allowed: boolean) {
  if (!allowed) throw new AppError('FORBIDDEN');
}

const today = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);

/** Loading, listing and the person's record: create, edit, search-before-create, merge, unmask, sealed offence. */
export function createCareCaseService(platform: Platform) {
  const { db, cipher } = platform;
  const repo = careCaseRepository(db);

  async function load(actor: Actor, id: string, executor: Executor = db): Promise<CareCaseRow> {
    const row = await careCaseRepository(executor).findInScope(actor, id);
    if (!row) throw new AppError('CARE_CASE_NOT_FOUND');
    return row;
  }

  /** The filter of a list/export query: node subtree in scope, ID number via blind index, pinyin prefix. */
  async function filterOf(actor: Actor, query: Omit<ListQuery, 'page' | 'pageSize'>): Promise<CareCaseFilter> {
    let underPath: string | undefined;
    if (query.orgUnitId) {
      // From the kept org nodes (one query fewer on each list page); out of scope reads as not found, as before.
      const node = (await orgNodesById(db, [query.orgUnitId])).get(query.orgUnitId);
      if (!node || !pathInScope(actor.scope, node.id, node.path)) throw new AppError('ORG_UNIT_NOT_FOUND');
      underPath = node.path;
    }
    const q = query.q;
    let qIdBidx: string | undefined;
    let qPinyin: string | undefined;
    if (q && /^[\d\uff10-\uff19]{17}[\dXx\uff38\uff58]$/.test(q.replace(/\s+/g, ''))) {
      const parsed = parseIdNumber(q);
      qIdBidx = cipher.blindIndex(parsed.ok ? parsed.value : normalizeIdNumber(q), idNumberDomain);
    } else if (q && isPinyinQuery(q)) qPinyin = q.trim().toLowerCase();
    return { underPath, qIdBidx, qPinyin, ...query };
  }

  async function checkOrgUnit(actor: Actor, orgUnitId: string) {
    const node = await repo.orgUnitInScope(actor, orgUnitId);
    if (!node) throw new AppError('ORG_UNIT_NOT_FOUND', undefined, [{ path: 'orgUnitId', message: '归口单位不存在或不在您的管理范围内' }]);
    if (node.status !== 'active') throw new AppError('BAD_REQUEST', '所选归口单位已停用', [{ path: 'orgUnitId', message: '所选归口单位已停用' }]);
    return node;
  }

  /** The same ID number may not be registered twice: in scope → point at it; elsewhere → say so, nothing more. */
  async function guardDuplicate(actor: Actor, bidx: string, exceptId?: string) {
    const existing = (await careCaseRepository(db).byBidx([bidx])).get(bidx);
    if (!existing || existing.id === exceptId) return;
    if (await repo.findInScope(actor, existing.id)) {
      throw new AppError('CARE_CASE_DUPLICATE', undefined, [{ path: 'idNumber', message: `已有档案：${existing.id}` }]);
    }
    throw new AppError('CARE_CASE_DUPLICATE_ELSEWHERE', undefined, [{ path: 'idNumber', message: '该身份证号已在其他单位建档' }]);
  }

  /**
   * Build a new case row (create and import share it). The import passes the blind index its preview computed over
   * the same ID number (kept in the encrypted preview payload), so 10,000 rows are not hashed twice, and the tokens
   * of `caseSecrets` sealed on the seal thread (`sealed`, in `caseSecretFields` order).
   */
  function newCaseRow(
    actor: Actor, input: Omit<CreateInput, 'offence' | 'categories'> & { source?: string }, id: string, now: string, idNumberBidx?: string, sealed?: (string | null)[],
  ): CareCaseTable {
    const parsed = parseIdNumber(input.idNumber);
    if (!parsed.ok) throw new AppError('VALIDATION_FAILED', parsed.reason, [{ path: 'idNumber', message: parsed.reason }]);
    const keys = pinyinKeys(input.name);
    const enc = sealed ?? caseSecrets(input, parsed.value).map((v, i) => encryptField(cipher, id, caseSecretFields[i]!, v));
    return {
      id,
      orgUnitId: input.orgUnitId,
      name: input.name,
      namePinyin: keys.full,
      nameInitials: keys.initials,
      sex: parsed.info.sex,
      birthDate: parsed.info.birthDate,
      idNumberEnc: enc[0]!,
      idNumberBidx: idNumberBidx ?? cipher.blindIndex(parsed.value, idNumberDomain),
      politicalStatus: input.politicalStatus ?? null,
      phoneEnc: enc[1] ?? null,
      householdAddressEnc: enc[2] ?? null,
      currentAddressEnc: enc[3] ?? null,
      schoolOrWork: input.schoolOrWork ?? null,
      guardianName: input.guardianName ?? null,
      guardianRelation: input.guardianRelation ?? null,
      guardianPhoneEnc: enc[4] ?? null,
      contactsEnc: enc[5] ?? null,
      familySituationEnc: enc[6] ?? null,
      riskLevel: input.riskLevel,
      needsHelp: input.needsHelp ? 1 : 0,
      guardianConsent: input.guardianConsent ? 1 : 0,
      legalBasis: input.legalBasis ?? null,
      status: 'intake',
      intakeDate: input.intakeDate ?? today(),
      planAt: null,
      closedAt: null,
      outcome: null,
      outcomeNote: null,
      closureOutcome: null,
      closureNote: null,
      closureRequestedBy: null,
      closureRequestedAt: null,
      mergedIntoId: null,
      source: input.source ?? 'manual',
      createdBy: actor.userId,
      createdAt: now,
      updatedAt: now,
    };
  }

  async function writeOffence(trx: Executor, caseId: string, offence: CareCaseOffenceInput & { offenceDate?: string }, userId: string) {
    const now = new Date().toISOString();
    const existing = await trx.selectFrom('careCaseOffence').select('id').where('caseId', '=', caseId).executeTakeFirst();
    const id = existing?.id ?? newId();
    const detailsEnc = cipher.encrypt(JSON.stringify({ ...offence, updatedAt: now }), offenceAad(id));
    if (existing) await trx.updateTable('careCaseOffence').set({ detailsEnc, updatedAt: now, updatedBy: userId }).where('id', '=', id).execute();
    else await trx.insertInto('careCaseOffence').values({ id, caseId, detailsEnc, createdAt: now, updatedAt: now, updatedBy: userId }).execute();
  }

  const service = {
    load,
    filterOf,
    checkOrgUnit,
    newCaseRow,
    guardDuplicate,

    async list(actor: Actor, query: ListQuery) {
      const { rows, total } = await repo.list(actor, await filterOf(actor, query), query);
      return { items: rows.map((r) => presentListItem(actor, r)), total, page: query.page, pageSize: query.pageSize };
    },

    /** Opening a minor's record is logged (C17): one 'careCase.view' row per read of the detail. */
    async get(actor: Actor, who: AuditActor, id: string) {
      const row = await load(actor, id);
      const [metrics, names] = await Promise.all([caseMetrics(db, row), repo.namesOfUsers([row.closureRequestedBy])]);
      await platform.record(who, { event: 'careCase.view', objectType: 'careCase', objectId: id, summary: `查看帮扶对象档案：${auditName(row.name)}` });
      return presentDetail(actor, row, cipher, { requesterName: row.closureRequestedBy ? names.get(row.closureRequestedBy) ?? null : null, metrics });
    },

    /** Detail without a view row: for answers to the caller's own mutations. */
    async present(actor: Actor, id: string) {
      const row = await load(actor, id);
      const [metrics, names] = await Promise.all([caseMetrics(db, row), repo.namesOfUsers([row.closureRequestedBy])]);
      return presentDetail(actor, row, cipher, { requesterName: row.closureRequestedBy ? names.get(row.closureRequestedBy) ?? null : null, metrics });
    },

    async duplicates(actor: Actor, query: DuplicateQuery) {
      const idBidx = query.idNumber ? cipher.blindIndex(query.idNumber, idNumberDomain) : undefined;
      const birthDate = query.birthDate ?? (query.idNumber ? (parseIdNumber(query.idNumber) as { ok: true; info: { birthDate: string } }).info.birthDate : undefined);
      const pinyin = pinyinKeys(query.name).full;
      const rows = await repo.duplicates(actor, { idBidx, name: query.name, birthDate, pinyin });
      return rows
        .map((r) => {
          const matched: ('idNumber' | 'nameBirthDate' | 'pinyin')[] = [];
          if (idBidx && r.idNumberBidx === idBidx) matched.push('idNumber');
          if (birthDate && r.name === query.name && r.birthDate === birthDate) matched.push('nameBirthDate');
          if (r.namePinyin === pinyin) matched.push('pinyin');
          return presentDuplicate(r, matched);
        })
        .sort((a, b) => rank(b.matchedBy) - rank(a.matchedBy));
    },

    async create(actor: Actor, who: AuditActor, input: CreateInput) {
      const node = await checkOrgUnit(actor, input.orgUnitId);
      const id = newId();
      const now = new Date().toISOString();
      const row = newCaseRow(actor, input, id, now);
      await guardDuplicate(actor, row.idNumberBidx!);
      await platform.transaction(who, async (trx, audit) => {
        const r = careCaseRepository(trx);
        await keepCaseStats(trx, [id], () => r.insert(row, input.categories));
        await r.logStatus({ id: newId(), caseId: id, kind: 'created', fromStatus: null, toStatus: 'intake', note: null, at: now, byUserId: actor.userId });
        if (input.offence) await writeOffence(trx, id, input.offence, actor.userId);
        await audit({
          event: 'careCase.create', objectType: 'careCase', objectId: id, summary: `新建帮扶对象档案：${auditName(input.name)}（${node.name}）`,
          // Masked: no ID number, phone, address or narrative; and nothing that tells whether offence details were given.
          detail: { after: { name: auditName(input.name), categories: input.categories, orgUnitId: input.orgUnitId, riskLevel: input.riskLevel, sex: row.sex, birthYear: row.birthDate.slice(0, 4) } },
        });
      });
      return service.present(actor, id);
    },

    async update(actor: Actor, who: AuditActor, id: string, input: UpdateInput) {
      const row = await load(actor, id);
      requireAllowed(careCasePolicy.update(actor, row));
      if (input.orgUnitId && input.orgUnitId !== row.orgUnitId) await checkOrgUnit(actor, input.orgUnitId);
      const consent = consentIssue({
        idNumber: decryptField(cipher, row, 'idNumber') ?? undefined, intakeDate: row.intakeDate,
        guardianConsent: input.guardianConsent ?? Boolean(row.guardianConsent), legalBasis: 'legalBasis' in input ? input.legalBasis : row.legalBasis ?? undefined,
      });
      if (consent) throw new AppError('VALIDATION_FAILED', consent, [{ path: 'guardianConsent', message: consent }]);
      const patch: Partial<CareCaseTable> = {};
      const before: Record<string, unknown> = {};
      const after: Record<string, unknown> = {};
      const plain = ['orgUnitId', 'politicalStatus', 'schoolOrWork', 'guardianName', 'guardianRelation', 'riskLevel', 'legalBasis'] as const;
      for (const k of plain) {
        if (!(k in input) || (input[k] === undefined && (k === 'orgUnitId' || k === 'riskLevel'))) continue;
        const v = (input[k] ?? null) as string | null;
        if (v !== row[k]) {
          (patch as Record<string, unknown>)[k] = v;
          before[k] = k === 'guardianName' && row[k] ? auditName(row[k]) : row[k];
          after[k] = k === 'guardianName' && v ? auditName(v) : v;
        }
      }
      if (input.name !== undefined && input.name !== row.name) {
        const keys = pinyinKeys(input.name);
        Object.assign(patch, { name: input.name, namePinyin: keys.full, nameInitials: keys.initials });
        before.name = auditName(row.name);
        after.name = auditName(input.name);
      }
      for (const k of ['needsHelp', 'guardianConsent'] as const) {
        if (input[k] !== undefined && Number(input[k]) !== row[k]) {
          patch[k] = input[k] ? 1 : 0;
          before[k] = Boolean(row[k]);
          after[k] = input[k];
        }
      }
      for (const f of ['phone', 'householdAddress', 'currentAddress', 'guardianPhone', 'familySituation'] as const) {
        if (!(f in input)) continue;
        const v = input[f] ?? null;
        if (v !== decryptField(cipher, row, f)) {
          (patch as Record<string, unknown>)[`${f}Enc`] = encryptField(cipher, id, f, v);
          before[f] = '（已修改）';
          after[f] = v ? '（已修改）' : null;
        }
      }
      if (input.contacts !== undefined) {
        patch.contactsEnc = input.contacts.length ? encryptField(cipher, id, 'contacts', JSON.stringify(input.contacts)) : null;
        after.contacts = `${input.contacts.length} 人`;
      }
      const categoriesChanged = input.categories && [...input.categories].sort().join() !== [...row.categories].sort().join();
      if (categoriesChanged) {
        before.categories = row.categories;
        after.categories = input.categories;
      }
      if (!Object.keys(after).length) return service.present(actor, id);
      await platform.transaction(who, async (trx, audit) => {
        const r = careCaseRepository(trx);
        await keepCaseStats(trx, [id], async () => {
          await r.update(id, { ...patch, updatedAt: new Date().toISOString() });
          if (categoriesChanged) await r.setCategories(id, input.categories!);
        });
        await audit({ event: 'careCase.update', objectType: 'careCase', objectId: id, summary: `编辑帮扶对象档案：${auditName(row.name)}`, detail: { before, after } });
      });
      return service.present(actor, id);
    },

    /** Reveal one field in full; each reveal is its own audit row (B12). */
    async unmask(actor: Actor, who: AuditActor, id: string, field: CareCaseUnmaskField) {
      const row = await load(actor, id);
      requireAllowed(careCasePolicy.unmask(actor, row));
      const value = decryptField(cipher, row, field);
      await platform.record(who, { event: 'careCase.unmask', objectType: 'careCase', objectId: id, summary: `查看帮扶对象完整信息：${auditName(row.name)}（${field}）`, detail: { field } });
      return { field, value };
    },

    /**
     * Merge a duplicate (source) into this case (target): its categories, work, mentors, visits and help move
     * over; the source is marked merged and gives up its ID blind index. Both must be in scope.
     */
    async merge(actor: Actor, who: AuditActor, targetId: string, sourceId: string, reason: string) {
      const target = await load(actor, targetId);
      const source = await load(actor, sourceId);
      requireAllowed(careCasePolicy.merge(actor, target));
      if (source.id === target.id || source.status === 'merged' || target.status === 'merged' || source.anonymizedAt || target.anonymizedAt) throw new AppError('CARE_CASE_MERGE_INVALID');
      await platform.transaction(who, async (trx, audit) => {
        const r = careCaseRepository(trx);
        // Categories, screenings and help move to the target and the source leaves the summaries: both cases' share is taken again.
        const statsBefore = await caseStatSnapshot(trx, [targetId, sourceId]);
        await r.setCategories(targetId, [...new Set([...target.categories, ...source.categories])]);
        for (const table of ['careCaseScreening', 'careCaseNeed', 'careCaseGoal', 'careMentorship', 'careVisit', 'careAssistance', 'careCaseStatusChange'] as const) {
          await trx.updateTable(table).set({ caseId: targetId }).where('caseId', '=', sourceId).execute();
        }
        // Sealed details: re-encrypted under the target's record (the AAD binds them to their row).
        const src = await trx.selectFrom('careCaseOffence').selectAll().where('caseId', '=', sourceId).executeTakeFirst();
        if (src) {
          const dst = await trx.selectFrom('careCaseOffence').selectAll().where('caseId', '=', targetId).executeTakeFirst();
          if (!dst) await trx.updateTable('careCaseOffence').set({ caseId: targetId }).where('id', '=', src.id).execute();
          else {
            const a = JSON.parse(cipher.decrypt(dst.detailsEnc, offenceAad(dst.id))) as CareCaseOffenceInput;
            const b = JSON.parse(cipher.decrypt(src.detailsEnc, offenceAad(src.id))) as CareCaseOffenceInput;
            await trx.deleteFrom('careCaseOffence').where('id', '=', src.id).execute();
            await writeOffence(trx, targetId, { ...a, narrative: `${a.narrative}\n——（合并档案）——\n${b.narrative}`, disposition: [a.disposition, b.disposition].filter(Boolean).join('；') || undefined }, actor.userId);
          }
        }
        const now = new Date().toISOString();
        await r.update(sourceId, { status: 'merged', mergedIntoId: targetId, idNumberBidx: null, updatedAt: now });
        await r.update(targetId, { updatedAt: now });
        await adjustCaseStats(trx, statsBefore, await caseStatSnapshot(trx, [targetId, sourceId]));
        await r.logStatus({ id: newId(), caseId: targetId, kind: 'merged', fromStatus: null, toStatus: null, note: `合并重复档案（${auditName(source.name)}，${source.orgUnitName}）：${reason}`, at: now, byUserId: actor.userId });
        await audit({
          event: 'careCase.merge', objectType: 'careCase', objectId: targetId, summary: `合并帮扶对象档案：${auditName(source.name)} → ${auditName(target.name)}`,
          detail: { sourceId, targetId, reason },
        });
      });
      return service.present(actor, targetId);
    },

    // ---- sealed offence details (B15): readable only through an approved, unexpired grant ----

    async readOffence(actor: Actor, who: AuditActor, id: string) {
      const row = await load(actor, id);
      return platform.transaction(who, async (trx, audit) => {
        const grant = await sealedAccess.activeGrant(trx, actor, careCaseOffenceObjectType, row.id);
        // The same answer for every case without a grant, whether or not details exist.
        if (!grant) throw new AppError('SEALED_GRANT_REQUIRED');
        await sealedAccess.logView(audit, grant, { field: 'offence', summary: `查阅帮扶对象封存的违法犯罪记录：${auditName(row.name)}` });
        const off = await trx.selectFrom('careCaseOffence').selectAll().where('caseId', '=', row.id).executeTakeFirst();
        if (!off) return { offence: null, grantExpiresAt: grant.expiresAt };
        const d = JSON.parse(cipher.decrypt(off.detailsEnc, offenceAad(off.id))) as CareCaseOffenceInput;
        return { offence: { offenceDate: d.offenceDate ?? null, narrative: d.narrative, disposition: d.disposition ?? null, updatedAt: off.updatedAt }, grantExpiresAt: grant.expiresAt };
      });
    },

    async writeOffence(actor: Actor, who: AuditActor, id: string, input: CareCaseOffenceInput) {
      const row = await load(actor, id);
      requireAllowed(careCasePolicy.recordWork(actor, row));
      await platform.transaction(who, async (trx, audit) => {
        const grant = await sealedAccess.activeGrant(trx, actor, careCaseOffenceObjectType, row.id);
        if (!grant) throw new AppError('SEALED_GRANT_REQUIRED');
        await writeOffence(trx, row.id, input, actor.userId);
        await audit({ event: 'sealed.update', objectType: careCaseOffenceObjectType, objectId: row.id, summary: `修改帮扶对象封存的违法犯罪记录：${auditName(row.name)}`, detail: { requestId: grant.requestId } });
      });
      return service.readOffence(actor, who, id);
    },
  };
  return service;
}

function rank(m: string[]) {
  return (m.includes('idNumber') ? 4 : 0) + (m.includes('nameBirthDate') ? 2 : 0) + (m.includes('pinyin') ? 1 : 0);
}


import type { z } from 'zod';
import {
  dataRequestKindLabels, dataRequestRelationLabels, dataRequestStatusLabels,
  type DataRequest, type DataRequestKind, type DataRequestRelation, type DataRequestStatus,
  type dataRequestCreate, type dataRequestDecision, type dataRequestDone, type dataRequestExportQuery, type dataRequestListQuery,
} from '@gg/shared';
import type { Platform } from '../../platform/context.js';
import { can, type Actor } from '../../platform/authz/actor.js';
import type { AuditActor } from '../../platform/audit/audit.js';
import type { Executor } from '../../platform/db/database.js';
import { inOrgScope } from '../../platform/authz/scope.js';
import { AppError } from '../../platform/errors.js';
import { buildWorkbook } from '../../platform/files/excel.js';
import type { JobDefinition } from '../../platform/jobs/jobs.js';
import { visitAad } from './caseWork.js';
import { loadCareCaseSettings } from './mentoring.js';
import { auditName } from './presenter.js';
import type { createCareCaseService } from './service.js';
import { newId } from '../../platform/db/ids.js';

/** What an anonymised record shows instead of a name or a narrative. */
export const ANONYMIZED = '（已匿名）';
const SYSTEM: AuditActor = { userId: null, username: 'system', orgUnitId: null, ip: null };
const RUN_LIMIT = 500;

/**
 * Erase a case's identity and narratives, keeping what statistics need (security.md D24): sex, birth year,
 * categories, org unit, risk level, status and dates, outcome, mentor pairs and visit dates/modes, the money
 * ledger. Runs inside the caller's transaction; the caller writes the audit row.
 */
export async function anonymizeCase(trx: Executor, platform: Platform, c: { id: string; birthDate: string }, now: string) {
  const { cipher } = platform;
  await trx.updateTable('careCase').set({
    name: ANONYMIZED, namePinyin: '', nameInitials: '', birthDate: `${c.birthDate.slice(0, 4)}-01-01`,
    idNumberEnc: '', idNumberBidx: null, phoneEnc: null, householdAddressEnc: null, currentAddressEnc: null, guardianPhoneEnc: null,
    contactsEnc: null, familySituationEnc: null, schoolOrWork: null, guardianName: null, guardianRelation: null,
    outcomeNote: null, closureNote: null, anonymizedAt: now, updatedAt: now,
  }).where('id', '=', c.id).execute();
  await trx.deleteFrom('careCaseOffence').where('caseId', '=', c.id).execute();
  await trx.updateTable('careCaseScreening').set({ descriptionEnc: null, handlingEnc: null }).where('caseId', '=', c.id).execute();
  await trx.updateTable('careCaseNeed').set({ description: ANONYMIZED }).where('caseId', '=', c.id).execute();
  await trx.updateTable('careCaseGoal').set({ goal: ANONYMIZED }).where('caseId', '=', c.id).execute();
  await trx.updateTable('careCaseStatusChange').set({ note: null }).where('caseId', '=', c.id).execute();
  await trx.updateTable('careAssistance').set({ note: null }).where('caseId', '=', c.id).execute();
  const visits = await trx.selectFrom('careVisit').select('id').where('caseId', '=', c.id).execute();
  for (const v of visits) {
    await trx.updateTable('careVisit').set({ contentEnc: cipher.encrypt(ANONYMIZED, visitAad(v.id)), photoUploadIds: '[]' }).where('id', '=', v.id).execute();
  }
  return { visits: visits.length };
}

/** The closure date before which a closed case is due for anonymisation. */
export function retentionCutoff(years: number, now = new Date()): string {
  const d = new Date(now);
  d.setUTCFullYear(d.getUTCFullYear() - years);
  return d.toISOString();
}

/** Daily job: closed cases past the retention period are anonymised, one transaction and audit row each. */
export function careCaseRetentionJob(): JobDefinition {
  return {
    name: 'careCaseRetention',
    label: '关爱帮扶档案到期匿名化',
    intervalSeconds: 24 * 3600,
    async run(platform) {
      const { retentionYears } = await loadCareCaseSettings(platform.db);
      const years = retentionYears ?? 5;
      const cutoff = retentionCutoff(years);
      const due = await platform.db
        .selectFrom('careCase')
        .select(['id', 'name', 'birthDate', 'closedAt', 'orgUnitId'])
        .where('status', '=', 'closed')
        .where('anonymizedAt', 'is', null)
        .where('closedAt', 'is not', null)
        .where('closedAt', '<', cutoff)
        .orderBy('closedAt')
        .limit(RUN_LIMIT)
        .execute();
      for (const c of due) {
        await platform.transaction(SYSTEM, async (trx, audit) => {
          const now = new Date().toISOString();
          await anonymizeCase(trx, platform, c, now);
          await audit({
            event: 'careCase.anonymize', objectType: 'careCase', objectId: c.id,
            summary: `档案结案满 ${years} 年，已匿名化：${auditName(c.name)}`,
            detail: { closedAt: c.closedAt, retentionYears: years, reason: 'retention' },
          });
        });
      }
      return `匿名化结案满 ${years} 年的帮扶对象档案 ${due.length} 份`;
    },
  };
}

type CreateInput = z.output<typeof dataRequestCreate>;
type ListQuery = z.output<typeof dataRequestListQuery>;
type ExportQuery = z.output<typeof dataRequestExportQuery>;
const aad = (id: string, field: 'requesterName' | 'details') => `care_data_request:${id}:${field}`;
const sortColumns = { receivedOn: 'careDataRequest.receivedOn', status: 'careDataRequest.status', kind: 'careDataRequest.kind', updatedAt: 'careDataRequest.updatedAt' } as const;

/** 个人信息请求登记: requests to view, correct or delete a young person's data; scope follows the case. */
export function createDataRequestService(platform: Platform, cases: ReturnType<typeof createCareCaseService>) {
  const { db, cipher } = platform;

  const base = (actor: Actor) =>
    db
      .selectFrom('careDataRequest')
      .innerJoin('careCase', 'careCase.id', 'careDataRequest.caseId')
      .innerJoin('orgUnit', 'orgUnit.id', 'careDataRequest.orgUnitId')
      .leftJoin('appUser as decider', 'decider.id', 'careDataRequest.decidedBy')
      .leftJoin('appUser as creator', 'creator.id', 'careDataRequest.createdBy')
      .selectAll('careDataRequest')
      .select(['careCase.name as caseName', 'orgUnit.name as orgUnitName', 'decider.displayName as decidedByName', 'creator.displayName as createdByName'])
      .where((eb) => inOrgScope(eb, actor, 'careDataRequest.orgUnitId'));
  type Row = Awaited<ReturnType<ReturnType<typeof base>['execute']>>[number];

  const present = (actor: Actor, r: Row): DataRequest => ({
    id: r.id, caseId: r.caseId, caseName: r.caseName, orgUnitName: r.orgUnitName, kind: r.kind as DataRequestKind,
    requesterName: cipher.decrypt(r.requesterNameEnc, aad(r.id, 'requesterName')), requesterRelation: r.requesterRelation as DataRequestRelation,
    receivedOn: r.receivedOn, details: cipher.decrypt(r.detailsEnc, aad(r.id, 'details')), status: r.status as DataRequestStatus,
    decisionNote: r.decisionNote, decidedByName: r.decidedByName ?? null, decidedAt: r.decidedAt, doneOn: r.doneOn, doneNote: r.doneNote,
    createdByName: r.createdByName ?? null, createdAt: r.createdAt,
    actions: can(actor, 'careCase:dataRequest') ? (r.status === 'received' ? ['decide'] : r.status === 'approved' ? ['done'] : []) : [],
  });

  async function load(actor: Actor, id: string, executor: Executor = db) {
    void executor;
    const row = await base(actor).where('careDataRequest.id', '=', id).executeTakeFirst();
    if (!row) throw new AppError('CARE_DATA_REQUEST_NOT_FOUND');
    return row;
  }

  function filtered(actor: Actor, q: Omit<ListQuery, 'page' | 'pageSize'>) {
    let query = base(actor);
    if (q.kind) query = query.where('careDataRequest.kind', '=', q.kind);
    if (q.status) query = query.where('careDataRequest.status', '=', q.status);
    if (q.caseId) query = query.where('careDataRequest.caseId', '=', q.caseId);
    if (q.receivedFrom) query = query.where('careDataRequest.receivedOn', '>=', q.receivedFrom);
    if (q.receivedTo) query = query.where('careDataRequest.receivedOn', '<=', q.receivedTo);
    if (q.q) query = query.where('careCase.name', 'like', `%${q.q.replace(/[%_\\]/g, '')}%`);
    const key = (q.sort?.replace(/^-/, '') ?? 'receivedOn') as keyof typeof sortColumns;
    const dir = q.sort ? (q.sort.startsWith('-') ? 'desc' : 'asc') : 'desc';
    return query.orderBy(sortColumns[key], dir).orderBy('careDataRequest.id');
  }

  const service = {
    async list(actor: Actor, q: ListQuery) {
      const all = filtered(actor, q);
      const total = (await all.execute()).length;
      const rows = await all.limit(q.pageSize).offset((q.page - 1) * q.pageSize).execute();
      return { items: rows.map((r) => present(actor, r)), total, page: q.page, pageSize: q.pageSize };
    },

    async create(actor: Actor, who: AuditActor, input: CreateInput) {
      const c = await cases.load(actor, input.caseId);
      if (c.status === 'merged') throw new AppError('CARE_CASE_NOT_FOUND');
      const id = newId();
      const now = new Date().toISOString();
      await platform.transaction(who, async (trx, audit) => {
        await trx.insertInto('careDataRequest').values({
          id, caseId: c.id, orgUnitId: c.orgUnitId, kind: input.kind, requesterNameEnc: cipher.encrypt(input.requesterName, aad(id, 'requesterName')),
          requesterRelation: input.requesterRelation, receivedOn: input.receivedOn, detailsEnc: cipher.encrypt(input.details, aad(id, 'details')),
          status: 'received', decisionNote: null, decidedBy: null, decidedAt: null, doneOn: null, doneNote: null, createdBy: actor.userId, createdAt: now, updatedAt: now,
        }).execute();
        await audit({
          event: 'careCase.dataRequest', objectType: 'careDataRequest', objectId: id,
          summary: `登记个人信息${dataRequestKindLabels[input.kind]}请求：${auditName(c.name)}（${dataRequestRelationLabels[input.requesterRelation]}提出）`,
          detail: { caseId: c.id, kind: input.kind, relation: input.requesterRelation, receivedOn: input.receivedOn },
        });
      });
      return present(actor, await load(actor, id));
    },

    async decide(actor: Actor, who: AuditActor, id: string, input: z.output<typeof dataRequestDecision>) {
      const r = await load(actor, id);
      if (r.status !== 'received') throw new AppError('CARE_DATA_REQUEST_STATE');
      const status = input.approve ? 'approved' : 'rejected';
      await platform.transaction(who, async (trx, audit) => {
        const now = new Date().toISOString();
        const res = await trx.updateTable('careDataRequest').set({ status, decisionNote: input.note ?? null, decidedBy: actor.userId, decidedAt: now, updatedAt: now })
          .where('id', '=', id).where('status', '=', 'received').executeTakeFirst();
        if (Number(res.numUpdatedRows) !== 1) throw new AppError('CARE_DATA_REQUEST_STATE');
        await audit({
          event: 'careCase.dataRequestDecision', objectType: 'careDataRequest', objectId: id,
          summary: `${dataRequestStatusLabels[status]}个人信息${dataRequestKindLabels[r.kind as DataRequestKind]}请求：${auditName(r.caseName)}`,
          detail: { caseId: r.caseId, before: { status: r.status }, after: { status }, note: input.note ?? null },
        });
      });
      return present(actor, await load(actor, id));
    },

    /** Mark an approved request carried out; a deletion may anonymise the (closed) case at once. */
    async done(actor: Actor, who: AuditActor, id: string, input: z.output<typeof dataRequestDone>) {
      const r = await load(actor, id);
      if (r.status !== 'approved') throw new AppError('CARE_DATA_REQUEST_STATE');
      const c = await cases.load(actor, r.caseId);
      const anonymize = Boolean(input.anonymize);
      if (anonymize && (r.kind !== 'delete' || c.status !== 'closed' || c.anonymizedAt)) {
        throw new AppError('CARE_DATA_REQUEST_STATE', '只有已结案且未匿名化档案的删除请求可以立即匿名化', [{ path: 'anonymize', message: '只有已结案档案的删除请求可以立即匿名化' }]);
      }
      await platform.transaction(who, async (trx, audit) => {
        const now = new Date().toISOString();
        const res = await trx.updateTable('careDataRequest').set({ status: 'done', doneOn: input.doneOn, doneNote: input.note ?? null, updatedAt: now })
          .where('id', '=', id).where('status', '=', 'approved').executeTakeFirst();
        if (Number(res.numUpdatedRows) !== 1) throw new AppError('CARE_DATA_REQUEST_STATE');
        if (anonymize) {
          await anonymizeCase(trx, platform, c, now);
          await audit({
            event: 'careCase.anonymize', objectType: 'careCase', objectId: c.id, summary: `按删除请求匿名化帮扶对象档案：${auditName(c.name)}`,
            detail: { reason: 'dataRequest', requestId: id },
          });
        }
        await audit({
          event: 'careCase.dataRequestDone', objectType: 'careDataRequest', objectId: id,
          summary: `办结个人信息${dataRequestKindLabels[r.kind as DataRequestKind]}请求：${auditName(r.caseName)}`,
          detail: { caseId: r.caseId, doneOn: input.doneOn, anonymized: anonymize },
        });
      });
      return present(actor, await load(actor, id));
    },

    async export(actor: Actor, who: AuditActor, q: ExportQuery) {
      const rows = (await filtered(actor, q).limit(50_000).execute()).map((r) => present(actor, r));
      const buffer = await buildWorkbook<DataRequest>({
        title: '个人信息请求登记',
        columns: [
          { header: '收到日期', type: 'date', value: (r) => r.receivedOn },
          { header: '帮扶对象', value: (r) => auditName(r.caseName) },
          { header: '归口单位', width: 18, value: (r) => r.orgUnitName },
          { header: '请求类型', value: (r) => dataRequestKindLabels[r.kind] },
          { header: '申请人', value: (r) => auditName(r.requesterName) },
          { header: '与本人关系', value: (r) => dataRequestRelationLabels[r.requesterRelation] },
          { header: '请求内容', width: 40, value: (r) => r.details },
          { header: '状态', value: (r) => dataRequestStatusLabels[r.status] },
          { header: '处理意见', width: 24, value: (r) => r.decisionNote },
          { header: '处理人', value: (r) => r.decidedByName },
          { header: '办结日期', type: 'date', value: (r) => r.doneOn },
          { header: '办理情况', width: 24, value: (r) => r.doneNote },
        ],
        rows,
        filters: {
          ...(q.kind ? { 请求类型: dataRequestKindLabels[q.kind] } : {}),
          ...(q.status ? { 状态: dataRequestStatusLabels[q.status] } : {}),
          ...(q.receivedFrom || q.receivedTo ? { 收到日期: `${q.receivedFrom ?? ''} 至 ${q.receivedTo ?? ''}` } : {}),
        },
        exportedBy: `${actor.displayName}（${actor.username}）`,
      });
      await platform.record(who, { event: 'careCase.dataRequestExport', objectType: 'careDataRequest', summary: `导出个人信息请求登记 ${rows.length} 条`, detail: { rows: rows.length } });
      return buffer;
    },
  };
  return service;
}

import {
  maskIdNumber, maskName, parseIdNumber, trainingClassStatusLabels, trainingClassTransitions, trainingIndustryLabels, trainingOutcomeLabels,
  type TrainingClassStatus, type TrainingOutcome,
  type trainingClassCreate, type trainingClassListQuery, type trainingClassUpdate, type trainingDemandCreate, type trainingDemandListQuery,
  type trainingDemandUpdate, type trainingEnrolmentCreate, type trainingFollowUpCreate, type trainingSessionCreate,
} from '@gg/shared';
import type { z } from 'zod';
import type { Insertable } from 'kysely';
import type { Platform } from '../../platform/context.js';
import type { Actor } from '../../platform/authz/actor.js';
import type { AuditActor } from '../../platform/audit/audit.js';
import type { Executor } from '../../platform/db/database.js';
import type { TrainingEnrolmentTable } from '../../platform/db/schema.js';
import { inOrgScope } from '../../platform/authz/scope.js';
import { AppError } from '../../platform/errors.js';
import { pinyinKeys } from '../../platform/text/pinyin.js';
import { orgUnitRepository } from '../orgUnits/repository.js';
import { recordService } from '../volunteers/index.js';
import { decryptField } from '../careCases/presenter.js';
import { idNumberDomain as careCaseIdDomain } from '../careCases/repository.js';
import { trainingRepository, type ClassFilter, type ClassRow, type EnrolmentRow } from './repository.js';
import { classPolicy, demandPolicy, enrolmentPolicy } from './policy.js';
import { ID_NUMBER_DOMAIN, decryptEnrolment, enrolmentAad, followUpDue, presentClass, presentEnrolment } from './presenter.js';
import { newId } from '../../platform/db/ids.js';

type ClassCreate = z.output<typeof trainingClassCreate>;
type ClassUpdate = z.output<typeof trainingClassUpdate>;
export type ClassListQuery = z.output<typeof trainingClassListQuery>;

/** A trainee about to be written (from the form or an imported row), identity already validated. */
export interface TraineeInput {
  name: string;
  idNumber: string;
  phone?: string | null;
  education?: string | null;
  careCaseId?: string | null;
}

export function createTrainingService(platform: Platform) {
  const { db, cipher } = platform;
  const repo = trainingRepository(db);
  const orgRepo = orgUnitRepository(db);

  async function load(actor: Actor, id: string): Promise<ClassRow> {
    const row = await repo.findVisible(actor, id);
    if (!row) throw new AppError('TRAINING_CLASS_NOT_FOUND');
    return row;
  }

  async function presentClasses(actor: Actor, rows: ClassRow[]) {
    const ids = rows.map((r) => r.id);
    const [partners, trainers] = await Promise.all([repo.partnersOf(ids), repo.trainersOf(ids)]);
    return rows.map((r) => presentClass(actor, r, partners.get(r.id) ?? [], trainers.get(r.id) ?? []));
  }

  async function checkRefs(exec: Executor, input: { partnerUnitIds?: string[]; trainers?: { volunteerId?: string }[] }) {
    const units = [...new Set(input.partnerUnitIds ?? [])];
    if (units.length) {
      const found = await exec.selectFrom('memberUnit').select('id').where('id', 'in', units).execute();
      if (found.length !== units.length) throw new AppError('MEMBER_UNIT_NOT_FOUND', undefined, [{ path: 'partnerUnitIds', message: '联办单位不存在' }]);
    }
    const vols = [...new Set((input.trainers ?? []).map((t) => t.volunteerId).filter(Boolean) as string[])];
    if (vols.length) {
      const found = await exec.selectFrom('volunteer').select('id').where('id', 'in', vols).execute();
      if (found.length !== vols.length) throw new AppError('VOLUNTEER_NOT_FOUND', undefined, [{ path: 'trainers', message: '讲师对应的志愿者不存在' }]);
    }
  }

  async function writeLinks(trx: Executor, classId: string, input: { partnerUnitIds?: string[]; trainers?: { name: string; volunteerId?: string }[] }) {
    if (input.partnerUnitIds) {
      await trx.deleteFrom('trainingClassPartner').where('classId', '=', classId).execute();
      const units = [...new Set(input.partnerUnitIds)];
      if (units.length) await trx.insertInto('trainingClassPartner').values(units.map((memberUnitId) => ({ classId, memberUnitId }))).execute();
    }
    if (input.trainers) {
      // Trainers already on sessions keep their ids (matched by name and volunteer); the others are replaced.
      const existing = await trx.selectFrom('trainingTrainer').selectAll().where('classId', '=', classId).execute();
      const keep = new Set<string>();
      let order = 0;
      for (const t of input.trainers) {
        const same = existing.find((e) => !keep.has(e.id) && e.name === t.name && (e.volunteerId ?? null) === (t.volunteerId ?? null));
        if (same) {
          keep.add(same.id);
          await trx.updateTable('trainingTrainer').set({ sortOrder: order++ }).where('id', '=', same.id).execute();
        } else {
          await trx.insertInto('trainingTrainer').values({ id: newId(), classId, name: t.name, volunteerId: t.volunteerId ?? null, sortOrder: order++ }).execute();
        }
      }
      const drop = existing.filter((e) => !keep.has(e.id)).map((e) => e.id);
      if (drop.length) {
        await trx.updateTable('trainingSession').set({ trainerId: null }).where('trainerId', 'in', drop).where('heldAt', 'is', null).execute();
        const used = await trx.selectFrom('trainingSession').select('trainerId').where('trainerId', 'in', drop).execute();
        const usedIds = new Set(used.map((u) => u.trainerId));
        const free = drop.filter((d) => !usedIds.has(d));
        if (free.length) await trx.deleteFrom('trainingTrainer').where('id', 'in', free).execute();
      }
    }
  }

  /** Move people from the waiting list into free seats, first come first served. Returns the promoted ids. */
  async function promoteWaiting(trx: Executor, classId: string, capacity: number): Promise<string[]> {
    const seated = await trx.selectFrom('trainingEnrolment').select((eb) => eb.fn.countAll<number>().as('n')).where('classId', '=', classId).where('status', 'in', ['enrolled', 'completed', 'not_completed']).executeTakeFirstOrThrow();
    const free = capacity - Number(seated.n);
    if (free <= 0) return [];
    const next = await trx.selectFrom('trainingEnrolment').select('id').where('classId', '=', classId).where('status', '=', 'waiting').orderBy('queuedAt').orderBy('id').limit(free).execute();
    const ids = next.map((n) => n.id);
    if (ids.length) await trx.updateTable('trainingEnrolment').set({ status: 'enrolled', updatedAt: new Date().toISOString() }).where('id', 'in', ids).execute();
    return ids;
  }

  /** The care case the trainee is, when it is in the actor's scope: by the chosen id, else by the same ID number. */
  async function findCase(actor: Actor, exec: Executor, careCaseId: string | null | undefined, idNumber: string | null) {
    const q = exec.selectFrom('careCase').select(['id', 'name', 'idNumberEnc', 'idNumberBidx', 'phoneEnc', 'status']).where((eb) => inOrgScope(eb, actor, 'careCase.orgUnitId', 'careCase.createdBy')).where('status', '!=', 'merged');
    if (careCaseId) return q.where('id', '=', careCaseId).executeTakeFirst();
    if (!idNumber) return undefined;
    return q.where('idNumberBidx', '=', cipher.blindIndex(idNumber, careCaseIdDomain)).executeTakeFirst();
  }

  /** Resolve a trainee's identity (from the form, or from the chosen care case) and its case link. */
  async function resolveTrainee(actor: Actor, exec: Executor, input: { careCaseId?: string | null; name?: string | null; idNumber?: string | null; phone?: string | null; education?: string | null }): Promise<TraineeInput> {
    if (input.careCaseId) {
      if (!can(actor)) throw new AppError('CARE_CASE_NOT_FOUND');
      const c = await findCase(actor, exec, input.careCaseId, null);
      if (!c) throw new AppError('CARE_CASE_NOT_FOUND', undefined, [{ path: 'careCaseId', message: '帮扶对象不存在或不在您的管理范围内' }]);
      const idNumber = decryptField(cipher, c as never, 'idNumber');
      if (!idNumber) throw new AppError('VALIDATION_FAILED', '该帮扶对象未登记身份证号', [{ path: 'careCaseId', message: '该帮扶对象未登记身份证号' }]);
      if (input.idNumber && input.idNumber !== idNumber) throw new AppError('VALIDATION_FAILED', '身份证号与帮扶对象档案不一致', [{ path: 'idNumber', message: '身份证号与帮扶对象档案不一致' }]);
      return { name: c.name, idNumber, phone: input.phone ?? decryptField(cipher, c as never, 'phone'), education: input.education ?? null, careCaseId: c.id };
    }
    const linked = can(actor) ? await findCase(actor, exec, null, input.idNumber!) : undefined;
    return { name: input.name!, idNumber: input.idNumber!, phone: input.phone ?? null, education: input.education ?? null, careCaseId: linked?.id ?? null };
  }
  /** Only case workers link trainees to cases. */
  function can(actor: Actor) {
    return actor.permissions.has('careCase:read');
  }

  /**
   * Write trainees into a class inside the caller's transaction: seats first, then the waiting list.
   * Duplicates (same ID number in the class) are refused. Returns the new rows.
   */
  async function insertTrainees(trx: Executor, actor: Actor, c: ClassRow, people: TraineeInput[]) {
    const seated = await trx.selectFrom('trainingEnrolment').select((eb) => eb.fn.countAll<number>().as('n')).where('classId', '=', c.id).where('status', 'in', ['enrolled', 'completed', 'not_completed']).executeTakeFirstOrThrow();
    const waitingAlready = await trx.selectFrom('trainingEnrolment').select((eb) => eb.fn.countAll<number>().as('n')).where('classId', '=', c.id).where('status', '=', 'waiting').executeTakeFirstOrThrow();
    let free = Number(c.capacity) - Number(seated.n);
    // Someone already waits: newcomers queue behind them.
    if (Number(waitingAlready.n) > 0) free = 0;
    // The ID numbers already in the class, in one query per 500 (an import brings hundreds); a repeat within the
    // people themselves is refused the same way.
    const bidxs = people.map((p) => cipher.blindIndex(p.idNumber, ID_NUMBER_DOMAIN));
    const taken = new Set<string>();
    for (let i = 0; i < bidxs.length; i += 500) {
      const rows = await trx.selectFrom('trainingEnrolment').select('idNumberBidx').where('classId', '=', c.id).where('idNumberBidx', 'in', bidxs.slice(i, i + 500)).execute();
      for (const r of rows) taken.add(r.idNumberBidx);
    }
    const out: { id: string; name: string; status: string; careCaseId: string | null }[] = [];
    const rows: Insertable<TrainingEnrolmentTable>[] = [];
    const base = Date.now();
    for (const [i, p] of people.entries()) {
      const bidx = bidxs[i];
      if (taken.has(bidx)) throw new AppError('TRAINING_ALREADY_ENROLLED', `${maskName(p.name)}（${maskIdNumber(p.idNumber)}）已报名本期培训班`, [{ path: 'idNumber', message: '该学员已报名本期培训班' }]);
      taken.add(bidx);
      const parsed = parseIdNumber(p.idNumber);
      if (!parsed.ok) throw new AppError('VALIDATION_FAILED', undefined, [{ path: 'idNumber', message: parsed.reason }]);
      const id = newId();
      const now = new Date(base + i).toISOString();
      const status = free > 0 ? 'enrolled' : 'waiting';
      if (free > 0) free--;
      rows.push({
        id, classId: c.id, careCaseId: p.careCaseId ?? null, name: p.name, namePinyin: pinyinKeys(p.name).full, sex: parsed.info.sex, birthDate: parsed.info.birthDate,
        idNumberEnc: cipher.encrypt(p.idNumber, enrolmentAad(id, 'idNumber')), idNumberBidx: bidx,
        phoneEnc: p.phone ? cipher.encrypt(p.phone, enrolmentAad(id, 'phone')) : null, education: p.education ?? null,
        status, queuedAt: now, certificateNo: null, createdAt: now, updatedAt: now, createdBy: actor.userId,
      });
      out.push({ id, name: p.name, status, careCaseId: p.careCaseId ?? null });
    }
    for (let i = 0; i < rows.length; i += 200) await trx.insertInto('trainingEnrolment').values(rows.slice(i, i + 200)).execute();
    return out;
  }

  async function presentEnrolments(actor: Actor, c: ClassRow, rows: EnrolmentRow[]) {
    const [attendance, followUps, sessions] = await Promise.all([repo.attendanceOf(c.id), repo.followUpsOf(rows.map((r) => r.id)), repo.sessionsOf(c.id)]);
    const held = new Set(sessions.filter((s) => s.heldAt).map((s) => s.id));
    const attended = new Map<string, number>();
    for (const a of attendance) if (Number(a.present) && held.has(a.sessionId)) attended.set(a.enrolmentId, (attended.get(a.enrolmentId) ?? 0) + 1);
    const all = await repo.enrolmentsOf(c.id);
    const waitingOrder = all.filter((e) => e.status === 'waiting').map((e) => e.id);
    return rows.map((r) =>
      presentEnrolment(actor, c, r, cipher, {
        attended: attended.get(r.id) ?? 0,
        followUps: followUps.filter((f) => f.enrolmentId === r.id),
        waitingPosition: r.status === 'waiting' ? waitingOrder.indexOf(r.id) + 1 : null,
      }),
    );
  }

  async function loadEnrolment(actor: Actor, classId: string, id: string) {
    const c = await load(actor, classId);
    const e = await repo.enrolment(classId, id);
    if (!e) throw new AppError('TRAINING_ENROLMENT_NOT_FOUND');
    return { c, e };
  }

  async function filterOf(actor: Actor, query: Omit<ClassListQuery, 'page' | 'pageSize' | 'sort'>): Promise<ClassFilter> {
    let underPath: string | undefined;
    if (query.orgUnitId) {
      const node = await orgRepo.findInScope(actor, query.orgUnitId);
      if (!node) throw new AppError('ORG_UNIT_NOT_FOUND');
      underPath = node.path;
    }
    return { q: query.q, status: query.status, industry: query.industry, year: query.year, underPath };
  }

  return {
    load,
    loadEnrolment,
    presentClasses,
    presentEnrolments,
    insertTrainees,
    resolveTrainee,
    promoteWaiting,
    filterOf,

    // ---- industry demand ----

    async listDemands(actor: Actor, query: z.output<typeof trainingDemandListQuery>) {
      const apply = <Q extends { where: (...a: any[]) => any }>(q: Q): Q => {
        let r = q as any;
        if (query.year) r = r.where('d.year', '=', query.year);
        if (query.industry) r = r.where('d.industry', '=', query.industry);
        if (query.q) r = r.where((eb: any) => eb.or([eb('d.skill', 'like', `%${query.q!.replace(/[%_\\]/g, '')}%`), eb('d.employer', 'like', `%${query.q!.replace(/[%_\\]/g, '')}%`)]));
        return r as Q;
      };
      const key = (query.sort?.replace(/^-/, '') ?? 'year') as 'year' | 'industry' | 'headcount';
      const dir = query.sort ? (query.sort.startsWith('-') ? 'desc' : 'asc') : 'desc';
      const rows = await apply(db.selectFrom('trainingDemand as d').leftJoin('memberUnit as m', 'm.id', 'd.memberUnitId').selectAll('d').select('m.name as memberUnitName'))
        .orderBy(`d.${key}`, dir)
        .orderBy('d.industry')
        .orderBy('d.id')
        .limit(query.pageSize)
        .offset((query.page - 1) * query.pageSize)
        .execute();
      const count = await apply(db.selectFrom('trainingDemand as d').select((eb) => eb.fn.countAll<number>().as('n'))).executeTakeFirstOrThrow();
      const actions = demandPolicy.update(actor) ? ['update'] : [];
      return {
        items: rows.map((r) => ({
          id: r.id, industry: r.industry as never, skill: r.skill, headcount: Number(r.headcount), year: Number(r.year), period: r.period, memberUnitId: r.memberUnitId,
          memberUnitName: r.memberUnitName ?? null, employer: r.employer, note: r.note, updatedAt: r.updatedAt, actions,
        })),
        total: Number(count.n), page: query.page, pageSize: query.pageSize,
      };
    },

    async saveDemand(actor: Actor, who: AuditActor, id: string | null, input: z.output<typeof trainingDemandCreate> | z.output<typeof trainingDemandUpdate>) {
      if (!demandPolicy.update(actor)) throw new AppError('FORBIDDEN');
      const before = id ? await db.selectFrom('trainingDemand').selectAll().where('id', '=', id).executeTakeFirst() : undefined;
      if (id && !before) throw new AppError('TRAINING_DEMAND_NOT_FOUND');
      if (input.memberUnitId && !(await db.selectFrom('memberUnit').select('id').where('id', '=', input.memberUnitId).executeTakeFirst())) {
        throw new AppError('MEMBER_UNIT_NOT_FOUND', undefined, [{ path: 'memberUnitId', message: '成员单位不存在' }]);
      }
      const now = new Date().toISOString();
      const demandId = id ?? newId();
      await platform.transaction(who, async (trx, audit) => {
        if (before) {
          const patch = Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined));
          await trx.updateTable('trainingDemand').set({ ...patch, updatedAt: now }).where('id', '=', demandId).execute();
          await audit({ event: 'training.demand.update', objectType: 'trainingDemand', objectId: demandId, summary: `修改产业用工需求：${before.skill}`, detail: { before: Object.fromEntries(Object.keys(patch).map((k) => [k, (before as Record<string, unknown>)[k]])), after: patch } });
        } else {
          const v = input as z.output<typeof trainingDemandCreate>;
          await trx.insertInto('trainingDemand').values({
            id: demandId, industry: v.industry, skill: v.skill, headcount: v.headcount, year: v.year, period: v.period ?? null, memberUnitId: v.memberUnitId ?? null,
            employer: v.employer ?? null, note: v.note ?? null, createdAt: now, updatedAt: now, createdBy: actor.userId,
          }).execute();
          await audit({ event: 'training.demand.create', objectType: 'trainingDemand', objectId: demandId, summary: `登记产业用工需求：${trainingIndustryLabels[v.industry]} ${v.skill} ${v.headcount} 人`, detail: { after: v } });
        }
      });
      return (await this.listDemands(actor, { page: 1, pageSize: 100 } as never)).items.find((d) => d.id === demandId) ?? (await this.demand(actor, demandId));
    },

    async demand(actor: Actor, id: string) {
      const r = await db.selectFrom('trainingDemand as d').leftJoin('memberUnit as m', 'm.id', 'd.memberUnitId').selectAll('d').select('m.name as memberUnitName').where('d.id', '=', id).executeTakeFirst();
      if (!r) throw new AppError('TRAINING_DEMAND_NOT_FOUND');
      return {
        id: r.id, industry: r.industry as never, skill: r.skill, headcount: Number(r.headcount), year: Number(r.year), period: r.period, memberUnitId: r.memberUnitId,
        memberUnitName: r.memberUnitName ?? null, employer: r.employer, note: r.note, updatedAt: r.updatedAt, actions: demandPolicy.update(actor) ? ['update'] : [],
      };
    },

    // ---- classes ----

    async get(actor: Actor, id: string) {
      return (await presentClasses(actor, [await load(actor, id)]))[0];
    },

    async list(actor: Actor, query: ClassListQuery) {
      const { rows, total } = await repo.list(actor, await filterOf(actor, query), query);
      return { items: await presentClasses(actor, rows), total, page: query.page, pageSize: query.pageSize };
    },

    async listAll(actor: Actor, query: Omit<ClassListQuery, 'page' | 'pageSize'>) {
      const filter = await filterOf(actor, query);
      const all: ClassRow[] = [];
      for (let page = 1; ; page++) {
        const res = await repo.list(actor, filter, { page, pageSize: 500, sort: query.sort });
        all.push(...res.rows);
        if (all.length >= res.total || res.rows.length === 0) break;
      }
      return presentClasses(actor, all);
    },

    async create(actor: Actor, who: AuditActor, input: ClassCreate) {
      const node = await orgRepo.findInScope(actor, input.orgUnitId);
      if (!node) throw new AppError('ORG_UNIT_NOT_FOUND', undefined, [{ path: 'orgUnitId', message: '主办组织不存在或不在您的管理范围内' }]);
      await checkRefs(db, input);
      const id = newId();
      const now = new Date().toISOString();
      await platform.transaction(who, async (trx, audit) => {
        await trx.insertInto('trainingClass').values({
          id, orgUnitId: input.orgUnitId, title: input.title, skill: input.skill, industry: input.industry, venue: input.venue ?? null,
          startDate: input.startDate, endDate: input.endDate, capacity: input.capacity, fundingFen: input.fundingFen, fundingSource: input.fundingSource ?? null,
          minAttendancePct: input.minAttendancePct, description: input.description ?? null, status: 'planned', finishedAt: null,
          createdAt: now, updatedAt: now, createdBy: actor.userId,
        }).execute();
        await writeLinks(trx, id, input);
        await audit({ event: 'training.class.create', objectType: 'trainingClass', objectId: id, summary: `开设培训班：${input.title}`, detail: { after: input } });
      });
      return this.get(actor, id);
    },

    async update(actor: Actor, who: AuditActor, id: string, input: ClassUpdate) {
      const row = await load(actor, id);
      if (!classPolicy.update(actor, row)) throw new AppError('TRAINING_CLASS_STATE');
      const start = input.startDate ?? row.startDate;
      const end = input.endDate ?? row.endDate;
      if (end < start) throw new AppError('VALIDATION_FAILED', undefined, [{ path: 'endDate', message: '结束日期不能早于开始日期' }]);
      if (input.capacity !== undefined && input.capacity < row.enrolled) throw new AppError('VALIDATION_FAILED', undefined, [{ path: 'capacity', message: `已有 ${row.enrolled} 人在班，招生人数不能少于在班人数` }]);
      await checkRefs(db, input);
      const { partnerUnitIds, trainers, ...fields } = input;
      const patch = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined));
      const before = Object.fromEntries(Object.keys(patch).map((k) => [k, (row as unknown as Record<string, unknown>)[k]]));
      let promoted: string[] = [];
      await platform.transaction(who, async (trx, audit) => {
        await trx.updateTable('trainingClass').set({ ...patch, updatedAt: new Date().toISOString() }).where('id', '=', id).execute();
        await writeLinks(trx, id, { partnerUnitIds, trainers });
        if (input.capacity !== undefined) promoted = await promoteWaiting(trx, id, input.capacity);
        await audit({
          event: 'training.class.update', objectType: 'trainingClass', objectId: id, summary: `编辑培训班：${row.title}`,
          detail: { before, after: { ...patch, ...(partnerUnitIds && { partnerUnitIds }), ...(trainers && { trainers }) }, ...(promoted.length && { promotedFromWaitingList: promoted.length }) },
        });
      });
      return this.get(actor, id);
    },

    /**
     * planned → enrolling → running → finished. Finishing applies the completion rule: a trainee completes when they
     * attended at least `minAttendancePct` % of the held sessions; completers get a certificate number.
     */
    async advance(actor: Actor, who: AuditActor, id: string, to: TrainingClassStatus) {
      const row = await load(actor, id);
      if (!classPolicy.advance(actor, row) || !trainingClassTransitions[row.status as TrainingClassStatus].includes(to)) throw new AppError('TRAINING_CLASS_STATE');
      let summary = { completed: 0, notCompleted: 0, heldSessions: 0 };
      await platform.transaction(who, async (trx, audit) => {
        const now = new Date().toISOString();
        if (to === 'finished') {
          const sessions = await trx.selectFrom('trainingSession').select(['id']).where('classId', '=', id).where('heldAt', 'is not', null).execute();
          if (!sessions.length) throw new AppError('TRAINING_CLASS_STATE', '尚未登记任何课次的考勤，不能结业');
          const people = await trx.selectFrom('trainingEnrolment').select(['id']).where('classId', '=', id).where('status', '=', 'enrolled').orderBy('queuedAt').orderBy('id').execute();
          const present = await trx
            .selectFrom('trainingAttendance')
            .select(['enrolmentId', (eb) => eb.fn.countAll<number>().as('n')])
            .where('sessionId', 'in', sessions.map((s) => s.id))
            .where('present', '=', 1)
            .groupBy('enrolmentId')
            .execute();
          const attended = new Map(present.map((p) => [p.enrolmentId, Number(p.n)]));
          const prefix = `PX${row.startDate.slice(0, 4)}-${id.slice(0, 6).toUpperCase()}`;
          let n = 0;
          for (const p of people) {
            const ok = (attended.get(p.id) ?? 0) * 100 >= sessions.length * Number(row.minAttendancePct);
            if (ok) n++;
            await trx.updateTable('trainingEnrolment').set({ status: ok ? 'completed' : 'not_completed', certificateNo: ok ? `${prefix}-${String(n).padStart(3, '0')}` : null, updatedAt: now }).where('id', '=', p.id).execute();
          }
          await trx.updateTable('trainingEnrolment').set({ status: 'withdrawn', updatedAt: now }).where('classId', '=', id).where('status', '=', 'waiting').execute();
          summary = { completed: n, notCompleted: people.length - n, heldSessions: sessions.length };
        }
        await trx.updateTable('trainingClass').set({ status: to, updatedAt: now, ...(to === 'finished' && { finishedAt: now }) }).where('id', '=', id).execute();
        await audit({
          event: 'training.class.status', objectType: 'trainingClass', objectId: id,
          summary: `培训班状态：${row.title} ${trainingClassStatusLabels[row.status as TrainingClassStatus]} → ${trainingClassStatusLabels[to]}`,
          detail: { before: { status: row.status }, after: { status: to }, ...(to === 'finished' && summary) },
        });
      });
      return this.get(actor, id);
    },

    // ---- sessions and attendance ----

    async sessions(actor: Actor, id: string) {
      await load(actor, id);
      const [sessions, attendance] = await Promise.all([repo.sessionsOf(id), repo.attendanceOf(id)]);
      return sessions.map((s) => ({
        id: s.id, sessionDate: s.sessionDate, topic: s.topic, hours: Number(s.hoursTenths) / 10, trainerId: s.trainerId, trainerName: s.trainerName ?? null, held: Boolean(s.heldAt),
        presentIds: attendance.filter((a) => a.sessionId === s.id && Number(a.present)).map((a) => a.enrolmentId),
      }));
    },

    async addSession(actor: Actor, who: AuditActor, id: string, input: z.output<typeof trainingSessionCreate>) {
      const row = await load(actor, id);
      if (!classPolicy.addSession(actor, row)) throw new AppError('TRAINING_CLASS_STATE');
      if (input.trainerId && !(await db.selectFrom('trainingTrainer').select('id').where('id', '=', input.trainerId).where('classId', '=', id).executeTakeFirst())) {
        throw new AppError('VALIDATION_FAILED', undefined, [{ path: 'trainerId', message: '讲师不在本班讲师名单中' }]);
      }
      const sessionId = newId();
      await platform.transaction(who, async (trx, audit) => {
        await trx.insertInto('trainingSession').values({ id: sessionId, classId: id, sessionDate: input.sessionDate, topic: input.topic, hoursTenths: Math.round(input.hours * 10), trainerId: input.trainerId ?? null, heldAt: null, createdAt: new Date().toISOString() }).execute();
        await audit({ event: 'training.session.create', objectType: 'trainingClass', objectId: id, summary: `培训课次：${row.title} ${input.sessionDate} ${input.topic}`, detail: { after: { sessionId, ...input } } });
      });
      return (await this.sessions(actor, id)).find((s) => s.id === sessionId)!;
    },

    /**
     * Attendance of one session: everyone seated gets a row (present or absent); the session counts as held and a
     * trainer who is an elder volunteer gets the session's hours through the volunteers module (never typed twice).
     */
    async recordAttendance(actor: Actor, who: AuditActor, id: string, sessionId: string, presentIds: string[]) {
      const row = await load(actor, id);
      const session = await db.selectFrom('trainingSession as s').leftJoin('trainingTrainer as t', 't.id', 's.trainerId').select(['s.id', 's.sessionDate', 's.topic', 's.hoursTenths', 't.volunteerId']).where('s.id', '=', sessionId).where('s.classId', '=', id).executeTakeFirst();
      if (!session) throw new AppError('TRAINING_SESSION_NOT_FOUND');
      if (!classPolicy.attendance(actor, row)) throw new AppError('TRAINING_CLASS_STATE', '培训班开班后才能登记考勤');
      const seated = await db.selectFrom('trainingEnrolment').select('id').where('classId', '=', id).where('status', '=', 'enrolled').execute();
      const seatedIds = new Set(seated.map((s) => s.id));
      const unknown = presentIds.filter((p) => !seatedIds.has(p));
      if (unknown.length) throw new AppError('VALIDATION_FAILED', undefined, [{ path: 'presentIds', message: '出勤名单中有不在本班的学员' }]);
      const present = new Set(presentIds);
      await platform.transaction(who, async (trx, audit) => {
        await trx.deleteFrom('trainingAttendance').where('sessionId', '=', sessionId).execute();
        if (seated.length) await trx.insertInto('trainingAttendance').values(seated.map((s) => ({ sessionId, enrolmentId: s.id, present: present.has(s.id) ? 1 : 0 }))).execute();
        await trx.updateTable('trainingSession').set({ heldAt: new Date().toISOString() }).where('id', '=', sessionId).execute();
        if (session.volunteerId) {
          await recordService(trx, { volunteerId: session.volunteerId, source: 'training', sourceId: sessionId, date: session.sessionDate, hours: Number(session.hoursTenths) / 10, description: `技能培训授课：${row.title}（${session.topic}）`, createdBy: actor.userId });
        }
        await audit({ event: 'training.attendance', objectType: 'trainingClass', objectId: id, summary: `登记考勤：${row.title} ${session.sessionDate}，出勤 ${present.size}/${seated.length}`, detail: { sessionId, present: present.size, seated: seated.length } });
      });
      return (await this.sessions(actor, id)).find((s) => s.id === sessionId)!;
    },

    // ---- trainees ----

    async enrolments(actor: Actor, id: string) {
      const c = await load(actor, id);
      return presentEnrolments(actor, c, await repo.enrolmentsOf(id));
    },

    async enrol(actor: Actor, who: AuditActor, id: string, input: z.output<typeof trainingEnrolmentCreate>) {
      const c = await load(actor, id);
      if (!classPolicy.enrol(actor, c)) throw new AppError('TRAINING_CLASS_STATE');
      const person = await resolveTrainee(actor, db, input);
      const created = await platform.transaction(who, async (trx, audit) => {
        const [e] = await insertTrainees(trx, actor, c, [person]);
        await audit({
          event: 'training.enrol', objectType: 'trainingClass', objectId: id,
          summary: `${e.status === 'waiting' ? '候补报名' : '学员报名'}：${c.title} ${maskName(person.name)}`,
          detail: { enrolmentId: e.id, status: e.status, idNumber: maskIdNumber(person.idNumber), careCaseId: person.careCaseId ?? null },
        });
        return e;
      });
      const fresh = await load(actor, id);
      return (await presentEnrolments(actor, fresh, [(await repo.enrolment(id, created.id))!]))[0];
    },

    /** A trainee leaves (or leaves the waiting list); the first person waiting takes a freed seat. */
    async withdraw(actor: Actor, who: AuditActor, classId: string, enrolmentId: string) {
      const { c, e } = await loadEnrolment(actor, classId, enrolmentId);
      if (!enrolmentPolicy.withdraw(actor, c, e)) throw new AppError('TRAINING_CLASS_STATE');
      await platform.transaction(who, async (trx, audit) => {
        await trx.updateTable('trainingEnrolment').set({ status: 'withdrawn', updatedAt: new Date().toISOString() }).where('id', '=', enrolmentId).execute();
        const promoted = e.status === 'enrolled' ? await promoteWaiting(trx, classId, Number(c.capacity)) : [];
        await audit({ event: 'training.withdraw', objectType: 'trainingClass', objectId: classId, summary: `学员退出：${c.title} ${maskName(e.name)}`, detail: { enrolmentId, before: { status: e.status }, after: { status: 'withdrawn' }, promoted } });
      });
      return this.enrolments(actor, classId);
    },

    async unmask(actor: Actor, who: AuditActor, classId: string, enrolmentId: string, field: 'idNumber' | 'phone') {
      const { c, e } = await loadEnrolment(actor, classId, enrolmentId);
      if (!enrolmentPolicy.unmask(actor, c, e)) throw new AppError('FORBIDDEN');
      const value = decryptEnrolment(e, cipher)[field];
      await platform.record(who, { event: 'training.unmask', objectType: 'trainingEnrolment', objectId: enrolmentId, summary: `查看学员完整${field === 'idNumber' ? '身份证号' : '联系电话'}：${maskName(e.name)}`, detail: { field, classId } });
      return { field, value };
    },

    /** Care cases in scope the officer may pick a trainee from (name search), masked. */
    async caseCandidates(actor: Actor, q: string) {
      if (!can(actor)) return [];
      const rows = await db
        .selectFrom('careCase')
        .innerJoin('orgUnit', 'orgUnit.id', 'careCase.orgUnitId')
        .select(['careCase.id', 'careCase.name', 'careCase.birthDate', 'careCase.idNumberEnc', 'orgUnit.name as orgUnitName'])
        .where((eb) => inOrgScope(eb, actor, 'careCase.orgUnitId', 'careCase.createdBy'))
        .where('careCase.status', 'not in', ['merged'])
        .where('careCase.name', 'like', `%${q.replace(/[%_\\]/g, '')}%`)
        .orderBy('careCase.name')
        .limit(20)
        .execute();
      return rows.map((r) => {
        const idNumber = decryptField(cipher, r as never, 'idNumber');
        return { id: r.id, name: r.name, idNumber: idNumber ? maskIdNumber(idNumber) : '', orgUnitName: r.orgUnitName, birthDate: r.birthDate };
      });
    },

    // ---- follow-ups ----

    async recordFollowUp(actor: Actor, who: AuditActor, classId: string, enrolmentId: string, input: z.output<typeof trainingFollowUpCreate>) {
      const { c, e } = await loadEnrolment(actor, classId, enrolmentId);
      if (!enrolmentPolicy.followUp(actor, c, e)) throw new AppError('TRAINING_CLASS_STATE', '培训班结业后才能对参训学员跟踪回访');
      const due = followUpDue(c.endDate, input.month);
      if (input.recordedOn < due) throw new AppError('TRAINING_FOLLOW_UP_NOT_DUE', `${input.month}个月回访应在 ${due} 或之后进行`, [{ path: 'recordedOn', message: `${input.month}个月回访应在 ${due} 或之后` }]);
      const existing = await db.selectFrom('trainingFollowUp').selectAll().where('enrolmentId', '=', enrolmentId).where('month', '=', input.month).executeTakeFirst();
      const employed = input.outcome === 'employed' || input.outcome === 'business';
      const values = { outcome: input.outcome, employer: employed ? input.employer ?? null : null, industry: employed ? input.industry ?? null : null, note: input.note ?? null, recordedOn: input.recordedOn };
      await platform.transaction(who, async (trx, audit) => {
        if (existing) await trx.updateTable('trainingFollowUp').set(values).where('id', '=', existing.id).execute();
        else await trx.insertInto('trainingFollowUp').values({ id: newId(), enrolmentId, month: input.month, ...values, createdAt: new Date().toISOString(), createdBy: actor.userId }).execute();
        await audit({
          event: 'training.followUp', objectType: 'trainingEnrolment', objectId: enrolmentId,
          summary: `跟踪回访（${input.month}个月）：${maskName(e.name)} ${trainingOutcomeLabels[input.outcome as TrainingOutcome]}`,
          detail: { classId, month: input.month, before: existing ? { outcome: existing.outcome, employer: existing.employer, industry: existing.industry } : null, after: values },
        });
      });
      return (await presentEnrolments(actor, c, [(await repo.enrolment(classId, enrolmentId))!]))[0];
    },
  };
}

export type TrainingService = ReturnType<typeof createTrainingService>;

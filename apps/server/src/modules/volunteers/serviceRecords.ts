import { sql } from 'kysely';
import { volunteerStars, type VolunteerServiceRecord, type VolunteerServiceSource, type volunteerServiceCreate } from '@gg/shared';
import type { z } from 'zod';
import type { Platform } from '../../platform/context.js';
import type { Actor } from '../../platform/authz/actor.js';
import type { AuditActor } from '../../platform/audit/audit.js';
import type { Executor } from '../../platform/db/database.js';
import { AppError } from '../../platform/errors.js';
import { volunteerPolicy } from './policy.js';
import { hoursOf } from './presenter.js';
import { volunteerSettingsStore } from './settings.js';
import { bumpServiceYear } from './serviceYears.js';
import type { VolunteerService } from './service.js';
import { newId } from '../../platform/db/ids.js';

/** What another module (activities, mentoring visits) reports about one volunteer's service. */
export interface ServiceInput {
  volunteerId: string;
  source: Exclude<VolunteerServiceSource, 'manual'>;
  /** The id of the activity or visit: the same (source, sourceId, volunteer) is recorded once; saving again updates it. */
  sourceId: string;
  date: string;
  hours: number;
  description: string;
  teamId?: string | null;
  createdBy?: string | null;
  /** The volunteer's node, when the caller already holds the volunteer's row lock (`lockVolunteersForService`). */
  lockedNode?: string;
  /** The activity or visit was created in this transaction: nothing can be recorded for it yet. */
  newSource?: boolean;
}

const toTenths = (hours: number) => {
  if (!Number.isFinite(hours) || hours <= 0 || hours > 24) throw new AppError('VALIDATION_FAILED', '服务时长须在0到24小时之间', [{ path: 'hours', message: '服务时长须在0到24小时之间' }]);
  return Math.round(hours * 10);
};

/**
 * Record (or re-record) service inside the caller's transaction. Service is never typed twice: the module
 * that owns the activity or visit calls this when it is saved, and `removeService` when it is withdrawn.
 * The caller's own audit row covers the action.
 */
export async function recordService(trx: Executor, input: ServiceInput): Promise<string> {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(input.date)) throw new AppError('VALIDATION_FAILED', '服务日期格式应为 YYYY-MM-DD');
  const hoursTenths = toTenths(input.hours);
  // A locked row exists; otherwise look. A new source has no record to update (two statements fewer per participant).
  if (input.lockedNode === undefined) {
    const volunteer = await trx.selectFrom('volunteer').select('id').where('id', '=', input.volunteerId).executeTakeFirst();
    if (!volunteer) throw new AppError('VOLUNTEER_NOT_FOUND');
  }
  const existing = input.newSource
    ? undefined
    : await trx
        .selectFrom('volunteerService')
        .select(['id', 'serviceDate', 'hoursTenths'])
        .where('source', '=', input.source)
        .where('sourceId', '=', input.sourceId)
        .where('volunteerId', '=', input.volunteerId)
        .executeTakeFirst();
  const values = { serviceDate: input.date, hoursTenths, description: input.description.slice(0, 200), teamId: input.teamId ?? null };
  if (existing) {
    await trx.updateTable('volunteerService').set(values).where('id', '=', existing.id).execute();
    if (existing.serviceDate !== input.date || Number(existing.hoursTenths) !== hoursTenths) {
      await bumpServiceYear(trx, { volunteerId: input.volunteerId, ...existing }, -1, input.lockedNode);
      await bumpServiceYear(trx, { volunteerId: input.volunteerId, serviceDate: input.date, hoursTenths }, 1, input.lockedNode);
    }
    return existing.id;
  }
  const id = newId();
  await trx
    .insertInto('volunteerService')
    .values({ id, volunteerId: input.volunteerId, source: input.source, sourceId: input.sourceId, reason: null, createdAt: new Date().toISOString(), createdBy: input.createdBy ?? null, ...values })
    .execute();
  await bumpServiceYear(trx, { volunteerId: input.volunteerId, serviceDate: input.date, hoursTenths }, 1, input.lockedNode);
  return id;
}

/** Withdraw the service an activity or visit recorded (for one volunteer, or everyone it recorded). */
export async function removeService(trx: Executor, input: { source: ServiceInput['source']; sourceId: string; volunteerId?: string; lockedNode?: string }): Promise<number> {
  let gone = trx.selectFrom('volunteerService').select(['volunteerId', 'serviceDate', 'hoursTenths']).where('source', '=', input.source).where('sourceId', '=', input.sourceId);
  let q = trx.deleteFrom('volunteerService').where('source', '=', input.source).where('sourceId', '=', input.sourceId);
  if (input.volunteerId) {
    gone = gone.where('volunteerId', '=', input.volunteerId);
    q = q.where('volunteerId', '=', input.volunteerId);
  }
  // The node is known only for one volunteer whose row the caller holds.
  for (const row of await gone.execute()) await bumpServiceYear(trx, row, -1, input.volunteerId ? input.lockedNode : undefined);
  const r = await q.executeTakeFirst();
  return Number(r.numDeletedRows);
}

/** Totals of one volunteer: overall, per year, and in a period. */
export async function serviceTotals(db: Executor, volunteerId: string, period: { from?: string; to?: string } = {}) {
  const year = sql<string>`substr(service_date, 1, 4)`;
  const byYear = await db
    .selectFrom('volunteerService')
    .select([year.as('year'), (eb) => eb.fn.sum<number>('hoursTenths').as('tenths'), (eb) => eb.fn.countAll<number>().as('n')])
    .where('volunteerId', '=', volunteerId)
    .groupBy(year)
    .orderBy(year, 'desc')
    .execute();
  const totalTenths = byYear.reduce((s, r) => s + Number(r.tenths), 0);
  let p = db.selectFrom('volunteerService').select([(eb) => eb.fn.sum<number>('hoursTenths').as('tenths'), (eb) => eb.fn.countAll<number>().as('n')]).where('volunteerId', '=', volunteerId);
  if (period.from) p = p.where('serviceDate', '>=', period.from);
  if (period.to) p = p.where('serviceDate', '<=', period.to);
  const inPeriod = await p.executeTakeFirstOrThrow();
  const totalHours = hoursOf(totalTenths);
  const { starHours } = await volunteerSettingsStore.read(db);
  return {
    totalHours,
    periodHours: hoursOf(Number(inPeriod.tenths ?? 0)),
    periodRecords: Number(inPeriod.n),
    byYear: byYear.map((r) => ({ year: Number(r.year), hours: hoursOf(Number(r.tenths)), records: Number(r.n) })),
    ...volunteerStars(totalHours, starHours),
  };
}

export async function serviceRecords(db: Executor, where: { volunteerId?: string; teamId?: string; from?: string; to?: string }, page: { page: number; pageSize: number }) {
  const apply = <Q extends { where: (...a: any[]) => any }>(q: Q): Q => {
    let r = q as any;
    if (where.volunteerId) r = r.where('s.volunteerId', '=', where.volunteerId);
    if (where.teamId) r = r.where('s.teamId', '=', where.teamId);
    if (where.from) r = r.where('s.serviceDate', '>=', where.from);
    if (where.to) r = r.where('s.serviceDate', '<=', where.to);
    return r as Q;
  };
  const rows = await apply(
    db
      .selectFrom('volunteerService as s')
      .leftJoin('volunteerTeam as t', 't.id', 's.teamId')
      .innerJoin('volunteer as v', 'v.id', 's.volunteerId')
      .select(['s.id', 's.source', 's.sourceId', 's.teamId', 't.name as teamName', 's.serviceDate', 's.hoursTenths', 's.description', 's.reason', 's.createdAt', 's.volunteerId', 'v.name as volunteerName']),
  )
    .orderBy('s.serviceDate', 'desc')
    .orderBy('s.createdAt', 'desc')
    .orderBy('s.id')
    .limit(page.pageSize)
    .offset((page.page - 1) * page.pageSize)
    .execute();
  const count = await apply(db.selectFrom('volunteerService as s').select((eb) => eb.fn.countAll<number>().as('n'))).executeTakeFirstOrThrow();
  return {
    total: Number(count.n),
    items: rows.map((r) => ({
      id: r.id, source: r.source as VolunteerServiceRecord['source'], sourceId: r.sourceId, teamId: r.teamId, teamName: r.teamName ?? null,
      date: r.serviceDate, hours: hoursOf(r.hoursTenths), description: r.description, reason: r.reason, createdAt: r.createdAt,
      volunteerId: r.volunteerId, volunteerName: r.volunteerName,
    })),
  };
}

export function createServiceRecordService(platform: Platform, volunteers: VolunteerService) {
  const { db } = platform;
  return {
    async summary(actor: Actor, id: string, query: { from?: string; to?: string; page: number; pageSize: number }) {
      await volunteers.load(actor, id);
      const totals = await serviceTotals(db, id, query);
      const { items, total } = await serviceRecords(db, { volunteerId: id, from: query.from, to: query.to }, query);
      return {
        items: items.map(({ volunteerId: _v, volunteerName: _n, ...r }) => r),
        total, page: query.page, pageSize: query.pageSize,
        totalHours: totals.totalHours, periodHours: totals.periodHours, byYear: totals.byYear,
        stars: totals.stars, nextStarHours: totals.nextStarHours,
      };
    },

    /** Staff add service no other module records, with a reason; audited. */
    async addManual(actor: Actor, who: AuditActor, id: string, input: z.output<typeof volunteerServiceCreate>) {
      const row = await volunteers.load(actor, id);
      if (!volunteerPolicy.addService(actor, row)) throw new AppError('FORBIDDEN');
      if (input.teamId) {
        const member = await db.selectFrom('volunteerTeamMember').select('teamId').where('teamId', '=', input.teamId).where('volunteerId', '=', id).executeTakeFirst();
        if (!member) throw new AppError('VALIDATION_FAILED', '该志愿者不在所选队伍中', [{ path: 'teamId', message: '该志愿者不在所选队伍中' }]);
      }
      const recordId = newId();
      await platform.transaction(who, async (trx, audit) => {
        await trx
          .insertInto('volunteerService')
          .values({
            id: recordId, volunteerId: id, source: 'manual', sourceId: null, teamId: input.teamId ?? null, serviceDate: input.date,
            hoursTenths: toTenths(input.hours), description: input.description, reason: input.reason, createdAt: new Date().toISOString(), createdBy: actor.userId,
          })
          .execute();
        await bumpServiceYear(trx, { volunteerId: id, serviceDate: input.date, hoursTenths: toTenths(input.hours) }, 1);
        await audit({
          event: 'volunteer.service.add', objectType: 'volunteer', objectId: id,
          summary: `补录志愿服务：${row.name} ${input.date} ${input.hours} 小时`,
          detail: { after: { recordId, date: input.date, hours: input.hours, description: input.description, teamId: input.teamId ?? null }, reason: input.reason },
        });
      });
      return this.summary(actor, id, { page: 1, pageSize: 20 });
    },
  };
}

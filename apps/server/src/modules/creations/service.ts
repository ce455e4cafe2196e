import type { z } from 'zod';
import { creationStatuses, type CreationDetail, type CreationStatus, type creationApply, type creationCheckInput, type creationListQuery, type creationName, type creationReviewInput, type creationRevoke, type CreationCheckKind } from '@gg/shared';
import type { Platform } from '../../platform/context.js';
import type { Actor } from '../../platform/authz/actor.js';
import { can, pathInScope } from '../../platform/authz/actor.js';
import type { AuditActor } from '../../platform/audit/audit.js';
import type { Trx } from '../../platform/db/database.js';
import { AppError } from '../../platform/errors.js';
import { creationRepository, type CreationRow } from './repository.js';
import { creationPolicy, type CreationAction } from './policy.js';
import { presentCreation, statusOf } from './presenter.js';
import { createCreationTypeService } from './types.js';
import { newId } from '../../platform/db/ids.js';

/** namedFrom plus whole years, less a day (2024-01-01 for 3 years → 2026-12-31). */
export function namedUntil(from: string, years: number): string {
  const d = new Date(`${from}T00:00:00Z`);
  d.setUTCFullYear(d.getUTCFullYear() + years);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

export function createCreationService(platform: Platform) {
  const { db } = platform;
  const repo = creationRepository(db);
  const types = createCreationTypeService(platform);

  async function load(actor: Actor, id: string) {
    const c = await repo.find(actor, id);
    if (!c) throw new AppError('CREATION_NOT_FOUND');
    return c;
  }
  function require(actor: Actor, c: CreationRow, action: CreationAction) {
    const status = statusOf(c);
    if (creationPolicy[action](actor, c, status)) return status;
    if (creationStatuses.some((s) => s !== status && creationPolicy[action](actor, c, s))) throw new AppError('CREATION_STATE');
    throw new AppError('FORBIDDEN');
  }

  /** Change the status and keep the history row, in the caller's transaction. */
  async function transition(trx: Trx, actor: Actor, c: CreationRow, from: CreationStatus, to: string, event: string, note: string | null, patch: Parameters<ReturnType<typeof creationRepository>['update']>[1] = {}) {
    const r = creationRepository(trx);
    await r.update(c.id, { ...patch, status: to });
    await r.insertEvent({ id: newId(), creationId: c.id, event, fromStatus: from, toStatus: to, note, at: new Date().toISOString(), byUser: actor.userId });
  }

  /** Score a check against the type's checklist: every criterion answered; pass items must pass; points reach the pass score. */
  async function score(c: CreationRow, input: z.output<typeof creationCheckInput>) {
    const type = await types.load(c.typeId);
    const criteria = await repo.criteriaOf([c.typeId]);
    const byId = new Map(criteria.map((k) => [k.id, k]));
    const answered = new Set(input.items.map((i) => i.criterionId));
    if (answered.size !== input.items.length || criteria.some((k) => !answered.has(k.id)) || input.items.some((i) => !byId.has(i.criterionId))) {
      throw new AppError('CREATION_CHECK_INCOMPLETE', undefined, [{ path: 'items', message: '请对每一项创建标准填写验收结果' }]);
    }
    for (const i of input.items) {
      const k = byId.get(i.criterionId)!;
      if (k.scoring === 'points' && i.points > k.maxPoints) throw new AppError('VALIDATION_FAILED', `「${k.title}」得分不能超过${k.maxPoints}分`, [{ path: 'items', message: `得分不能超过${k.maxPoints}分` }]);
    }
    const total = input.items.reduce((s, i) => s + (byId.get(i.criterionId)!.scoring === 'points' ? i.points : 0), 0);
    const passed = input.items.every((i) => byId.get(i.criterionId)!.scoring !== 'pass' || i.passed) && total >= type.passScore;
    return { type, total, passed, byId };
  }

  async function writeCheck(trx: Trx, actor: Actor, c: CreationRow, kind: CreationCheckKind, input: z.output<typeof creationCheckInput>, reviewYear: number | null, scored: Awaited<ReturnType<typeof score>>) {
    const checkId = newId();
    await creationRepository(trx).insertCheck(
      { id: checkId, creationId: c.id, kind, reviewYear, checkDate: input.checkDate, inspectors: input.inspectors, passed: scored.passed ? 1 : 0, totalPoints: scored.total, note: input.note ?? null, createdAt: new Date().toISOString(), createdBy: actor.userId },
      input.items.map((i) => ({ checkId, criterionId: i.criterionId, passed: i.passed ? 1 : 0, points: scored.byId.get(i.criterionId)!.scoring === 'points' ? i.points : 0, note: i.note ?? null })),
    );
    return checkId;
  }

  return {
    async list(actor: Actor, query: z.output<typeof creationListQuery>) {
      let underPath: string | undefined;
      if (query.orgUnitId) {
        const node = await repo.orgUnit(query.orgUnitId);
        if (!node) throw new AppError('ORG_UNIT_NOT_FOUND');
        underPath = node.path;
      }
      const { rows, total } = await repo.list(actor, { underPath, ...query }, query);
      return { items: rows.map((r) => presentCreation(actor, r)), total, page: query.page, pageSize: query.pageSize };
    },

    async get(actor: Actor, id: string): Promise<CreationDetail> {
      const c = await load(actor, id);
      const { checks, items } = await repo.checksOf(id);
      const events = await repo.eventsOf(id);
      return {
        ...presentCreation(actor, c),
        checks: checks.map((k) => ({
          id: k.id, kind: k.kind as CreationCheckKind, reviewYear: k.reviewYear, checkDate: k.checkDate, inspectors: k.inspectors, passed: Boolean(k.passed), totalPoints: k.totalPoints, note: k.note,
          items: items.filter((i) => i.checkId === k.id).map((i) => ({ criterionId: i.criterionId, title: i.title, passed: Boolean(i.passed), points: i.points, note: i.note })),
        })),
        history: events.map((e) => ({ id: e.id, event: e.event, fromStatus: e.fromStatus, toStatus: e.toStatus, note: e.note, at: e.at, byName: e.byName ?? null })),
      };
    },

    async board(actor: Actor, typeId: string | undefined) {
      const list = await types.list(actor);
      const rows = await repo.board(actor, typeId);
      const zero = () => Object.fromEntries(creationStatuses.map((s) => [s, 0])) as Record<CreationStatus, number>;
      const byTownship = new Map<string, { townshipId: string; townshipName: string; counts: Record<CreationStatus, number> }>();
      const totals = zero();
      for (const r of rows) {
        const entry = byTownship.get(r.townshipId) ?? { townshipId: r.townshipId, townshipName: r.townshipName, counts: zero() };
        entry.counts[r.status as CreationStatus] += Number(r.n);
        totals[r.status as CreationStatus] += Number(r.n);
        byTownship.set(r.townshipId, entry);
      }
      return { types: list.map((t) => ({ id: t.id, name: t.name })), rows: [...byTownship.values()], totals };
    },

    async apply(actor: Actor, who: AuditActor, input: z.output<typeof creationApply>) {
      const node = await repo.orgUnit(input.orgUnitId);
      if (!node || node.status !== 'active' || !pathInScope(actor.scope, node.id, node.path)) throw new AppError('ORG_UNIT_NOT_FOUND');
      const type = await types.load(input.typeId);
      if (type.status !== 'active') throw new AppError('CREATION_TYPE_NOT_FOUND');
      if (!(JSON.parse(type.targetKinds) as string[]).includes(node.kind)) throw new AppError('CREATION_TARGET_KIND');
      if (await repo.openFor(type.id, node.id)) throw new AppError('CREATION_DUPLICATE');
      const evidence = [...new Set(input.evidenceUploadIds)];
      if ((await repo.visibleUploads(actor, evidence)).length !== evidence.length) throw new AppError('UPLOAD_NOT_FOUND', undefined, [{ path: 'evidenceUploadIds', message: '佐证材料不存在，请重新上传' }]);
      const id = newId();
      const now = new Date().toISOString();
      await platform.transaction(who, async (trx, audit) => {
        const r = creationRepository(trx);
        await r.insert({
          id, typeId: type.id, orgUnitId: node.id, status: 'applied', applicationNote: input.note ?? null, evidenceUploadIds: JSON.stringify(evidence),
          appliedAt: now, appliedBy: actor.userId, namedTitle: null, namedFrom: null, namedUntil: null, revokedAt: null, revokeReason: null, createdAt: now, updatedAt: now,
        });
        await r.insertEvent({ id: newId(), creationId: id, event: 'apply', fromStatus: null, toStatus: 'applied', note: input.note ?? null, at: now, byUser: actor.userId });
        await audit({ event: 'creation.apply', objectType: 'creation', objectId: id, summary: `创建申报：${node.name} 申报「${type.name}」`, detail: { after: { typeId: type.id, orgUnitId: node.id, evidence: evidence.length, status: 'applied' } } });
      });
      return this.get(actor, id);
    },

    async check(actor: Actor, who: AuditActor, id: string, input: z.output<typeof creationCheckInput>) {
      const c = await load(actor, id);
      const from = require(actor, c, 'check');
      const scored = await score(c, input);
      const to = scored.passed ? 'checked' : 'rejected';
      await platform.transaction(who, async (trx, audit) => {
        const checkId = await writeCheck(trx, actor, c, 'joint', input, null, scored);
        await transition(trx, actor, c, from, to, 'check', `${input.checkDate} ${input.inspectors}：${scored.passed ? '验收通过' : '验收未通过'}（${scored.total}分）${input.note ? `，${input.note}` : ''}`);
        await audit({ event: 'creation.check', objectType: 'creation', objectId: id, summary: `联合验收：${c.orgUnitName}「${c.typeName}」${scored.passed ? '通过' : '未通过'}`, detail: { before: { status: from }, after: { status: to, checkId, totalPoints: scored.total, passed: scored.passed } } });
      });
      return this.get(actor, id);
    },

    async name(actor: Actor, who: AuditActor, id: string, input: z.output<typeof creationName>) {
      const c = await load(actor, id);
      const from = require(actor, c, 'name');
      const type = await types.load(c.typeId);
      const until = namedUntil(input.namedFrom, type.validYears);
      const title = input.title ?? `${type.name}`;
      await platform.transaction(who, async (trx, audit) => {
        await transition(trx, actor, c, from, 'named', 'name', `命名为「${title}」，有效期 ${input.namedFrom} 至 ${until}`, { namedTitle: title, namedFrom: input.namedFrom, namedUntil: until, revokedAt: null, revokeReason: null });
        await audit({ event: 'creation.name', objectType: 'creation', objectId: id, summary: `命名：${c.orgUnitName}「${title}」`, detail: { before: { status: from }, after: { status: 'named', namedFrom: input.namedFrom, namedUntil: until, title } } });
      });
      return this.get(actor, id);
    },

    async review(actor: Actor, who: AuditActor, id: string, input: z.output<typeof creationReviewInput>) {
      const c = await load(actor, id);
      const from = require(actor, c, 'review');
      const { year, ...check } = input;
      const scored = await score(c, check);
      const to = scored.passed ? 'named' : 'revoked';
      await platform.transaction(who, async (trx, audit) => {
        const checkId = await writeCheck(trx, actor, c, 'review', check, year, scored);
        const note = `${year}年度复查${scored.passed ? '合格' : '不合格'}（${scored.total}分）${input.note ? `，${input.note}` : ''}`;
        await transition(trx, actor, c, from, to, 'review', note, scored.passed ? {} : { revokedAt: new Date().toISOString(), revokeReason: `${year}年度复查不合格` });
        await audit({ event: 'creation.review', objectType: 'creation', objectId: id, summary: `年度复查：${c.orgUnitName}「${c.typeName}」${year}年${scored.passed ? '合格' : '不合格，撤销命名'}`, detail: { before: { status: from }, after: { status: to, checkId, year, passed: scored.passed } } });
      });
      return this.get(actor, id);
    },

    async revoke(actor: Actor, who: AuditActor, id: string, input: z.output<typeof creationRevoke>) {
      const c = await load(actor, id);
      const from = require(actor, c, 'revoke');
      if (!can(actor, 'creation:manage')) throw new AppError('FORBIDDEN');
      await platform.transaction(who, async (trx, audit) => {
        await transition(trx, actor, c, from, 'revoked', 'revoke', `${input.incidentDate} 发生：${input.reason}`, { revokedAt: new Date().toISOString(), revokeReason: input.reason });
        await audit({ event: 'creation.revoke', objectType: 'creation', objectId: id, summary: `撤销命名：${c.orgUnitName}「${c.typeName}」`, detail: { before: { status: from }, after: { status: 'revoked', incidentDate: input.incidentDate }, reason: input.reason } });
      });
      return this.get(actor, id);
    },
  };
}

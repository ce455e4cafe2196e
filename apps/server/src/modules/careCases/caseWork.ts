import type { z } from 'zod';
import {
  assistanceKindLabels, careCaseOutcomeLabels, careCaseStatusLabels, careCaseTransitions, mentorRoleLabels, needKindLabels, riskLevelLabels, visitModeLabels,
  type AssistanceKind, type CareCaseStatus, type MentorRole, type NeedKind, type RiskLevel, type TimelineEvent, type VisitMode,
  type careCaseClosureDecision, type careCaseClosureRequest, type careCaseTransition, type goalCreate, type needCreate, type screeningCreate,
} from '@gg/shared';
import type { Platform } from '../../platform/context.js';
import type { Actor } from '../../platform/authz/actor.js';
import type { AuditActor } from '../../platform/audit/audit.js';
import { AppError } from '../../platform/errors.js';
import { careCaseRepository } from './repository.js';
import { careCasePolicy } from './policy.js';
import { keepCaseStats } from './caseStats.js';
import { auditName } from './presenter.js';
import { requireAllowed, type createCareCaseService } from './service.js';
import { trainingIndustryLabels, trainingOutcomeLabels } from '@gg/shared';
import { trainingForCase } from '../training/index.js';
import { newId } from '../../platform/db/ids.js';

type ScreeningInput = z.output<typeof screeningCreate>;
type NeedInput = z.output<typeof needCreate>;
type GoalInput = z.output<typeof goalCreate>;

export const screeningAad = (id: string, field: 'description' | 'handling') => `care_case_screening:${id}:${field}`;
export const visitAad = (id: string) => `care_visit:${id}:content`;

const today = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);

/** Case work: status moves, closure with a second person's approval, screenings, needs, plan goals, timeline. */
export function createCaseWorkService(platform: Platform, cases: ReturnType<typeof createCareCaseService>) {
  const { db, cipher } = platform;

  async function logAndAudit(who: AuditActor, actor: Actor, caseId: string, change: { kind: string; from: string | null; to: string | null; note: string | null }, casePatch: Record<string, unknown>, audit: { event: string; summary: string; detail?: Record<string, unknown> }) {
    await platform.transaction(who, async (trx, write) => {
      const now = new Date().toISOString();
      const r = careCaseRepository(trx);
      await keepCaseStats(trx, [caseId], () => r.update(caseId, { ...casePatch, updatedAt: now }));
      await r.logStatus({ id: newId(), caseId, kind: change.kind, fromStatus: change.from, toStatus: change.to, note: change.note, at: now, byUserId: actor.userId });
      await write({ event: audit.event, objectType: 'careCase', objectId: caseId, summary: audit.summary, detail: audit.detail });
    });
  }

  return {
    async transition(actor: Actor, who: AuditActor, id: string, input: z.output<typeof careCaseTransition>) {
      const row = await cases.load(actor, id);
      const to = input.to as CareCaseStatus;
      requireAllowed(actor.permissions.has('careCase:update'));
      if (row.anonymizedAt) throw new AppError('CARE_CASE_TRANSITION_INVALID', '档案已匿名化，不能重新启动');
      if (!careCaseTransitions[row.status as CareCaseStatus]?.includes(to)) {
        throw new AppError('CARE_CASE_TRANSITION_INVALID', `不能从“${careCaseStatusLabels[row.status as CareCaseStatus]}”变为“${careCaseStatusLabels[to]}”`);
      }
      const patch: Record<string, unknown> = { status: to };
      if (to === 'plan' && !row.planAt) patch.planAt = new Date().toISOString();
      if (to === 'reopened') Object.assign(patch, { closedAt: null, outcome: null, outcomeNote: null, closureOutcome: null, closureNote: null, closureRequestedAt: null, closureRequestedBy: null });
      await logAndAudit(who, actor, id, { kind: 'status', from: row.status, to, note: input.note ?? null }, patch, {
        event: 'careCase.transition',
        summary: `帮扶对象档案状态：${auditName(row.name)} ${careCaseStatusLabels[row.status as CareCaseStatus]} → ${careCaseStatusLabels[to]}`,
        detail: { before: { status: row.status }, after: { status: to } },
      });
      return cases.present(actor, id);
    },

    async requestClosure(actor: Actor, who: AuditActor, id: string, input: z.output<typeof careCaseClosureRequest>) {
      const row = await cases.load(actor, id);
      if (!careCasePolicy.requestClosure(actor, row)) {
        requireAllowed(actor.permissions.has('careCase:update'));
        throw new AppError('CARE_CASE_TRANSITION_INVALID', '只有帮扶中的案件可以申请结案，且不能重复申请');
      }
      await logAndAudit(who, actor, id, { kind: 'closureRequested', from: row.status, to: null, note: input.note ?? null },
        { closureOutcome: input.outcome, closureNote: input.note ?? null, closureRequestedBy: actor.userId, closureRequestedAt: new Date().toISOString() },
        { event: 'careCase.requestClosure', summary: `申请结案：${auditName(row.name)}（${careCaseOutcomeLabels[input.outcome]}）`, detail: { outcome: input.outcome } });
      return cases.present(actor, id);
    },

    /** A supervisor with careCase:approveClosure, never the requester, approves (→ closed) or sends back. */
    async decideClosure(actor: Actor, who: AuditActor, id: string, input: z.output<typeof careCaseClosureDecision>) {
      const row = await cases.load(actor, id);
      if (!row.closureRequestedAt || row.status !== 'in_progress') throw new AppError('CARE_CASE_CLOSURE_NOT_REQUESTED');
      if (row.closureRequestedBy === actor.userId) throw new AppError('CARE_CASE_CLOSURE_SELF_APPROVAL');
      requireAllowed(careCasePolicy.decideClosure(actor, row));
      const now = new Date().toISOString();
      const patch = input.approve
        ? { status: 'closed', closedAt: now, outcome: row.closureOutcome, outcomeNote: row.closureNote }
        : { closureOutcome: null, closureNote: null, closureRequestedAt: null, closureRequestedBy: null };
      await logAndAudit(who, actor, id, { kind: 'closureDecided', from: row.status, to: input.approve ? 'closed' : row.status, note: input.note ?? null }, patch, {
        event: input.approve ? 'careCase.approveClosure' : 'careCase.rejectClosure',
        summary: `${input.approve ? '批准结案' : '退回结案申请'}：${auditName(row.name)}`,
        detail: { outcome: row.closureOutcome, requestedBy: row.closureRequestedBy, approve: input.approve },
      });
      return cases.present(actor, id);
    },

    // ---- screenings (排查) ----

    async listScreenings(actor: Actor, id: string) {
      await cases.load(actor, id);
      const rows = await db.selectFrom('careCaseScreening').selectAll().where('caseId', '=', id).orderBy('screenedOn', 'desc').orderBy('createdAt', 'desc').execute();
      return rows.map((r) => ({
        id: r.id, screenedOn: r.screenedOn, riskFound: Boolean(r.riskFound), riskLevel: (r.riskLevel as RiskLevel | null) ?? null, reoffended: Boolean(r.reoffended),
        description: r.descriptionEnc ? cipher.decrypt(r.descriptionEnc, screeningAad(r.id, 'description')) : null,
        handling: r.handlingEnc ? cipher.decrypt(r.handlingEnc, screeningAad(r.id, 'handling')) : null,
        screenedBy: r.screenedBy, createdAt: r.createdAt,
      }));
    },

    async addScreening(actor: Actor, who: AuditActor, id: string, input: ScreeningInput) {
      const row = await cases.load(actor, id);
      requireAllowed(careCasePolicy.recordWork(actor, row));
      const sid = newId();
      await platform.transaction(who, async (trx, audit) => {
        await trx.insertInto('careCaseScreening').values({
          id: sid, caseId: id, screenedOn: input.screenedOn, riskFound: input.riskFound ? 1 : 0, riskLevel: input.riskLevel ?? null, reoffended: input.reoffended ? 1 : 0,
          descriptionEnc: input.description ? cipher.encrypt(input.description, screeningAad(sid, 'description')) : null,
          handlingEnc: input.handling ? cipher.encrypt(input.handling, screeningAad(sid, 'handling')) : null,
          screenedBy: input.screenedBy, createdBy: actor.userId, createdAt: new Date().toISOString(),
        }).execute();
        // A screening that finds a level updates the case's current risk level.
        if (input.riskLevel && input.riskLevel !== row.riskLevel) await careCaseRepository(trx).update(id, { riskLevel: input.riskLevel, updatedAt: new Date().toISOString() });
        await audit({ event: 'careCase.screening', objectType: 'careCase', objectId: id, summary: `记录风险排查：${auditName(row.name)}（${input.screenedOn}）`, detail: { screeningId: sid, riskFound: input.riskFound, riskLevel: input.riskLevel ?? null } });
      });
      return (await this.listScreenings(actor, id)).find((s) => s.id === sid)!;
    },

    // ---- needs (帮扶需求) ----

    async listNeeds(actor: Actor, id: string) {
      await cases.load(actor, id);
      const rows = await db.selectFrom('careCaseNeed').selectAll().where('caseId', '=', id).orderBy('createdAt').execute();
      return rows.map((r) => ({ id: r.id, kind: r.kind as NeedKind, description: r.description, resolvedOn: r.resolvedOn, createdAt: r.createdAt }));
    },

    async addNeed(actor: Actor, who: AuditActor, id: string, input: NeedInput) {
      const row = await cases.load(actor, id);
      requireAllowed(careCasePolicy.recordWork(actor, row));
      const nid = newId();
      await platform.transaction(who, async (trx, audit) => {
        await trx.insertInto('careCaseNeed').values({ id: nid, caseId: id, kind: input.kind, description: input.description, resolvedOn: null, createdBy: actor.userId, createdAt: new Date().toISOString() }).execute();
        await audit({ event: 'careCase.need', objectType: 'careCase', objectId: id, summary: `登记帮扶需求：${auditName(row.name)}（${needKindLabels[input.kind]}）`, detail: { needId: nid, kind: input.kind } });
      });
      return (await this.listNeeds(actor, id)).find((n) => n.id === nid)!;
    },

    async resolveNeed(actor: Actor, who: AuditActor, id: string, needId: string, resolvedOn: string | null) {
      const row = await cases.load(actor, id);
      requireAllowed(careCasePolicy.recordWork(actor, row));
      const need = await db.selectFrom('careCaseNeed').selectAll().where('id', '=', needId).where('caseId', '=', id).executeTakeFirst();
      if (!need) throw new AppError('CARE_CASE_ITEM_NOT_FOUND');
      await platform.transaction(who, async (trx, audit) => {
        await trx.updateTable('careCaseNeed').set({ resolvedOn }).where('id', '=', needId).execute();
        await audit({ event: 'careCase.need', objectType: 'careCase', objectId: id, summary: `${resolvedOn ? '帮扶需求已解决' : '帮扶需求重新打开'}：${auditName(row.name)}`, detail: { needId, before: { resolvedOn: need.resolvedOn }, after: { resolvedOn } } });
      });
      return (await this.listNeeds(actor, id)).find((n) => n.id === needId)!;
    },

    // ---- plan goals (帮扶计划) ----

    async listGoals(actor: Actor, id: string) {
      await cases.load(actor, id);
      const rows = await db.selectFrom('careCaseGoal').selectAll().where('caseId', '=', id).orderBy('dueOn').orderBy('createdAt').execute();
      const t = today();
      return rows.map((r) => ({ id: r.id, goal: r.goal, dueOn: r.dueOn, doneOn: r.doneOn, overdue: !r.doneOn && r.dueOn < t, createdAt: r.createdAt }));
    },

    async addGoal(actor: Actor, who: AuditActor, id: string, input: GoalInput) {
      const row = await cases.load(actor, id);
      requireAllowed(careCasePolicy.recordWork(actor, row));
      const gid = newId();
      await platform.transaction(who, async (trx, audit) => {
        await trx.insertInto('careCaseGoal').values({ id: gid, caseId: id, goal: input.goal, dueOn: input.dueOn, doneOn: null, createdBy: actor.userId, createdAt: new Date().toISOString() }).execute();
        await audit({ event: 'careCase.goal', objectType: 'careCase', objectId: id, summary: `制定帮扶目标：${auditName(row.name)}（${input.dueOn} 前）`, detail: { goalId: gid, dueOn: input.dueOn } });
      });
      return (await this.listGoals(actor, id)).find((g) => g.id === gid)!;
    },

    async completeGoal(actor: Actor, who: AuditActor, id: string, goalId: string, doneOn: string | null) {
      const row = await cases.load(actor, id);
      requireAllowed(careCasePolicy.recordWork(actor, row));
      const goal = await db.selectFrom('careCaseGoal').selectAll().where('id', '=', goalId).where('caseId', '=', id).executeTakeFirst();
      if (!goal) throw new AppError('CARE_CASE_ITEM_NOT_FOUND');
      await platform.transaction(who, async (trx, audit) => {
        await trx.updateTable('careCaseGoal').set({ doneOn }).where('id', '=', goalId).execute();
        await audit({ event: 'careCase.goal', objectType: 'careCase', objectId: id, summary: `${doneOn ? '帮扶目标完成' : '帮扶目标重新打开'}：${auditName(row.name)}`, detail: { goalId, before: { doneOn: goal.doneOn }, after: { doneOn } } });
      });
      return (await this.listGoals(actor, id)).find((g) => g.id === goalId)!;
    },

    /** Everything that happened to the case, newest first. Sealed offence details never appear here. */
    async timeline(actor: Actor, id: string): Promise<TimelineEvent[]> {
      await cases.load(actor, id);
      const [changes, screenings, needs, goals, pairs, visits, help] = await Promise.all([
        db.selectFrom('careCaseStatusChange').selectAll().where('caseId', '=', id).execute(),
        db.selectFrom('careCaseScreening').select(['screenedOn', 'riskFound', 'riskLevel', 'screenedBy', 'createdAt', 'createdBy']).where('caseId', '=', id).execute(),
        db.selectFrom('careCaseNeed').selectAll().where('caseId', '=', id).execute(),
        db.selectFrom('careCaseGoal').selectAll().where('caseId', '=', id).execute(),
        db.selectFrom('careMentorship').innerJoin('volunteer', 'volunteer.id', 'careMentorship.volunteerId').select(['careMentorship.startOn', 'careMentorship.endOn', 'careMentorship.endReason', 'careMentorship.role', 'careMentorship.createdBy', 'volunteer.name']).where('careMentorship.caseId', '=', id).execute(),
        db.selectFrom('careVisit').selectAll().where('caseId', '=', id).execute(),
        db.selectFrom('careAssistance').selectAll().where('caseId', '=', id).execute(),
      ]);
      const names = await careCaseRepository(db).namesOfUsers([
        ...changes.map((c) => c.byUserId), ...screenings.map((s) => s.createdBy), ...needs.map((n) => n.createdBy), ...goals.map((g) => g.createdBy),
        ...pairs.map((p) => p.createdBy), ...visits.map((v) => v.recordedBy), ...help.map((h) => h.recordedBy),
      ]);
      const by = (uid: string | null) => (uid ? names.get(uid) ?? null : null);
      const ev: TimelineEvent[] = [];
      for (const c of changes) {
        const title =
          c.kind === 'created' ? '建档登记'
          : c.kind === 'closureRequested' ? '申请结案'
          : c.kind === 'closureDecided' ? (c.toStatus === 'closed' ? '批准结案' : '结案申请被退回')
          : c.kind === 'merged' ? '合并重复档案'
          : `状态：${careCaseStatusLabels[c.fromStatus as CareCaseStatus] ?? c.fromStatus} → ${careCaseStatusLabels[c.toStatus as CareCaseStatus] ?? c.toStatus}`;
        const kind: TimelineEvent['kind'] = c.kind === 'created' || c.kind === 'merged' || c.kind === 'closureRequested' || c.kind === 'closureDecided' ? c.kind : 'status';
        ev.push({ at: c.at, kind, title, detail: c.note, by: by(c.byUserId) });
      }
      for (const s of screenings) ev.push({ at: `${s.screenedOn}T00:00:00.000Z`, kind: 'screening', title: `风险排查：${s.riskFound ? `发现风险${s.riskLevel ? `（${riskLevelLabels[s.riskLevel as RiskLevel]}）` : ''}` : '未发现风险'}`, detail: `排查人：${s.screenedBy}`, by: by(s.createdBy) });
      for (const n of needs) {
        ev.push({ at: n.createdAt, kind: 'need', title: `帮扶需求：${needKindLabels[n.kind as NeedKind]}`, detail: n.description, by: by(n.createdBy) });
        if (n.resolvedOn) ev.push({ at: `${n.resolvedOn}T00:00:00.000Z`, kind: 'needResolved', title: `需求已解决：${needKindLabels[n.kind as NeedKind]}`, detail: null, by: null });
      }
      for (const g of goals) {
        ev.push({ at: g.createdAt, kind: 'goal', title: `帮扶目标（${g.dueOn} 前）`, detail: g.goal, by: by(g.createdBy) });
        if (g.doneOn) ev.push({ at: `${g.doneOn}T00:00:00.000Z`, kind: 'goalDone', title: '目标完成', detail: g.goal, by: null });
      }
      for (const p of pairs) {
        ev.push({ at: `${p.startOn}T00:00:00.000Z`, kind: 'mentorship', title: `结对帮扶：${p.name}（${mentorRoleLabels[p.role as MentorRole]}）`, detail: null, by: by(p.createdBy) });
        if (p.endOn) ev.push({ at: `${p.endOn}T00:00:00.000Z`, kind: 'mentorshipEnded', title: `结对结束：${p.name}`, detail: p.endReason ?? null, by: null });
      }
      for (const v of visits) ev.push({ at: `${v.visitedOn}T00:00:00.000Z`, kind: 'visit', title: `走访：${visitModeLabels[v.mode as VisitMode]}`, detail: cipher.decrypt(v.contentEnc, visitAad(v.id)), by: by(v.recordedBy) });
      // 助业 through skills training (training module): enrolment, completion and follow-up results.
      for (const t of await trainingForCase(db, id)) {
        ev.push({ at: t.enrolledAt, kind: 'training', title: `助业·技能培训报名：${t.classTitle}`, detail: `${t.startDate} 至 ${t.endDate}`, by: null });
        if (t.status === 'completed' || t.status === 'not_completed') ev.push({ at: `${t.endDate}T00:00:00.000Z`, kind: 'training', title: `技能培训${t.status === 'completed' ? '结业' : '未结业'}：${t.classTitle}`, detail: null, by: null });
        for (const f of t.followUps) ev.push({ at: `${f.recordedOn}T00:00:00.000Z`, kind: 'training', title: `培训跟踪回访（${f.month}个月）：${trainingOutcomeLabels[f.outcome]}${f.employer ? ` · ${f.employer}` : ''}${f.industry ? `（${trainingIndustryLabels[f.industry]}）` : ''}`, detail: f.note, by: null });
      }
      for (const h of help) ev.push({ at: `${h.paidOn}T00:00:00.000Z`, kind: 'assistance', title: `${assistanceKindLabels[h.kind as AssistanceKind]}：${h.amountFen ? `¥${(Number(h.amountFen) / 100).toFixed(2)}` : ''}${h.goods ? ` ${h.goods}` : ''}`.trim(), detail: `资金来源：${h.fundingSource}；审批人：${h.approvedBy}`, by: by(h.recordedBy) });
      return ev.sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0));
    },
  };
}


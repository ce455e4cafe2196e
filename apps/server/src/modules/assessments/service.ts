import type { z } from 'zod';
import { assessmentStatusLabels, type assessmentListQuery, type assessmentReviewInput, type assessmentSelfInput, type AssessmentDetail, type RubricMetric } from '@gg/shared';
import type { Platform } from '../../platform/context.js';
import type { Actor } from '../../platform/authz/actor.js';
import type { AuditActor } from '../../platform/audit/audit.js';
import type { Executor } from '../../platform/db/database.js';
import type { AssessmentScoreTable, RubricItemTable } from '../../platform/db/schema.js';
import { AppError } from '../../platform/errors.js';
import { assessmentRepository, type AssessmentFilter, type AssessmentRow } from './repository.js';
import { assessmentPolicy } from './policy.js';
import { presentAssessment, presentItem } from './presenter.js';
import { computedPoints, inRange, totalOf } from './scoring.js';
import { metricsFor } from './metrics.js';
import { newId } from '../../platform/db/ids.js';

type ListQuery = z.output<typeof assessmentListQuery>;
type ScoresInput = z.output<typeof assessmentSelfInput> | z.output<typeof assessmentReviewInput>;

const ownerKey = (a: { memberUnitId: string | null; orgUnitId: string | null }) => (a.memberUnitId ?? a.orgUnitId)!;

export function createAssessmentService(platform: Platform) {
  const { db } = platform;
  const repo = assessmentRepository(db);

  async function load(actor: Actor, id: string): Promise<AssessmentRow> {
    const row = await repo.findVisible(actor, id);
    if (!row) throw new AppError('ASSESSMENT_NOT_FOUND');
    return row;
  }
  const allow = (ok: boolean) => {
    if (!ok) throw new AppError('ASSESSMENT_STATE');
  };

  /** Live metric values for a unit and year (computed items), keyed by metric. */
  async function liveMetrics(a: AssessmentRow) {
    return (await metricsFor(db, [a], Number(a.year))).get(ownerKey(a))!;
  }

  /** Hand-given points: manual items of this rubric only, each within its range. */
  function checkScores(items: RubricItemTable[], scores: ScoresInput['scores']) {
    for (const s of scores) {
      const item = items.find((i) => i.id === s.itemId);
      if (!item) throw new AppError('ASSESSMENT_POINTS_INVALID', '评分项不属于本考核细则', [{ path: 'scores', message: '评分项不属于本考核细则' }]);
      if (item.scoring === 'computed') throw new AppError('ASSESSMENT_POINTS_INVALID', `“${item.title}”按数据自动计分，不能手工打分`);
      if (!inRange({ ...item, maxPoints: item.maxPoints === null ? null : Number(item.maxPoints) }, s.points)) throw new AppError('ASSESSMENT_POINTS_INVALID', `“${item.title}”的分值超出范围`);
    }
  }

  /** Write every line: hand-given points from `scores` (or kept), computed items from the metrics. Returns the total. */
  async function writeLines(trx: Executor, a: AssessmentRow, items: RubricItemTable[], side: 'self' | 'review', scores: ScoresInput['scores'] | null, metrics: Record<RubricMetric, number>) {
    const r = assessmentRepository(trx);
    const existing = new Map((await r.scores(a.id)).map((s) => [s.itemId, s]));
    const points: number[] = [];
    for (const item of items) {
      const old: AssessmentScoreTable = existing.get(item.id) ?? { assessmentId: a.id, itemId: item.id, computedValue: null, selfPoints: null, selfNote: null, reviewPoints: null, reviewNote: null };
      const given = scores?.find((s) => s.itemId === item.id);
      const next = { ...old };
      if (item.scoring === 'computed') {
        const value = metrics[item.metric as RubricMetric] ?? 0;
        next.computedValue = value;
        const p = computedPoints({ ...item, maxPoints: item.maxPoints === null ? null : Number(item.maxPoints) }, value);
        if (side === 'self') next.selfPoints = p;
        else next.reviewPoints = p;
      } else if (side === 'self') {
        if (given) [next.selfPoints, next.selfNote] = [given.points, given.note ?? null];
      } else {
        if (given) [next.reviewPoints, next.reviewNote] = [given.points, given.note ?? null];
        else if (next.reviewPoints === null) next.reviewPoints = next.selfPoints;
      }
      await r.upsertScore(next);
      points.push(Number((side === 'self' ? next.selfPoints : next.reviewPoints) ?? 0));
    }
    return totalOf(points);
  }

  async function event(trx: Executor, actor: Actor, a: AssessmentRow, name: string, to: string, total: number | null, note: string | null) {
    await assessmentRepository(trx).insertEvent({ id: newId(), assessmentId: a.id, event: name, fromStatus: a.status, toStatus: to, total, note, at: new Date().toISOString(), byUser: actor.userId });
  }

  return {
    load,

    async get(actor: Actor, id: string): Promise<AssessmentDetail> {
      const a = await load(actor, id);
      const items = await repo.items([a.rubricId]);
      const scores = new Map((await repo.scores(id)).map((s) => [s.itemId, s]));
      // Before the office has reviewed, computed lines show today's data; afterwards the values scored.
      const live = a.status === 'pending' || a.status === 'submitted' ? await liveMetrics(a) : null;
      const history = await repo.history(id);
      return {
        ...presentAssessment(actor, a),
        lines: items.map((i) => {
          const s = scores.get(i.id);
          const value = i.scoring === 'computed' ? (live ? (live[i.metric as RubricMetric] ?? 0) : (s?.computedValue ?? null)) : null;
          const item = presentItem(i);
          return Object.assign(item, {
            computedValue: value === null ? null : Number(value),
            computedPoints: value === null ? null : computedPoints(item, Number(value)),
            selfPoints: s?.selfPoints ?? null, selfNote: s?.selfNote ?? null, reviewPoints: s?.reviewPoints ?? null, reviewNote: s?.reviewNote ?? null,
          });
        }),
        history: history.map((h) => ({ id: h.id, event: h.event, fromStatus: h.fromStatus, toStatus: h.toStatus, total: h.total === null ? null : Number(h.total), note: h.note, at: h.at, byName: h.byName ?? null })),
      };
    },

    async list(actor: Actor, query: ListQuery) {
      const { rows, total } = await repo.list(actor, query as AssessmentFilter, query);
      return { items: rows.map((r) => presentAssessment(actor, r)), total, page: query.page, pageSize: query.pageSize };
    },

    /** One pending assessment per member unit (or per township committee) for the year, skipping those that exist. */
    async generate(actor: Actor, who: AuditActor, year: number, rubricId: string) {
      const rubric = await repo.rubric(rubricId);
      if (!rubric || rubric.status !== 'active') throw new AppError('RUBRIC_NOT_FOUND');
      const owners =
        rubric.appliesTo === 'memberUnit'
          ? (await db.selectFrom('memberUnit').select('id').where('status', '=', 'active').execute()).map((u) => ({ memberUnitId: u.id, orgUnitId: null }))
          : (await db.selectFrom('orgUnit').select('id').where('kind', '=', 'township').where('status', '=', 'active').where('hasCommittee', '=', 1).execute()).map((o) => ({ memberUnitId: null, orgUnitId: o.id }));
      const existing = new Set((await db.selectFrom('assessment').select(['memberUnitId', 'orgUnitId']).where('year', '=', year).where('rubricId', '=', rubricId).execute()).map(ownerKey));
      const fresh = owners.filter((o) => !existing.has(ownerKey(o)));
      const now = new Date().toISOString();
      await platform.transaction(who, async (trx, audit) => {
        const r = assessmentRepository(trx);
        for (const o of fresh) {
          const id = newId();
          await r.insert({ id, year, rubricId, ...o, status: 'pending', selfTotal: null, reviewTotal: null, finalScore: null, selfComment: null, reviewComment: null, finalComment: null, submittedAt: null, reviewedAt: null, finalizedAt: null, createdAt: now, updatedAt: now });
          await r.insertEvent({ id: newId(), assessmentId: id, event: 'create', fromStatus: null, toStatus: 'pending', total: null, note: null, at: now, byUser: actor.userId });
        }
        await audit({ event: 'assessment.generate', objectType: 'rubric', objectId: rubricId, summary: `发起${year}年度考核（${rubric.name}）${fresh.length} 个单位`, detail: { year, created: fresh.length, skipped: owners.length - fresh.length } });
      });
      return { created: fresh.length, skipped: owners.length - fresh.length };
    },

    /** Save the unit's self-assessment (draft): hand-scored lines and a comment. */
    async saveSelf(actor: Actor, who: AuditActor, id: string, input: z.output<typeof assessmentSelfInput>) {
      const a = await load(actor, id);
      allow(assessmentPolicy.selfAssess(actor, a));
      const items = await repo.items([a.rubricId]);
      checkScores(items, input.scores);
      const metrics = await liveMetrics(a);
      await platform.transaction(who, async (trx, audit) => {
        const total = await writeLines(trx, a, items, 'self', input.scores, metrics);
        await assessmentRepository(trx).update(id, { selfTotal: total, selfComment: input.comment ?? a.selfComment, updatedAt: new Date().toISOString() });
        await audit({ event: 'assessment.self', objectType: 'assessment', objectId: id, summary: `${a.ownerName}保存${a.year}年度自评（${total}分）`, detail: { before: { selfTotal: a.selfTotal }, after: { selfTotal: total }, lines: input.scores.length } });
      });
      return this.get(actor, id);
    },

    async submit(actor: Actor, who: AuditActor, id: string, note: string | null) {
      const a = await load(actor, id);
      allow(assessmentPolicy.submit(actor, a));
      const items = await repo.items([a.rubricId]);
      const metrics = await liveMetrics(a);
      const now = new Date().toISOString();
      await platform.transaction(who, async (trx, audit) => {
        const total = await writeLines(trx, a, items, 'self', null, metrics);
        if (!(await assessmentRepository(trx).transition(id, ['pending'], { status: 'submitted', selfTotal: total, submittedAt: now, updatedAt: now, ...(note && { selfComment: note }) }))) throw new AppError('ASSESSMENT_STATE');
        await event(trx, actor, a, 'submit', 'submitted', total, note);
        await audit({ event: 'assessment.submit', objectType: 'assessment', objectId: id, summary: `${a.ownerName}提交${a.year}年度自评：${total}分`, detail: { before: { status: a.status }, after: { status: 'submitted', selfTotal: total } } });
      });
      return this.get(actor, id);
    },

    /** The office's review: hand-scored lines (defaulting to the self-assessment), computed lines from today's data. */
    async review(actor: Actor, who: AuditActor, id: string, input: z.output<typeof assessmentReviewInput>) {
      const a = await load(actor, id);
      allow(assessmentPolicy.review(actor, a));
      const items = await repo.items([a.rubricId]);
      checkScores(items, input.scores);
      const metrics = await liveMetrics(a);
      const now = new Date().toISOString();
      await platform.transaction(who, async (trx, audit) => {
        const total = await writeLines(trx, a, items, 'review', input.scores, metrics);
        if (!(await assessmentRepository(trx).transition(id, ['submitted', 'reviewed'], { status: 'reviewed', reviewTotal: total, reviewComment: input.comment ?? a.reviewComment, reviewedAt: now, updatedAt: now }))) throw new AppError('ASSESSMENT_STATE');
        await event(trx, actor, a, 'review', 'reviewed', total, input.comment ?? null);
        await audit({ event: 'assessment.review', objectType: 'assessment', objectId: id, summary: `审核${a.ownerName}${a.year}年度考核：${total}分`, detail: { before: { status: a.status, reviewTotal: a.reviewTotal }, after: { status: 'reviewed', reviewTotal: total } } });
      });
      return this.get(actor, id);
    },

    async returnToUnit(actor: Actor, who: AuditActor, id: string, note: string | null) {
      const a = await load(actor, id);
      allow(assessmentPolicy.return(actor, a));
      await platform.transaction(who, async (trx, audit) => {
        if (!(await assessmentRepository(trx).transition(id, ['submitted', 'reviewed'], { status: 'pending', reviewTotal: null, updatedAt: new Date().toISOString() }))) throw new AppError('ASSESSMENT_STATE');
        await event(trx, actor, a, 'return', 'pending', null, note);
        await audit({ event: 'assessment.return', objectType: 'assessment', objectId: id, summary: `退回${a.ownerName}${a.year}年度自评`, detail: { before: { status: a.status }, after: { status: 'pending' }, note } });
      });
      return this.get(actor, id);
    },

    async finalize(actor: Actor, who: AuditActor, id: string, note: string | null) {
      const a = await load(actor, id);
      allow(assessmentPolicy.finalize(actor, a));
      const now = new Date().toISOString();
      const score = Number(a.reviewTotal ?? 0);
      await platform.transaction(who, async (trx, audit) => {
        if (!(await assessmentRepository(trx).transition(id, ['reviewed'], { status: 'final', finalScore: score, finalComment: note, finalizedAt: now, updatedAt: now }))) throw new AppError('ASSESSMENT_STATE');
        await event(trx, actor, a, 'finalize', 'final', score, note);
        await audit({ event: 'assessment.finalize', objectType: 'assessment', objectId: id, summary: `${a.ownerName}${a.year}年度考核定分：${score}分`, detail: { before: { status: a.status }, after: { status: 'final', finalScore: score } } });
      });
      return this.get(actor, id);
    },

    statusLabel: (s: string) => assessmentStatusLabels[s as keyof typeof assessmentStatusLabels] ?? s,
  };
}

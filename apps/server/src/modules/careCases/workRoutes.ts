import { z } from 'zod';
import {
  assistance, assistanceCreate, assistanceSummary, assistanceSummaryQuery, careCaseClosureDecision, careCaseClosureRequest, careCaseDetail,
  careCaseIdParams, careCaseSettings, careCaseTransition, goal, goalCreate, goalUpdate, mentee, menteeVisitCreate, mentorship,
  mentorshipCreate, mentorshipEnd, mentorshipParams, need, needCreate, needUpdate, outcomes, outcomesQuery, screening, screeningCreate,
  subItemParams, timelineEvent, visit, visitCreate,
} from '@gg/shared';
import type { Platform } from '../../platform/context.js';
import { actorOf, auditActorOf, type App } from '../../platform/http/types.js';
import type { createCareCaseService } from './service.js';
import type { createCaseWorkService } from './caseWork.js';
import type { createMentoringService } from './mentoring.js';
import type { createAssistanceService } from './assistance.js';
import type { createOutcomeService } from './outcomes.js';

interface Services {
  service: ReturnType<typeof createCareCaseService>;
  work: ReturnType<typeof createCaseWorkService>;
  mentoring: ReturnType<typeof createMentoringService>;
  assistance: ReturnType<typeof createAssistanceService>;
  outcomes: ReturnType<typeof createOutcomeService>;
}

/** Case work, mentors and visits, the assistance ledger, outcomes, and the mentor's own view. */
export function careCaseWorkRoutes(app: App, _platform: Platform, s: Services) {
  const tags = ['关爱帮扶'];
  const params = careCaseIdParams;

  // ---- aggregates and settings (static paths) ----
  app.get('/care-cases/assistance/summary', { schema: { tags, summary: '帮扶资金物资汇总：按类型、资金来源、乡镇、年度', querystring: assistanceSummaryQuery, response: { 200: assistanceSummary } }, config: { permission: 'careCase:stats' } }, async (req) =>
    s.assistance.summary(actorOf(req), req.query),
  );
  app.get('/care-cases/outcomes', { schema: { tags, summary: '帮扶成效：复学、就业、12个月未再犯、月均联系次数、登记到制定计划天数', querystring: outcomesQuery, response: { 200: outcomes } }, config: { permission: 'careCase:stats' } }, async (req) =>
    s.outcomes.outcomes(actorOf(req), req.query),
  );
  app.get('/care-cases/settings', { schema: { tags, summary: '未联系提醒天数设置', response: { 200: careCaseSettings } }, config: { permission: 'careCase:read' } }, async () =>
    s.mentoring.settings(),
  );
  app.put('/care-cases/settings', { schema: { tags, summary: '修改未联系提醒天数（负责人）', body: careCaseSettings, response: { 200: careCaseSettings } }, config: { permission: 'careCase:approveClosure' } }, async (req) =>
    s.mentoring.saveSettings(actorOf(req), auditActorOf(req), req.body),
  );

  // ---- the mentor's own mentees (volunteer role): name, school, plan only (B16) ----
  app.get('/care-cases/mentees', { schema: { tags, summary: '我的结对对象（仅姓名、学校、帮扶计划）', response: { 200: z.array(mentee) } }, config: { permission: 'careCase:mentee' } }, async (req) =>
    s.mentoring.mentees(actorOf(req)),
  );
  app.post('/care-cases/mentees/:mentorshipId/visits', { schema: { tags, summary: '记录对结对对象的走访或联系', params: mentorshipParams, body: menteeVisitCreate, response: { 200: z.object({ id: z.string(), visitedOn: z.string(), mode: z.string(), nextContactDue: z.string().nullable() }) } }, config: { permission: 'careCase:mentee' } }, async (req) =>
    s.mentoring.addMenteeVisit(actorOf(req), auditActorOf(req), req.params.mentorshipId, req.body),
  );

  // ---- status and closure ----
  app.post('/care-cases/:id/transition', { schema: { tags, summary: '变更案件状态（登记→评估→制定计划→帮扶中；已结案→重新启动）', params, body: careCaseTransition, response: { 200: careCaseDetail } }, config: { permission: 'careCase:update' } }, async (req) =>
    s.work.transition(actorOf(req), auditActorOf(req), req.params.id, req.body),
  );
  app.post('/care-cases/:id/closure-request', { schema: { tags, summary: '申请结案（填写结果）', params, body: careCaseClosureRequest, response: { 200: careCaseDetail } }, config: { permission: 'careCase:update' } }, async (req) =>
    s.work.requestClosure(actorOf(req), auditActorOf(req), req.params.id, req.body),
  );
  app.post('/care-cases/:id/closure-decision', { schema: { tags, summary: '审批结案（负责人，不能是申请人）', params, body: careCaseClosureDecision, response: { 200: careCaseDetail } }, config: { permission: 'careCase:approveClosure' } }, async (req) =>
    s.work.decideClosure(actorOf(req), auditActorOf(req), req.params.id, req.body),
  );
  app.get('/care-cases/:id/timeline', { schema: { tags, summary: '案件时间线', params, response: { 200: z.array(timelineEvent) } }, config: { permission: 'careCase:read' } }, async (req) =>
    s.work.timeline(actorOf(req), req.params.id),
  );

  // ---- screenings, needs, plan goals ----
  app.get('/care-cases/:id/screenings', { schema: { tags, summary: '风险排查记录', params, response: { 200: z.array(screening) } }, config: { permission: 'careCase:read' } }, async (req) =>
    s.work.listScreenings(actorOf(req), req.params.id),
  );
  app.post('/care-cases/:id/screenings', { schema: { tags, summary: '记录风险排查', params, body: screeningCreate, response: { 200: screening } }, config: { permission: 'careCase:update' } }, async (req) =>
    s.work.addScreening(actorOf(req), auditActorOf(req), req.params.id, req.body),
  );
  app.get('/care-cases/:id/needs', { schema: { tags, summary: '帮扶需求', params, response: { 200: z.array(need) } }, config: { permission: 'careCase:read' } }, async (req) =>
    s.work.listNeeds(actorOf(req), req.params.id),
  );
  app.post('/care-cases/:id/needs', { schema: { tags, summary: '登记帮扶需求', params, body: needCreate, response: { 200: need } }, config: { permission: 'careCase:update' } }, async (req) =>
    s.work.addNeed(actorOf(req), auditActorOf(req), req.params.id, req.body),
  );
  app.patch('/care-cases/:id/needs/:itemId', { schema: { tags, summary: '标记需求已解决（或重新打开）', params: subItemParams, body: needUpdate, response: { 200: need } }, config: { permission: 'careCase:update' } }, async (req) =>
    s.work.resolveNeed(actorOf(req), auditActorOf(req), req.params.id, req.params.itemId, req.body.resolvedOn),
  );
  app.get('/care-cases/:id/goals', { schema: { tags, summary: '帮扶计划目标', params, response: { 200: z.array(goal) } }, config: { permission: 'careCase:read' } }, async (req) =>
    s.work.listGoals(actorOf(req), req.params.id),
  );
  app.post('/care-cases/:id/goals', { schema: { tags, summary: '添加帮扶目标', params, body: goalCreate, response: { 200: goal } }, config: { permission: 'careCase:update' } }, async (req) =>
    s.work.addGoal(actorOf(req), auditActorOf(req), req.params.id, req.body),
  );
  app.patch('/care-cases/:id/goals/:itemId', { schema: { tags, summary: '标记目标完成（或重新打开）', params: subItemParams, body: goalUpdate, response: { 200: goal } }, config: { permission: 'careCase:update' } }, async (req) =>
    s.work.completeGoal(actorOf(req), auditActorOf(req), req.params.id, req.params.itemId, req.body.doneOn),
  );

  // ---- mentors and visits ----
  app.get('/care-cases/:id/mentorships', { schema: { tags, summary: '结对帮扶', params, response: { 200: z.array(mentorship) } }, config: { permission: 'careCase:read' } }, async (req) =>
    s.mentoring.listMentorships(actorOf(req), req.params.id),
  );
  app.post('/care-cases/:id/mentorships', { schema: { tags, summary: '结对：为帮扶对象安排五老志愿者', params, body: mentorshipCreate, response: { 200: mentorship } }, config: { permission: 'careCase:update' } }, async (req) =>
    s.mentoring.pair(actorOf(req), auditActorOf(req), req.params.id, req.body),
  );
  app.post('/care-cases/:id/mentorships/:itemId/end', { schema: { tags, summary: '结束结对（结束日期、原因）', params: subItemParams, body: mentorshipEnd, response: { 200: mentorship } }, config: { permission: 'careCase:update' } }, async (req) =>
    s.mentoring.endPairing(actorOf(req), auditActorOf(req), req.params.id, req.params.itemId, req.body.endOn, req.body.reason),
  );
  app.get('/care-cases/:id/visits', { schema: { tags, summary: '走访与联系记录', params, response: { 200: z.array(visit) } }, config: { permission: 'careCase:read' } }, async (req) =>
    s.mentoring.listVisits(actorOf(req), req.params.id),
  );
  app.post('/care-cases/:id/visits', { schema: { tags, summary: '记录走访或联系', params, body: visitCreate, response: { 200: visit } }, config: { permission: 'careCase:update' } }, async (req) =>
    s.mentoring.addVisit(actorOf(req), auditActorOf(req), req.params.id, req.body),
  );

  // ---- assistance ledger ----
  app.get('/care-cases/:id/assistance', { schema: { tags, summary: '帮扶记录（助学、助困、助业）', params, response: { 200: z.array(assistance) } }, config: { permission: 'careCase:read' } }, async (req) =>
    s.assistance.list(actorOf(req), req.params.id),
  );
  app.post('/care-cases/:id/assistance', { schema: { tags, summary: '登记帮扶（金额以分为单位）', params, body: assistanceCreate, response: { 200: assistance } }, config: { permission: 'careCase:assist' } }, async (req) =>
    s.assistance.add(actorOf(req), auditActorOf(req), req.params.id, req.body),
  );
}

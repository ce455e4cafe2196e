import { z } from 'zod';
import {
  assessment, assessmentDetail, assessmentGenerate, assessmentListQuery, assessmentNoteInput, assessmentReviewInput, assessmentSelfInput, idParams, pageOf,
  ranking, rankingQuery, rubric, rubricCopy, rubricCreate, rubricItemCreate, rubricItemParams, rubricItemUpdate, rubricUpdate,
} from '@gg/shared';
import type { Platform } from '../../platform/context.js';
import { actorOf, auditActorOf, type App } from '../../platform/http/types.js';
import { sendXlsx } from '../../platform/http/download.js';
import { createAssessmentService } from './service.js';
import { createRubricService } from './rubrics.js';
import { exportRanking, ranking as rank, rankingSummaryDocx } from './ranking.js';

export function assessmentRoutes(app: App, platform: Platform) {
  const service = createAssessmentService(platform);
  const rubrics = createRubricService(platform);
  const tags = ['目标考核'];
  const rubricWrite = { permission: 'assessment:rubric' } as const;

  app.get('/rubrics', { schema: { tags, summary: '考核细则（板块、评分项、扣分和加分规则）', response: { 200: z.array(rubric) } }, config: { permission: 'assessment:read' } }, async (req) => rubrics.list(actorOf(req)));
  app.get('/rubrics/:id', { schema: { tags, summary: '考核细则详情', params: idParams, response: { 200: rubric } }, config: { permission: 'assessment:read' } }, async (req) => rubrics.get(actorOf(req), req.params.id));
  app.post('/rubrics', { schema: { tags, summary: '新建考核细则', body: rubricCreate, response: { 200: rubric } }, config: rubricWrite }, async (req) => rubrics.create(actorOf(req), auditActorOf(req), req.body));
  app.patch('/rubrics/:id', { schema: { tags, summary: '编辑考核细则（名称、说明、启停）', params: idParams, body: rubricUpdate, response: { 200: rubric } }, config: rubricWrite }, async (req) =>
    rubrics.update(actorOf(req), auditActorOf(req), req.params.id, req.body),
  );
  app.post('/rubrics/:id/copy', { schema: { tags, summary: '复制考核细则（已使用的细则复制后修改）', params: idParams, body: rubricCopy, response: { 200: rubric } }, config: rubricWrite }, async (req) =>
    rubrics.copy(actorOf(req), auditActorOf(req), req.params.id, req.body),
  );
  app.post('/rubrics/:id/items', { schema: { tags, summary: '新增评分项', params: idParams, body: rubricItemCreate, response: { 200: rubric } }, config: rubricWrite }, async (req) =>
    rubrics.addItem(actorOf(req), auditActorOf(req), req.params.id, req.body),
  );
  app.patch('/rubrics/:id/items/:itemId', { schema: { tags, summary: '修改评分项', params: rubricItemParams, body: rubricItemUpdate, response: { 200: rubric } }, config: rubricWrite }, async (req) =>
    rubrics.updateItem(actorOf(req), auditActorOf(req), req.params.id, req.params.itemId, req.body),
  );
  app.delete('/rubrics/:id/items/:itemId', { schema: { tags, summary: '删除评分项', params: rubricItemParams, response: { 200: rubric } }, config: rubricWrite }, async (req) =>
    rubrics.removeItem(actorOf(req), auditActorOf(req), req.params.id, req.params.itemId),
  );

  app.get('/assessments', { schema: { tags, summary: '年度考核（本单位只见本单位的）', querystring: assessmentListQuery, response: { 200: pageOf(assessment) } }, config: { permission: 'assessment:read' } }, async (req) => service.list(actorOf(req), req.query));
  app.get('/assessments/ranking', { schema: { tags, summary: '考核排名', querystring: rankingQuery, response: { 200: ranking } }, config: { permission: 'assessment:rank' } }, async (req) =>
    rank(platform, actorOf(req), req.query.year, req.query.rubricId),
  );
  app.get('/assessments/export', { schema: { tags, summary: '导出考核结果（Excel）', querystring: rankingQuery }, config: { permission: 'assessment:export' } }, async (req, reply) =>
    sendXlsx(reply, '考核结果', await exportRanking(platform, actorOf(req), auditActorOf(req), req.query.year, req.query.rubricId)),
  );
  app.get('/assessments/summary', { schema: { tags, summary: '考核结果通报（Word，公文格式）', querystring: rankingQuery }, config: { permission: 'assessment:rank' } }, async (req, reply) => {
    const doc = await rankingSummaryDocx(platform, actorOf(req), auditActorOf(req), req.query.year, req.query.rubricId);
    return reply
      .header('Content-Type', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document')
      .header('Content-Disposition', `attachment; filename*=UTF-8''${encodeURIComponent(doc.fileName)}`)
      .header('X-Content-Type-Options', 'nosniff')
      .header('Cache-Control', 'no-store')
      .send(doc.buffer);
  });
  app.post('/assessments/generate', { schema: { tags, summary: '发起年度考核（为每个成员单位或乡镇关工委建立考核）', body: assessmentGenerate, response: { 200: z.object({ created: z.number().int(), skipped: z.number().int() }) } }, config: { permission: 'assessment:review' } }, async (req) =>
    service.generate(actorOf(req), auditActorOf(req), req.body.year, req.body.rubricId),
  );
  app.get('/assessments/:id', { schema: { tags, summary: '考核详情（逐项得分、历史）', params: idParams, response: { 200: assessmentDetail } }, config: { permission: 'assessment:read' } }, async (req) => service.get(actorOf(req), req.params.id));
  app.put('/assessments/:id/self', { schema: { tags, summary: '保存自评', params: idParams, body: assessmentSelfInput, response: { 200: assessmentDetail } }, config: { permission: 'assessment:self' } }, async (req) =>
    service.saveSelf(actorOf(req), auditActorOf(req), req.params.id, req.body),
  );
  app.post('/assessments/:id/submit', { schema: { tags, summary: '提交自评', params: idParams, body: assessmentNoteInput, response: { 200: assessmentDetail } }, config: { permission: 'assessment:self' } }, async (req) =>
    service.submit(actorOf(req), auditActorOf(req), req.params.id, req.body.note ?? null),
  );
  app.put('/assessments/:id/review', { schema: { tags, summary: '审核评分', params: idParams, body: assessmentReviewInput, response: { 200: assessmentDetail } }, config: { permission: 'assessment:review' } }, async (req) =>
    service.review(actorOf(req), auditActorOf(req), req.params.id, req.body),
  );
  app.post('/assessments/:id/return', { schema: { tags, summary: '退回重新自评', params: idParams, body: assessmentNoteInput, response: { 200: assessmentDetail } }, config: { permission: 'assessment:review' } }, async (req) =>
    service.returnToUnit(actorOf(req), auditActorOf(req), req.params.id, req.body.note ?? null),
  );
  app.post('/assessments/:id/finalize', { schema: { tags, summary: '确定最终得分', params: idParams, body: assessmentNoteInput, response: { 200: assessmentDetail } }, config: { permission: 'assessment:review' } }, async (req) =>
    service.finalize(actorOf(req), auditActorOf(req), req.params.id, req.body.note ?? null),
  );
}

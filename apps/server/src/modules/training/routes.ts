// req.file() and req.isMultipart() come from the multipart plugin's type augmentation.
import type {} from '@fastify/multipart';
import { z } from 'zod';
import {
  idParams, pageOf, trainingCaseCandidate, trainingCaseCandidateQuery, trainingClass, trainingClassCreate, trainingClassExportQuery, trainingClassListQuery,
  trainingClassStatusChange, trainingClassUpdate, trainingDemand, trainingDemandCreate, trainingDemandListQuery, trainingDemandUpdate, trainingEnrolment,
  trainingEnrolmentCreate, trainingFollowUpCreate, trainingImportCommit, trainingImportPreview, trainingImportResult, trainingItemParams, trainingAttendanceInput,
  trainingResults, trainingResultsQuery, trainingSession, trainingSessionCreate, trainingUnmask, trainingUnmaskReply,
} from '@gg/shared';
import type { Platform } from '../../platform/context.js';
import { actorOf, auditActorOf, type App } from '../../platform/http/types.js';
import { sendXlsx } from '../../platform/http/download.js';
import { AppError } from '../../platform/errors.js';
import { createTrainingService } from './service.js';
import { createTrainingCertificate } from './certificate.js';
import { exportAttendance, exportClasses, exportResults } from './export.js';
import { createTrainingImport } from './import.js';
import { trainingSummary } from './results.js';

const IMPORT_MAX_BYTES = 5 * 1024 * 1024;

export function trainingRoutes(app: App, platform: Platform) {
  const service = createTrainingService(platform);
  const certificate = createTrainingCertificate(platform, service);
  const importer = createTrainingImport(platform, service);
  const tags = ['技能培训'];

  // ---- industry demand ----
  app.get('/training/demands', { schema: { tags, summary: '重点产业用工需求', querystring: trainingDemandListQuery, response: { 200: pageOf(trainingDemand) } }, config: { permission: 'training:read' } }, async (req) =>
    service.listDemands(actorOf(req), req.query),
  );
  app.post('/training/demands', { schema: { tags, summary: '登记产业用工需求', body: trainingDemandCreate, response: { 200: trainingDemand } }, config: { permission: 'training:demand' } }, async (req) =>
    service.saveDemand(actorOf(req), auditActorOf(req), null, req.body),
  );
  app.patch('/training/demands/:id', { schema: { tags, summary: '修改产业用工需求', params: idParams, body: trainingDemandUpdate, response: { 200: trainingDemand } }, config: { permission: 'training:demand' } }, async (req) =>
    service.saveDemand(actorOf(req), auditActorOf(req), req.params.id, req.body),
  );

  // ---- classes ----
  app.get('/training/classes', { schema: { tags, summary: '培训班列表', querystring: trainingClassListQuery, response: { 200: pageOf(trainingClass) } }, config: { permission: 'training:read' } }, async (req) =>
    service.list(actorOf(req), req.query),
  );
  app.get('/training/classes/export', { schema: { tags, summary: '导出培训班（Excel）', querystring: trainingClassExportQuery }, config: { permission: 'training:export' } }, async (req, reply) =>
    sendXlsx(reply, '技能培训班', await exportClasses(platform, service, actorOf(req), auditActorOf(req), req.query)),
  );
  app.post('/training/classes', { schema: { tags, summary: '开设培训班', body: trainingClassCreate, response: { 200: trainingClass } }, config: { permission: 'training:manage' } }, async (req) =>
    service.create(actorOf(req), auditActorOf(req), req.body),
  );
  app.get('/training/classes/:id', { schema: { tags, summary: '培训班详情', params: idParams, response: { 200: trainingClass } }, config: { permission: 'training:read' } }, async (req) =>
    service.get(actorOf(req), req.params.id),
  );
  app.patch('/training/classes/:id', { schema: { tags, summary: '编辑培训班', params: idParams, body: trainingClassUpdate, response: { 200: trainingClass } }, config: { permission: 'training:manage' } }, async (req) =>
    service.update(actorOf(req), auditActorOf(req), req.params.id, req.body),
  );
  app.post('/training/classes/:id/status', { schema: { tags, summary: '培训班状态（报名、开班、结业）', params: idParams, body: trainingClassStatusChange, response: { 200: trainingClass } }, config: { permission: 'training:manage' } }, async (req) =>
    service.advance(actorOf(req), auditActorOf(req), req.params.id, req.body.to),
  );

  // ---- sessions and attendance ----
  app.get('/training/classes/:id/sessions', { schema: { tags, summary: '课次与考勤', params: idParams, response: { 200: z.array(trainingSession) } }, config: { permission: 'training:read' } }, async (req) =>
    service.sessions(actorOf(req), req.params.id),
  );
  app.post('/training/classes/:id/sessions', { schema: { tags, summary: '新增课次', params: idParams, body: trainingSessionCreate, response: { 200: trainingSession } }, config: { permission: 'training:manage' } }, async (req) =>
    service.addSession(actorOf(req), auditActorOf(req), req.params.id, req.body),
  );
  app.put('/training/classes/:id/sessions/:itemId/attendance', { schema: { tags, summary: '登记一次课的考勤', params: trainingItemParams, body: trainingAttendanceInput, response: { 200: trainingSession } }, config: { permission: 'training:record' } }, async (req) =>
    service.recordAttendance(actorOf(req), auditActorOf(req), req.params.id, req.params.itemId, req.body.presentIds),
  );
  app.get('/training/classes/:id/attendance/export', { schema: { tags, summary: '导出考勤与成效（Excel，脱敏）', params: idParams }, config: { permission: 'training:export' } }, async (req, reply) =>
    sendXlsx(reply, '培训考勤与成效', await exportAttendance(platform, service, actorOf(req), auditActorOf(req), req.params.id)),
  );

  // ---- trainees ----
  app.get('/training/case-candidates', { schema: { tags, summary: '从帮扶对象中选择学员（本人管理范围内）', querystring: trainingCaseCandidateQuery, response: { 200: z.array(trainingCaseCandidate) } }, config: { permission: 'training:enrol' } }, async (req) =>
    service.caseCandidates(actorOf(req), req.query.q),
  );
  app.get('/training/classes/:id/enrolments', { schema: { tags, summary: '学员与候补名单', params: idParams, response: { 200: z.array(trainingEnrolment) } }, config: { permission: 'training:read' } }, async (req) =>
    service.enrolments(actorOf(req), req.params.id),
  );
  app.post('/training/classes/:id/enrolments', { schema: { tags, summary: '学员报名（满员进入候补）', params: idParams, body: trainingEnrolmentCreate, response: { 200: trainingEnrolment } }, config: { permission: 'training:enrol' } }, async (req) =>
    service.enrol(actorOf(req), auditActorOf(req), req.params.id, req.body),
  );
  app.post('/training/classes/:id/enrolments/:itemId/withdraw', { schema: { tags, summary: '学员退出（候补递补）', params: trainingItemParams, response: { 200: z.array(trainingEnrolment) } }, config: { permission: 'training:enrol' } }, async (req) =>
    service.withdraw(actorOf(req), auditActorOf(req), req.params.id, req.params.itemId),
  );
  app.post('/training/classes/:id/enrolments/:itemId/unmask', { schema: { tags, summary: '查看学员完整身份证号或电话（记入审计）', params: trainingItemParams, body: trainingUnmask, response: { 200: trainingUnmaskReply } }, config: { permission: 'training:unmask' } }, async (req) =>
    service.unmask(actorOf(req), auditActorOf(req), req.params.id, req.params.itemId, req.body.field),
  );
  app.post('/training/classes/:id/enrolments/:itemId/follow-ups', { schema: { tags, summary: '登记跟踪回访（3、6、12个月）', params: trainingItemParams, body: trainingFollowUpCreate, response: { 200: trainingEnrolment } }, config: { permission: 'training:record' } }, async (req) =>
    service.recordFollowUp(actorOf(req), auditActorOf(req), req.params.id, req.params.itemId, req.body),
  );
  app.get('/training/classes/:id/enrolments/:itemId/certificate', { schema: { tags, summary: '结业证书（Word）', params: trainingItemParams }, config: { permission: 'training:enrol' } }, async (req, reply) => {
    const doc = await certificate(actorOf(req), auditActorOf(req), req.params.id, req.params.itemId);
    return reply
      .header('Content-Type', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document')
      .header('Content-Disposition', `attachment; filename*=UTF-8''${encodeURIComponent(doc.fileName)}`)
      .header('X-Content-Type-Options', 'nosniff')
      .header('Cache-Control', 'no-store')
      .send(doc.buffer);
  });

  // ---- roster import ----
  app.get('/training/classes/:id/import/template', { schema: { tags, summary: '下载学员花名册模板', params: idParams }, config: { permission: 'training:import' } }, async (req, reply) => {
    await service.load(actorOf(req), req.params.id);
    return sendXlsx(reply, '学员花名册模板', await importer.template());
  });
  // multipart/form-data with one field `file` (.xlsx, checked by content).
  app.post('/training/classes/:id/import/preview', { schema: { tags, summary: '上传学员花名册并预览（逐行校验）', params: idParams, response: { 200: trainingImportPreview } }, config: { permission: 'training:import' } }, async (req) => {
    if (!req.isMultipart()) throw new AppError('UPLOAD_FILE_REQUIRED');
    const part = await req.file({ limits: { fileSize: IMPORT_MAX_BYTES, files: 1 } });
    if (!part || part.fieldname !== 'file') throw new AppError('UPLOAD_FILE_REQUIRED');
    return importer.preview(actorOf(req), auditActorOf(req), req.params.id, await part.toBuffer());
  });
  app.post('/training/classes/:id/import/commit', { schema: { tags, summary: '确认导入学员（全部成功或全部不导入）', params: idParams, body: trainingImportCommit, response: { 200: trainingImportResult } }, config: { permission: 'training:import' } }, async (req) =>
    importer.commit(actorOf(req), auditActorOf(req), req.params.id, req.body.previewId),
  );

  // ---- results ----
  app.get('/training/results', { schema: { tags, summary: '培训成效（按班、产业、年度；与产业用工需求对比）', querystring: trainingResultsQuery, response: { 200: trainingResults } }, config: { permission: 'training:stats' } }, async (req) =>
    trainingSummary(platform, actorOf(req), req.query),
  );
  app.get('/training/results/export', { schema: { tags, summary: '导出培训成效（Excel）', querystring: trainingResultsQuery }, config: { permission: 'training:stats' } }, async (req, reply) =>
    sendXlsx(reply, '技能培训成效', await exportResults(platform, actorOf(req), auditActorOf(req), req.query)),
  );
}

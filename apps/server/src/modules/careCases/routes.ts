// req.file() and req.isMultipart() come from the multipart plugin's type augmentation.
import type {} from '@fastify/multipart';
import { z } from 'zod';
import {
  careCaseAlert, careCaseCreate, careCaseDetail, careCaseDuplicate, careCaseDuplicateQuery, careCaseExportQuery, careCaseIdParams,
  careCaseImportCommit, careCaseImportJob, careCaseImportPreview, careCaseListItem, careCaseListQuery, careCaseMerge,
  careCaseOffenceInput, careCaseOffenceObjectType, careCaseOffenceReply, careCaseUnmask, careCaseUnmaskFields, careCaseUpdate,
  careCaseAlertQuery, dataRequest, dataRequestCreate, dataRequestDecision, dataRequestDone, dataRequestExportQuery, dataRequestListQuery,
  id, idParams, pageOf,
} from '@gg/shared';
import type { Platform } from '../../platform/context.js';
import { actorOf, auditActorOf, type App } from '../../platform/http/types.js';
import { sendXlsx } from '../../platform/http/download.js';
import { AppError } from '../../platform/errors.js';
import { sealedAccess } from '../../platform/sealed/sealedAccess.js';
import { createCareCaseService } from './service.js';
import { createCaseWorkService } from './caseWork.js';
import { createMentoringService } from './mentoring.js';
import { createAssistanceService } from './assistance.js';
import { createOutcomeService } from './outcomes.js';
import { createCareCaseImport } from './import.js';
import { exportCareCases } from './export.js';
import { careCaseWorkRoutes } from './workRoutes.js';
import { careCaseRetentionJob, createDataRequestService } from './retention.js';

/** 关爱帮扶: the young person's record, search-before-create, merge, sealed offence details, Excel. */
export function careCaseRoutes(app: App, platform: Platform) {
  const service = createCareCaseService(platform);
  const work = createCaseWorkService(platform, service);
  const mentoring = createMentoringService(platform, service);
  const assistance = createAssistanceService(platform, service);
  const outcomes = createOutcomeService(platform);
  const importer = createCareCaseImport(platform, service);
  const dataRequests = createDataRequestService(platform, service);
  const tags = ['关爱帮扶'];

  // D24 retention: closed cases past the period (a setting) are anonymised by a daily job.
  platform.jobs.register(careCaseRetentionJob());
  app.addHook('onReady', async () => {
    await platform.jobs.sync();
  });

  // B15: the offence details of every case are one sealed object type; asking reveals nothing.
  sealedAccess.registerObjectType(platform, careCaseOffenceObjectType, {
    label: '帮扶对象违法犯罪记录',
    orgUnitOf: async (db, objectId) =>
      z.uuid().safeParse(objectId).success
        ? (await db.selectFrom('careCase').select('orgUnitId').where('id', '=', objectId).where('status', '!=', 'merged').executeTakeFirst())?.orgUnitId
        : undefined,
  });

  app.get('/care-cases', { schema: { tags, summary: '帮扶对象列表（按数据范围；q 支持姓名、拼音、身份证号）', querystring: careCaseListQuery, response: { 200: pageOf(careCaseListItem) } }, config: { permission: 'careCase:read' } }, async (req) =>
    service.list(actorOf(req), req.query),
  );
  app.get('/care-cases/export', { schema: { tags, summary: '导出帮扶对象（默认脱敏；完整导出须 careCase:exportFull 并填写原因）', querystring: careCaseExportQuery }, config: { permission: 'careCase:export' } }, async (req, reply) =>
    sendXlsx(reply, '关爱帮扶对象', await exportCareCases(platform, service, actorOf(req), auditActorOf(req), req.query)),
  );
  app.post('/care-cases/duplicates', { schema: { tags, summary: '建档前查重：身份证号、姓名+出生日期、同音姓名', body: careCaseDuplicateQuery, response: { 200: z.array(careCaseDuplicate) } }, config: { permission: 'careCase:create' } }, async (req) =>
    service.duplicates(actorOf(req), req.body),
  );
  app.get('/care-cases/alerts', { schema: { tags, summary: '结对帮扶未联系提醒（超过设定天数）', querystring: careCaseAlertQuery, response: { 200: pageOf(careCaseAlert) } }, config: { permission: 'careCase:read' } }, async (req) =>
    mentoring.alerts(actorOf(req), req.query),
  );
  app.get('/care-cases/import/template', { schema: { tags, summary: '下载帮扶对象台账导入模板' }, config: { permission: 'careCase:import' } }, async (_req, reply) =>
    sendXlsx(reply, '帮扶对象导入模板', await importer.template()),
  );
  app.post('/care-cases/import/preview', { schema: { tags, summary: '上传台账预览导入（逐行校验，不写入）', consumes: ['multipart/form-data'], response: { 200: careCaseImportPreview } }, config: { permission: 'careCase:import' } }, async (req) => {
    if (!req.isMultipart()) throw new AppError('UPLOAD_FILE_REQUIRED');
    const file = await req.file({ limits: { fileSize: 20 * 1024 * 1024 } });
    if (!file) throw new AppError('UPLOAD_FILE_REQUIRED');
    const buffer = await file.toBuffer();
    return importer.preview(actorOf(req), auditActorOf(req), { filename: file.filename || null, buffer });
  });
  app.post('/care-cases/import/commit', { schema: { tags, summary: '确认导入（全部在一个事务中写入，返回进度）', body: careCaseImportCommit, response: { 200: careCaseImportJob } }, config: { permission: 'careCase:import' } }, async (req) =>
    importer.commit(actorOf(req), auditActorOf(req), req.body),
  );
  app.get('/care-cases/import/:id', { schema: { tags, summary: '导入进度', params: z.strictObject({ id }), response: { 200: careCaseImportJob } }, config: { permission: 'careCase:import' } }, async (req) =>
    importer.job(actorOf(req), req.params.id),
  );

  // ---- 个人信息请求登记 (D24): view / correct / delete requests, decision, done ----
  app.get('/care-cases/data-requests', { schema: { tags, summary: '个人信息查阅、更正、删除请求登记', querystring: dataRequestListQuery, response: { 200: pageOf(dataRequest) } }, config: { permission: 'careCase:dataRequest' } }, async (req) =>
    dataRequests.list(actorOf(req), req.query),
  );
  app.get('/care-cases/data-requests/export', { schema: { tags, summary: '导出个人信息请求登记', querystring: dataRequestExportQuery }, config: { permission: 'careCase:dataRequest' } }, async (req, reply) =>
    sendXlsx(reply, '个人信息请求登记', await dataRequests.export(actorOf(req), auditActorOf(req), req.query)),
  );
  app.post('/care-cases/data-requests', { schema: { tags, summary: '登记个人信息请求（谁、何时、请求什么）', body: dataRequestCreate, response: { 200: dataRequest } }, config: { permission: 'careCase:dataRequest' } }, async (req) =>
    dataRequests.create(actorOf(req), auditActorOf(req), req.body),
  );
  app.post('/care-cases/data-requests/:id/decision', { schema: { tags, summary: '处理个人信息请求（同意或不予办理）', params: idParams, body: dataRequestDecision, response: { 200: dataRequest } }, config: { permission: 'careCase:dataRequest' } }, async (req) =>
    dataRequests.decide(actorOf(req), auditActorOf(req), req.params.id, req.body),
  );
  app.post('/care-cases/data-requests/:id/done', { schema: { tags, summary: '个人信息请求办结（删除请求可立即匿名化已结案档案）', params: idParams, body: dataRequestDone, response: { 200: dataRequest } }, config: { permission: 'careCase:dataRequest' } }, async (req) =>
    dataRequests.done(actorOf(req), auditActorOf(req), req.params.id, req.body),
  );

  careCaseWorkRoutes(app, platform, { service, work, mentoring, assistance, outcomes });

  app.get('/care-cases/:id', { schema: { tags, summary: '帮扶对象档案（每次查看记入审计）', params: careCaseIdParams, response: { 200: careCaseDetail } }, config: { permission: 'careCase:read' } }, async (req) =>
    service.get(actorOf(req), auditActorOf(req), req.params.id),
  );
  app.post('/care-cases', { schema: { tags, summary: '新建帮扶对象档案（先查重）', body: careCaseCreate, response: { 200: careCaseDetail } }, config: { permission: 'careCase:create' } }, async (req) =>
    service.create(actorOf(req), auditActorOf(req), req.body),
  );
  app.patch('/care-cases/:id', { schema: { tags, summary: '编辑帮扶对象档案', params: careCaseIdParams, body: careCaseUpdate, response: { 200: careCaseDetail } }, config: { permission: 'careCase:update' } }, async (req) =>
    service.update(actorOf(req), auditActorOf(req), req.params.id, req.body),
  );
  app.post('/care-cases/:id/unmask', { schema: { tags, summary: '查看一项完整信息（记入审计）', params: careCaseIdParams, body: careCaseUnmask, response: { 200: z.object({ field: z.enum(careCaseUnmaskFields), value: z.string().nullable() }) } }, config: { permission: 'careCase:unmask' } }, async (req) =>
    service.unmask(actorOf(req), auditActorOf(req), req.params.id, req.body.field),
  );
  app.post('/care-cases/:id/merge', { schema: { tags, summary: '把重复档案合并到本档案', params: careCaseIdParams, body: careCaseMerge, response: { 200: careCaseDetail } }, config: { permission: 'careCase:merge' } }, async (req) =>
    service.merge(actorOf(req), auditActorOf(req), req.params.id, req.body.sourceId, req.body.reason),
  );
  app.get('/care-cases/:id/offence', { schema: { tags, summary: '封存的违法犯罪记录（须经批准的查阅申请，每次查阅记入审计）', params: careCaseIdParams, response: { 200: careCaseOffenceReply } }, config: { permission: 'careCase:read' } }, async (req) =>
    service.readOffence(actorOf(req), auditActorOf(req), req.params.id),
  );
  app.put('/care-cases/:id/offence', { schema: { tags, summary: '修改封存的违法犯罪记录（须经批准的查阅申请）', params: careCaseIdParams, body: careCaseOffenceInput, response: { 200: careCaseOffenceReply } }, config: { permission: 'careCase:update' } }, async (req) =>
    service.writeOffence(actorOf(req), auditActorOf(req), req.params.id, req.body),
  );
}

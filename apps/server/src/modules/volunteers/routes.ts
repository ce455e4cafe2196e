// req.file() and req.isMultipart() come from the multipart plugin's type augmentation.
import type {} from '@fastify/multipart';
import { z } from 'zod';
import {
  idParams,
  pageOf,
  volunteer,
  volunteerCertificateQuery,
  okReply,
  volunteerCreate,
  volunteerExportQuery,
  volunteerHonour,
  volunteerHonourCreate,
  volunteerHonourParams,
  volunteerHonourUpdate,
  volunteerImportCommit,
  volunteerImportPreview,
  volunteerImportResult,
  volunteerListQuery,
  volunteerServiceCreate,
  volunteerServiceQuery,
  volunteerServiceSummary,
  volunteerStats,
  volunteerStatsQuery,
  volunteerStatusChange,
  volunteerTeamMembership,
  volunteerUnmask,
  volunteerUnmaskReply,
  volunteerUpdate,
  volunteerSettings,
} from '@gg/shared';
import type { Platform } from '../../platform/context.js';
import { actorOf, auditActorOf, type App } from '../../platform/http/types.js';
import { sendXlsx } from '../../platform/http/download.js';
import { AppError } from '../../platform/errors.js';
import { createVolunteerService } from './service.js';
import { createServiceRecordService } from './serviceRecords.js';
import { createCertificateService } from './certificate.js';
import { createHonourService } from './honours.js';
import { createVolunteerStats } from './stats.js';
import { exportVolunteers } from './export.js';
import { createVolunteerImport } from './import.js';
import { volunteerTeamRoutes } from './teamRoutes.js';
import { createVolunteerSettingsService } from './settings.js';

const IMPORT_MAX_BYTES = 5 * 1024 * 1024;

export function volunteerRoutes(app: App, platform: Platform) {
  const service = createVolunteerService(platform);
  const records = createServiceRecordService(platform, service);
  const certificate = createCertificateService(platform, service);
  const stats = createVolunteerStats(platform);
  const importer = createVolunteerImport(platform);
  const honours = createHonourService(platform, service);
  const settings = createVolunteerSettingsService(platform);
  const tags = ['五老队伍'];

  app.get('/volunteers', { schema: { tags, summary: '五老志愿者列表（姓名、拼音全拼或首字母、身份证号搜索；列表项不含身份证号，详情中为脱敏值）', querystring: volunteerListQuery, response: { 200: pageOf(volunteer) } }, config: { permission: 'volunteer:read' } }, async (req) =>
    service.list(actorOf(req), req.query),
  );
  app.get('/volunteers/me', { schema: { tags, summary: '本人的志愿者档案', response: { 200: volunteer } }, config: { permission: 'volunteer:read' } }, async (req) =>
    service.me(actorOf(req)),
  );
  app.get('/volunteers/stats', { schema: { tags, summary: '五老队伍统计（按类别、年龄段、乡镇、特长；服务时长）', querystring: volunteerStatsQuery, response: { 200: volunteerStats } }, config: { permission: 'volunteer:stats' } }, async (req) =>
    stats(actorOf(req), req.query),
  );
  app.get('/volunteers/settings', { schema: { tags, summary: '志愿服务星级标准（一星至五星的累计小时数）', response: { 200: volunteerSettings } }, config: { permission: 'volunteer:read' } }, async () =>
    settings.read(),
  );
  app.put('/volunteers/settings', { schema: { tags, summary: '修改志愿服务星级标准', body: volunteerSettings, response: { 200: volunteerSettings } }, config: { permission: 'volunteer:settings' } }, async (req) =>
    settings.save(actorOf(req), auditActorOf(req), req.body),
  );
  app.get('/volunteers/export', { schema: { tags, summary: '导出五老志愿者（Excel，默认脱敏）', querystring: volunteerExportQuery }, config: { permission: 'volunteer:export' } }, async (req, reply) =>
    sendXlsx(reply, '五老志愿者', await exportVolunteers(platform, service, actorOf(req), auditActorOf(req), req.query)),
  );
  app.get('/volunteers/import/template', { schema: { tags, summary: '下载五老志愿者导入模板' }, config: { permission: 'volunteer:import' } }, async (_req, reply) =>
    sendXlsx(reply, '五老志愿者导入模板', await importer.template()),
  );
  // multipart/form-data with one field `file` (.xlsx, checked by content).
  app.post('/volunteers/import/preview', { schema: { tags, summary: '上传花名册并预览（逐行校验、查重）', response: { 200: volunteerImportPreview } }, config: { permission: 'volunteer:import' } }, async (req) => {
    if (!req.isMultipart()) throw new AppError('UPLOAD_FILE_REQUIRED');
    const part = await req.file({ limits: { fileSize: IMPORT_MAX_BYTES, files: 1 } });
    if (!part || part.fieldname !== 'file') throw new AppError('UPLOAD_FILE_REQUIRED');
    const content = await part.toBuffer();
    return importer.preview(actorOf(req), auditActorOf(req), { filename: part.filename, content });
  });
  app.post('/volunteers/import/commit', { schema: { tags, summary: '确认导入（全部成功或全部不导入）', body: volunteerImportCommit, response: { 200: volunteerImportResult } }, config: { permission: 'volunteer:import' } }, async (req) =>
    importer.commit(actorOf(req), auditActorOf(req), req.body.token, req.body.duplicates),
  );
  app.get('/volunteers/:id', { schema: { tags, summary: '志愿者详情', params: idParams, response: { 200: volunteer } }, config: { permission: 'volunteer:read' } }, async (req) =>
    service.get(actorOf(req), req.params.id),
  );
  app.post('/volunteers', { schema: { tags, summary: '登记志愿者', body: volunteerCreate, response: { 200: volunteer } }, config: { permission: 'volunteer:create' } }, async (req) =>
    service.create(actorOf(req), auditActorOf(req), req.body),
  );
  app.patch('/volunteers/:id', { schema: { tags, summary: '编辑志愿者', params: idParams, body: volunteerUpdate, response: { 200: volunteer } }, config: { permission: 'volunteer:update' } }, async (req) =>
    service.update(actorOf(req), auditActorOf(req), req.params.id, req.body),
  );
  app.post('/volunteers/:id/status', { schema: { tags, summary: '变更志愿者状态（在册、暂停、退出、已故）', params: idParams, body: volunteerStatusChange, response: { 200: volunteer } }, config: { permission: 'volunteer:update' } }, async (req) =>
    service.setStatus(actorOf(req), auditActorOf(req), req.params.id, req.body.status, req.body.reason),
  );
  app.post('/volunteers/:id/unmask', { schema: { tags, summary: '查看完整身份证号或电话（记入审计）', params: idParams, body: volunteerUnmask, response: { 200: volunteerUnmaskReply } }, config: { permission: 'volunteer:unmask' } }, async (req) =>
    service.unmask(actorOf(req), auditActorOf(req), req.params.id, req.body),
  );
  app.get('/volunteers/:id/teams', { schema: { tags, summary: '志愿者所在队伍', params: idParams, response: { 200: z.array(volunteerTeamMembership) } }, config: { permission: 'volunteer:read' } }, async (req) =>
    (await service.teamsOf(actorOf(req), req.params.id)) as z.infer<typeof volunteerTeamMembership>[],
  );
  app.get('/volunteers/:id/service', { schema: { tags, summary: '服务记录与时长（按年、累计、星级）', params: idParams, querystring: volunteerServiceQuery, response: { 200: volunteerServiceSummary } }, config: { permission: 'volunteer:read' } }, async (req) =>
    records.summary(actorOf(req), req.params.id, req.query),
  );
  app.post('/volunteers/:id/service', { schema: { tags, summary: '补录志愿服务（须填原因）', params: idParams, body: volunteerServiceCreate, response: { 200: volunteerServiceSummary } }, config: { permission: 'volunteer:update' } }, async (req) =>
    records.addManual(actorOf(req), auditActorOf(req), req.params.id, req.body),
  );
  app.get('/volunteers/:id/certificate', { schema: { tags, summary: '志愿服务记录证明（Word）', params: idParams, querystring: volunteerCertificateQuery }, config: { permission: 'volunteer:certificate' } }, async (req, reply) => {
    const doc = await certificate(actorOf(req), auditActorOf(req), req.params.id, req.query);
    return reply
      .header('Content-Type', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document')
      .header('Content-Disposition', `attachment; filename*=UTF-8''${encodeURIComponent(doc.fileName)}`)
      .header('X-Content-Type-Options', 'nosniff')
      .header('Cache-Control', 'no-store')
      .send(doc.buffer);
  });

  app.get('/volunteers/:id/honours', { schema: { tags, summary: '志愿者的表彰与荣誉', params: idParams, response: { 200: z.array(volunteerHonour) } }, config: { permission: 'volunteer:read' } }, async (req) =>
    honours.list(actorOf(req), req.params.id),
  );
  app.post('/volunteers/:id/honours', { schema: { tags, summary: '登记表彰或荣誉（可附证明材料）', params: idParams, body: volunteerHonourCreate, response: { 200: volunteerHonour } }, config: { permission: 'volunteer:update' } }, async (req) =>
    honours.create(actorOf(req), auditActorOf(req), req.params.id, req.body),
  );
  app.patch('/volunteers/:id/honours/:honourId', { schema: { tags, summary: '编辑表彰或荣誉', params: volunteerHonourParams, body: volunteerHonourUpdate, response: { 200: volunteerHonour } }, config: { permission: 'volunteer:update' } }, async (req) =>
    honours.update(actorOf(req), auditActorOf(req), req.params.id, req.params.honourId, req.body),
  );
  app.delete('/volunteers/:id/honours/:honourId', { schema: { tags, summary: '删除表彰或荣誉', params: volunteerHonourParams, response: { 200: okReply } }, config: { permission: 'volunteer:update' } }, async (req) =>
    honours.remove(actorOf(req), auditActorOf(req), req.params.id, req.params.honourId),
  );

  volunteerTeamRoutes(app, platform, service);
}

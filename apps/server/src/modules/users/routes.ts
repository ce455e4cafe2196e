// req.file() and req.isMultipart() come from the multipart plugin's type augmentation.
import type {} from '@fastify/multipart';
import {
  idParams, oneTimePasswordReply, pageOf, user, userCreate, userExportQuery, userImportCommitBody, userImportCommitReply, userImportPreview,
  userListQuery, userRolesBody, userStatusBody, userUnmaskBody, userUnmaskReply, userUpdate,
} from '@gg/shared';
import type { Platform } from '../../platform/context.js';
import { actorOf, auditActorOf, type App } from '../../platform/http/types.js';
import { sendXlsx } from '../../platform/http/download.js';
import { AppError } from '../../platform/errors.js';
import { createUserService } from './service.js';
import { exportUsers } from './export.js';
import { createUserImport } from './import.js';

export function userRoutes(app: App, platform: Platform) {
  const service = createUserService(platform);
  const importer = createUserImport(platform, service);
  const tags = ['用户管理'];

  app.get('/users', { schema: { tags, summary: '用户列表', querystring: userListQuery, response: { 200: pageOf(user) } }, config: { permission: 'user:read' } }, async (req) =>
    service.list(actorOf(req), req.query),
  );
  app.get('/users/export', { schema: { tags, summary: '导出用户（Excel；默认脱敏，完整导出须 user:unmask 权限并填写原因）', querystring: userExportQuery }, config: { permission: 'user:export' } }, async (req, reply) =>
    sendXlsx(reply, '用户账号', await exportUsers(platform, service, actorOf(req), auditActorOf(req), req.query)),
  );
  app.get('/users/import/template', { schema: { tags, summary: '下载用户导入模板（含填表说明）' }, config: { permission: 'user:import' } }, async (req, reply) =>
    sendXlsx(reply, '用户导入模板', await importer.template(actorOf(req))),
  );
  app.post('/users/import/preview', { schema: { tags, summary: '上传 Excel 预览导入（逐行校验，不写入）', consumes: ['multipart/form-data'], response: { 200: userImportPreview } }, config: { permission: 'user:import' } }, async (req) => {
    if (!req.isMultipart()) throw new AppError('BAD_REQUEST', '请以表单方式上传 Excel 文件');
    const file = await req.file();
    if (!file) throw new AppError('BAD_REQUEST', '请选择要上传的 Excel 文件');
    const buffer = await file.toBuffer();
    return importer.preview(actorOf(req), auditActorOf(req), { filename: file.filename || null, buffer });
  });
  app.post('/users/import/commit', { schema: { tags, summary: '确认导入（全部在一个事务中写入）', body: userImportCommitBody, response: { 200: userImportCommitReply } }, config: { permission: 'user:import' } }, async (req) =>
    importer.commit(actorOf(req), auditActorOf(req), req.body.token, req.body.skipInvalid ?? false),
  );
  app.get('/users/:id', { schema: { tags, summary: '用户详情', params: idParams, response: { 200: user } }, config: { permission: 'user:read' } }, async (req) =>
    service.get(actorOf(req), req.params.id),
  );
  app.post('/users', { schema: { tags, summary: '新增用户（返回一次性密码，仅显示一次）', body: userCreate, response: { 200: oneTimePasswordReply } }, config: { permission: 'user:create' } }, async (req) =>
    service.create(actorOf(req), auditActorOf(req), req.body),
  );
  app.patch('/users/:id', { schema: { tags, summary: '编辑用户', params: idParams, body: userUpdate, response: { 200: user } }, config: { permission: 'user:update' } }, async (req) =>
    service.update(actorOf(req), auditActorOf(req), req.params.id, req.body),
  );
  app.put('/users/:id/roles', { schema: { tags, summary: '分配角色与数据范围（安全管理员）', params: idParams, body: userRolesBody, response: { 200: user } }, config: { permission: 'role:grant' } }, async (req) =>
    service.setRoles(actorOf(req), auditActorOf(req), req.params.id, req.body),
  );
  app.post('/users/:id/reset-password', { schema: { tags, summary: '重置密码（生成一次性密码，结束该用户的会话）', params: idParams, response: { 200: oneTimePasswordReply } }, config: { permission: 'user:resetPassword' } }, async (req) =>
    service.resetPassword(actorOf(req), auditActorOf(req), req.params.id),
  );
  app.post('/users/:id/status', { schema: { tags, summary: '启用或停用用户（停用即结束其会话）', params: idParams, body: userStatusBody, response: { 200: user } }, config: { permission: 'user:disable' } }, async (req) =>
    service.setStatus(actorOf(req), auditActorOf(req), req.params.id, req.body.status),
  );
  app.post('/users/:id/unlock', { schema: { tags, summary: '解除登录锁定', params: idParams, response: { 200: user } }, config: { permission: 'user:update' } }, async (req) =>
    service.unlock(actorOf(req), auditActorOf(req), req.params.id),
  );
  app.post('/users/:id/unmask', { schema: { tags, summary: '查看完整手机号（须填写原因，记入审计）', params: idParams, body: userUnmaskBody, response: { 200: userUnmaskReply } }, config: { permission: 'user:unmask' } }, async (req) =>
    service.unmask(actorOf(req), auditActorOf(req), req.params.id, req.body.field, req.body.reason),
  );
}

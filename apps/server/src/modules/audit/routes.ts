import { auditEventPage, auditExportQuery, auditListQuery, auditPurgeBody, auditPurgeReply, auditVerifyReply, loginLogListQuery } from '@gg/shared';
import type { Platform } from '../../platform/context.js';
import { actorOf, auditActorOf, type App } from '../../platform/http/types.js';
import { sendXlsx } from '../../platform/http/download.js';
import { createAuditService } from './service.js';

/** The audit trail is read, exported, verified and purged past retention. No route edits or deletes a row. */
export function auditRoutes(app: App, platform: Platform) {
  const service = createAuditService(platform);
  const tags = ['审计日志'];

  app.get('/audit-events', { schema: { tags, summary: '审计记录（按流水号倒序）', querystring: auditListQuery, response: { 200: auditEventPage } }, config: { permission: 'audit:read' } }, async (req) =>
    service.list(actorOf(req), req.query),
  );
  app.get('/audit-events/export', { schema: { tags, summary: '导出审计记录（Excel）', querystring: auditExportQuery }, config: { permission: 'audit:export' } }, async (req, reply) =>
    sendXlsx(reply, '审计记录', await service.export(actorOf(req), auditActorOf(req), req.query)),
  );
  app.post('/audit-events/verify', { schema: { tags, summary: '校验审计记录的哈希链', response: { 200: auditVerifyReply } }, config: { permission: 'audit:verify' } }, async (req) =>
    service.verify(actorOf(req), auditActorOf(req)),
  );
  app.post('/audit-events/purge', { schema: { tags, summary: '清理超过保存期的审计记录（至少保留180天）', body: auditPurgeBody, response: { 200: auditPurgeReply } }, config: { permission: 'audit:purge' } }, async (req) =>
    service.purge(actorOf(req), auditActorOf(req), req.body.before),
  );
  app.get('/login-logs', { schema: { tags: ['登录日志'], summary: '登录日志（登录、退出、锁定、强退、改密）', querystring: loginLogListQuery, response: { 200: auditEventPage } }, config: { permission: 'loginLog:read' } }, async (req) =>
    service.loginLogs(actorOf(req), req.query),
  );
}

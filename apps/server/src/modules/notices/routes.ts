import { idParams, notice, noticeCreate, noticeListQuery, noticePage } from '@gg/shared';
import type { Platform } from '../../platform/context.js';
import { actorOf, auditActorOf, type App } from '../../platform/http/types.js';
import { createNoticeService } from './service.js';

export function noticeRoutes(app: App, platform: Platform) {
  const service = createNoticeService(platform);
  const tags = ['通知公告'];

  app.get('/notices', { schema: { tags, summary: '我收到的通知（含已读状态和未读数）', querystring: noticeListQuery, response: { 200: noticePage } }, config: { permission: 'notice:read' } }, async (req) =>
    service.list(actorOf(req), req.query),
  );
  app.get('/notices/:id', { schema: { tags, summary: '通知详情', params: idParams, response: { 200: notice } }, config: { permission: 'notice:read' } }, async (req) =>
    service.get(actorOf(req), req.params.id),
  );
  app.post('/notices', { schema: { tags, summary: '发布通知（发给某组织及下级，或所有人）', body: noticeCreate, response: { 200: notice } }, config: { permission: 'notice:publish' } }, async (req) =>
    service.publish(actorOf(req), auditActorOf(req), req.body),
  );
  app.post('/notices/:id/read', { schema: { tags, summary: '标记为已读', params: idParams, response: { 200: notice } }, config: { permission: 'notice:read' } }, async (req) =>
    service.markRead(actorOf(req), auditActorOf(req), req.params.id),
  );
}

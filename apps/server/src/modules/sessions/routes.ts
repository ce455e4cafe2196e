import { okReply, onlineSession, pageOf, sessionIdParams, sessionListQuery } from '@gg/shared';
import type { Platform } from '../../platform/context.js';
import { actorOf, auditActorOf, type App } from '../../platform/http/types.js';
import { createSessionService } from './service.js';

export function sessionRoutes(app: App, platform: Platform) {
  const service = createSessionService(platform);
  const tags = ['在线用户'];

  app.get('/sessions', { schema: { tags, summary: '在线用户（未结束的会话）', querystring: sessionListQuery, response: { 200: pageOf(onlineSession) } }, config: { permission: 'session:read' } }, async (req) =>
    service.list(actorOf(req), req.query),
  );
  app.post('/sessions/:id/force-logout', { schema: { tags, summary: '强制下线（强退）', params: sessionIdParams, response: { 200: okReply } }, config: { permission: 'session:forceLogout' } }, async (req) =>
    service.forceLogout(actorOf(req), auditActorOf(req), req.params.id),
  );
}

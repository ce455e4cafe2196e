import { baseCreate, baseListQuery, baseUpdate, educationBase, idParams, pageOf } from '@gg/shared';
import type { Platform } from '../../platform/context.js';
import { actorOf, auditActorOf, type App } from '../../platform/http/types.js';
import { createBaseService } from './service.js';
import { sendXlsx } from '../../platform/http/download.js';

export function baseRoutes(app: App, platform: Platform) {
  const service = createBaseService(platform);
  const tags = ['教育基地'];
  app.get('/bases', { schema: { tags, summary: '教育基地名录（含活动场次和接待人数）', querystring: baseListQuery, response: { 200: pageOf(educationBase) } }, config: { permission: 'base:read' } }, async (req) =>
    service.list(actorOf(req), req.query),
  );
  app.get('/bases/export', { schema: { tags, summary: '导出教育基地名录（Excel，含活动场次和接待人数）', querystring: baseListQuery }, config: { permission: 'base:read' } }, async (req, reply) =>
    sendXlsx(reply, '教育基地名录', await service.exportXlsx(actorOf(req), auditActorOf(req), req.query)),
  );
  app.get('/bases/:id', { schema: { tags, summary: '教育基地详情', params: idParams, response: { 200: educationBase } }, config: { permission: 'base:read' } }, async (req) =>
    service.get(actorOf(req), req.params.id),
  );
  app.post('/bases', { schema: { tags, summary: '登记教育基地', body: baseCreate, response: { 200: educationBase } }, config: { permission: 'base:manage' } }, async (req) =>
    service.create(actorOf(req), auditActorOf(req), req.body),
  );
  app.patch('/bases/:id', { schema: { tags, summary: '编辑、停用或启用教育基地', params: idParams, body: baseUpdate, response: { 200: educationBase } }, config: { permission: 'base:manage' } }, async (req) =>
    service.update(actorOf(req), auditActorOf(req), req.params.id, req.body),
  );
}

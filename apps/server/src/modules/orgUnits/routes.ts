import { z } from 'zod';
import { idParams, orgUnit, orgUnitCreate, orgUnitListQuery, orgUnitMove, orgUnitStatus, orgUnitTreeNode, orgUnitTreeQuery, orgUnitUpdate, pageOf } from '@gg/shared';
import type { Platform } from '../../platform/context.js';
import { actorOf, auditActorOf, type App } from '../../platform/http/types.js';
import { sendXlsx } from '../../platform/http/download.js';
import { createOrgUnitService } from './service.js';

export function orgUnitRoutes(app: App, platform: Platform) {
  const service = createOrgUnitService(platform);
  const tags = ['组织体系'];

  app.get('/org-units/tree', { schema: { tags, summary: '组织树（从本人可见的最高节点起）', querystring: orgUnitTreeQuery, response: { 200: z.array(orgUnitTreeNode) } }, config: { permission: 'orgUnit:read' } }, async (req) =>
    service.tree(actorOf(req), req.query.rootId, req.query.depth, req.query.includeDisabled ?? false),
  );
  app.get('/org-units', { schema: { tags, summary: '组织列表', querystring: orgUnitListQuery, response: { 200: pageOf(orgUnit) } }, config: { permission: 'orgUnit:read' } }, async (req) =>
    service.list(actorOf(req), req.query),
  );
  app.get('/org-units/export', { schema: { tags, summary: '导出组织（Excel）', querystring: orgUnitListQuery }, config: { permission: 'orgUnit:export' } }, async (req, reply) =>
    sendXlsx(reply, '组织体系', await service.export(actorOf(req), auditActorOf(req), req.query)),
  );
  app.get('/org-units/:id', { schema: { tags, summary: '组织详情', params: idParams, response: { 200: orgUnit } }, config: { permission: 'orgUnit:read' } }, async (req) =>
    service.get(actorOf(req), req.params.id),
  );
  app.post('/org-units', { schema: { tags, summary: '新增组织', body: orgUnitCreate, response: { 200: orgUnit } }, config: { permission: 'orgUnit:create' } }, async (req) =>
    service.create(actorOf(req), auditActorOf(req), req.body),
  );
  app.patch('/org-units/:id', { schema: { tags, summary: '编辑组织', params: idParams, body: orgUnitUpdate, response: { 200: orgUnit } }, config: { permission: 'orgUnit:update' } }, async (req) =>
    service.update(actorOf(req), auditActorOf(req), req.params.id, req.body),
  );
  app.post('/org-units/:id/move', { schema: { tags, summary: '移动组织到新的上级', params: idParams, body: orgUnitMove, response: { 200: orgUnit } }, config: { permission: 'orgUnit:move' } }, async (req) =>
    service.move(actorOf(req), auditActorOf(req), req.params.id, req.body.parentId),
  );
  app.post('/org-units/:id/status', { schema: { tags, summary: '停用或启用组织（有数据的组织不删除）', params: idParams, body: orgUnitStatus, response: { 200: orgUnit } }, config: { permission: 'orgUnit:disable' } }, async (req) =>
    service.setStatus(actorOf(req), auditActorOf(req), req.params.id, req.body.status),
  );
}

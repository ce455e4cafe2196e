import { idParams, memberUnit, memberUnitCreate, memberUnitListQuery, memberUnitUpdate, pageOf } from '@gg/shared';
import type { Platform } from '../../platform/context.js';
import { actorOf, auditActorOf, type App } from '../../platform/http/types.js';
import { sendXlsx } from '../../platform/http/download.js';
import { createMemberUnitService } from './service.js';

const exportQuery = memberUnitListQuery.omit({ page: true, pageSize: true });

export function memberUnitRoutes(app: App, platform: Platform) {
  const service = createMemberUnitService(platform);
  const tags = ['成员单位'];

  app.get('/member-units', { schema: { tags, summary: '成员单位列表', querystring: memberUnitListQuery, response: { 200: pageOf(memberUnit) } }, config: { permission: 'memberUnit:read' } }, async (req) =>
    service.list(actorOf(req), req.query),
  );
  app.get('/member-units/export', { schema: { tags, summary: '导出成员单位（Excel）', querystring: exportQuery }, config: { permission: 'memberUnit:export' } }, async (req, reply) =>
    sendXlsx(reply, '成员单位', await service.export(actorOf(req), auditActorOf(req), req.query)),
  );
  app.get('/member-units/:id', { schema: { tags, summary: '成员单位详情', params: idParams, response: { 200: memberUnit } }, config: { permission: 'memberUnit:read' } }, async (req) =>
    service.get(actorOf(req), req.params.id),
  );
  app.post('/member-units', { schema: { tags, summary: '新增成员单位', body: memberUnitCreate, response: { 200: memberUnit } }, config: { permission: 'memberUnit:create' } }, async (req) =>
    service.create(actorOf(req), auditActorOf(req), req.body),
  );
  app.patch('/member-units/:id', { schema: { tags, summary: '编辑成员单位（含启用、停用；成员单位不删除）', params: idParams, body: memberUnitUpdate, response: { 200: memberUnit } }, config: { permission: 'memberUnit:update' } }, async (req) =>
    service.update(actorOf(req), auditActorOf(req), req.params.id, req.body),
  );
}

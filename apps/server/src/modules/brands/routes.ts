import { brand, brandCreate, brandListQuery, brandUpdate, idParams, pageOf } from '@gg/shared';
import type { Platform } from '../../platform/context.js';
import { actorOf, auditActorOf, type App } from '../../platform/http/types.js';
import { sendXlsx } from '../../platform/http/download.js';
import { createBrandService } from './service.js';

export function brandRoutes(app: App, platform: Platform) {
  const service = createBrandService(platform);
  const tags = ['工作品牌'];
  app.get('/brands', { schema: { tags, summary: '工作品牌（如“1357”工作机制）', querystring: brandListQuery, response: { 200: pageOf(brand) } }, config: { permission: 'brand:read' } }, async (req) => service.list(actorOf(req), req.query));
  app.get('/brands/export', { schema: { tags, summary: '导出工作品牌（Excel）', querystring: brandListQuery }, config: { permission: 'brand:export' } }, async (req, reply) => {
    const { page: _p, pageSize: _s, sort: _o, ...filters } = req.query;
    return sendXlsx(reply, '工作品牌', await service.export(actorOf(req), auditActorOf(req), filters));
  });
  app.get('/brands/:id', { schema: { tags, summary: '工作品牌详情（参与单位、关联活动、成效）', params: idParams, response: { 200: brand } }, config: { permission: 'brand:read' } }, async (req) => service.get(actorOf(req), req.params.id));
  app.post('/brands', { schema: { tags, summary: '新建工作品牌', body: brandCreate, response: { 200: brand } }, config: { permission: 'brand:manage' } }, async (req) => service.create(actorOf(req), auditActorOf(req), req.body));
  app.patch('/brands/:id', { schema: { tags, summary: '编辑工作品牌', params: idParams, body: brandUpdate, response: { 200: brand } }, config: { permission: 'brand:manage' } }, async (req) =>
    service.update(actorOf(req), auditActorOf(req), req.params.id, req.body),
  );
}

import { z } from 'zod';
import { dictionaryItem, dictionaryItemCreate, dictionaryItemUpdate, dictionaryListQuery, dictionaryTypeSummary, idParams, pageOf } from '@gg/shared';
import type { Platform } from '../../platform/context.js';
import { actorOf, auditActorOf, type App } from '../../platform/http/types.js';
import { createDictionaryService } from './service.js';

export function dictionaryRoutes(app: App, platform: Platform) {
  const service = createDictionaryService(platform);
  const tags = ['数据字典'];

  app.get('/dictionaries', { schema: { tags, summary: '字典项（按类型筛选）', querystring: dictionaryListQuery, response: { 200: pageOf(dictionaryItem) } }, config: { permission: 'dictionary:read' } }, async (req) =>
    service.list(actorOf(req), req.query),
  );
  app.get('/dictionaries/types', { schema: { tags, summary: '字典类型及其项数', response: { 200: z.array(dictionaryTypeSummary) } }, config: { permission: 'dictionary:read' } }, async () =>
    service.types(),
  );
  app.post('/dictionaries/items', { schema: { tags, summary: '新增字典项', body: dictionaryItemCreate, response: { 200: dictionaryItem } }, config: { permission: 'dictionary:update' } }, async (req) =>
    service.create(actorOf(req), auditActorOf(req), req.body),
  );
  app.patch('/dictionaries/items/:id', { schema: { tags, summary: '编辑字典项（名称、排序、启用/停用）', params: idParams, body: dictionaryItemUpdate, response: { 200: dictionaryItem } }, config: { permission: 'dictionary:update' } }, async (req) =>
    service.update(actorOf(req), auditActorOf(req), req.params.id, req.body),
  );
}

import { z } from 'zod';
import {
  creation, creationApply, creationBoard, creationBoardQuery, creationCheckInput, creationDetail, creationListQuery, creationName, creationReviewInput,
  creationRevoke, creationType, creationTypeCreate, creationTypeUpdate, idParams, pageOf,
} from '@gg/shared';
import type { Platform } from '../../platform/context.js';
import { actorOf, auditActorOf, type App } from '../../platform/http/types.js';
import { createCreationService } from './service.js';
import { createCreationTypeService } from './types.js';

export function creationRoutes(app: App, platform: Platform) {
  const service = createCreationService(platform);
  const types = createCreationTypeService(platform);
  const tags = ['创建活动'];
  const detail = { 200: creationDetail };

  app.get('/creation-types', { schema: { tags, summary: '创建类型和创建标准', response: { 200: z.array(creationType) } }, config: { permission: 'creation:read' } }, async (req) => types.list(actorOf(req)));
  app.get('/creation-types/:id', { schema: { tags, summary: '创建类型详情', params: idParams, response: { 200: creationType } }, config: { permission: 'creation:read' } }, async (req) => types.get(actorOf(req), req.params.id));
  app.post('/creation-types', { schema: { tags, summary: '新增创建类型（含标准清单）', body: creationTypeCreate, response: { 200: creationType } }, config: { permission: 'creation:manage' } }, async (req) =>
    types.create(actorOf(req), auditActorOf(req), req.body),
  );
  app.patch('/creation-types/:id', { schema: { tags, summary: '编辑创建类型和标准清单', params: idParams, body: creationTypeUpdate, response: { 200: creationType } }, config: { permission: 'creation:manage' } }, async (req) =>
    types.update(actorOf(req), auditActorOf(req), req.params.id, req.body),
  );

  app.get('/creations', { schema: { tags, summary: '创建申报与命名列表', querystring: creationListQuery, response: { 200: pageOf(creation) } }, config: { permission: 'creation:read' } }, async (req) =>
    service.list(actorOf(req), req.query),
  );
  app.get('/creations/board', { schema: { tags, summary: '创建情况看板（按乡镇）', querystring: creationBoardQuery, response: { 200: creationBoard } }, config: { permission: 'creation:read' } }, async (req) =>
    service.board(actorOf(req), req.query.typeId),
  );
  app.get('/creations/:id', { schema: { tags, summary: '创建详情（验收记录和全过程）', params: idParams, response: detail }, config: { permission: 'creation:read' } }, async (req) =>
    service.get(actorOf(req), req.params.id),
  );
  app.post('/creations', { schema: { tags, summary: '创建申报（附佐证材料）', body: creationApply, response: detail }, config: { permission: 'creation:apply' } }, async (req) =>
    service.apply(actorOf(req), auditActorOf(req), req.body),
  );
  app.post('/creations/:id/check', { schema: { tags, summary: '联合验收（逐项记录结果）', params: idParams, body: creationCheckInput, response: detail }, config: { permission: 'creation:check' } }, async (req) =>
    service.check(actorOf(req), auditActorOf(req), req.params.id, req.body),
  );
  app.post('/creations/:id/name', { schema: { tags, summary: '命名（按类型有效期）', params: idParams, body: creationName, response: detail }, config: { permission: 'creation:manage' } }, async (req) =>
    service.name(actorOf(req), auditActorOf(req), req.params.id, req.body),
  );
  app.post('/creations/:id/review', { schema: { tags, summary: '年度复查（不合格即撤销命名）', params: idParams, body: creationReviewInput, response: detail }, config: { permission: 'creation:check' } }, async (req) =>
    service.review(actorOf(req), auditActorOf(req), req.params.id, req.body),
  );
  app.post('/creations/:id/revoke', { schema: { tags, summary: '发生案事件，撤销命名（须填写原因）', params: idParams, body: creationRevoke, response: detail }, config: { permission: 'creation:manage' } }, async (req) =>
    service.revoke(actorOf(req), auditActorOf(req), req.params.id, req.body),
  );
}

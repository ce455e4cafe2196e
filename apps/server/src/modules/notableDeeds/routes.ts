import {
  idParams, notableDeed, notableDeedCreate, notableDeedDeadlineInput, notableDeedFloor, notableDeedListQuery, notableDeedReview, notableDeedUpdate, okReply, pageOf, yearQuery,
} from '@gg/shared';
import type { Platform } from '../../platform/context.js';
import { actorOf, auditActorOf, type App } from '../../platform/http/types.js';
import { sendXlsx } from '../../platform/http/download.js';
import { createNotableDeedService } from './service.js';
import { exportNotableDeeds } from './export.js';

export function notableDeedRoutes(app: App, platform: Platform) {
  const service = createNotableDeedService(platform);
  const tags = ['像样的事'];

  app.get('/notable-deeds', { schema: { tags, summary: '像样的事列表', querystring: notableDeedListQuery, response: { 200: pageOf(notableDeed) } }, config: { permission: 'notableDeed:read' } }, async (req) =>
    service.list(actorOf(req), req.query),
  );
  app.get('/notable-deeds/floor', { schema: { tags, summary: '保底情况：各成员单位本年度像样的事（下要保底）', querystring: yearQuery, response: { 200: notableDeedFloor } }, config: { permission: 'notableDeed:read' } }, async (req) =>
    service.floor(actorOf(req), req.query.year),
  );
  app.put('/notable-deeds/deadline', { schema: { tags, summary: '设定本年度像样的事保底日期', body: notableDeedDeadlineInput, response: { 200: notableDeedFloor } }, config: { permission: 'notableDeed:review' } }, async (req) =>
    service.setDeadline(actorOf(req), auditActorOf(req), req.body.year, req.body.dueDate),
  );
  app.get('/notable-deeds/export', { schema: { tags, summary: '导出像样的事（Excel）', querystring: notableDeedListQuery }, config: { permission: 'notableDeed:export' } }, async (req, reply) => {
    const { page: _p, pageSize: _s, sort: _o, ...filters } = req.query;
    return sendXlsx(reply, '像样的事', await exportNotableDeeds(platform, actorOf(req), auditActorOf(req), filters));
  });
  app.get('/notable-deeds/:id', { schema: { tags, summary: '像样的事详情', params: idParams, response: { 200: notableDeed } }, config: { permission: 'notableDeed:read' } }, async (req) =>
    service.get(actorOf(req), req.params.id),
  );
  app.post('/notable-deeds', { schema: { tags, summary: '登记像样的事（附证明材料、关联活动）', body: notableDeedCreate, response: { 200: notableDeed } }, config: { permission: 'notableDeed:record' } }, async (req) =>
    service.create(actorOf(req), auditActorOf(req), req.body),
  );
  app.patch('/notable-deeds/:id', { schema: { tags, summary: '编辑像样的事（认定前）', params: idParams, body: notableDeedUpdate, response: { 200: notableDeed } }, config: { permission: 'notableDeed:record' } }, async (req) =>
    service.update(actorOf(req), auditActorOf(req), req.params.id, req.body),
  );
  app.delete('/notable-deeds/:id', { schema: { tags, summary: '删除像样的事（认定前）', params: idParams, response: { 200: okReply } }, config: { permission: 'notableDeed:record' } }, async (req) =>
    service.remove(actorOf(req), auditActorOf(req), req.params.id),
  );
  app.post('/notable-deeds/:id/review', { schema: { tags, summary: '认定像样的事', params: idParams, body: notableDeedReview, response: { 200: notableDeed } }, config: { permission: 'notableDeed:review' } }, async (req) =>
    service.review(actorOf(req), auditActorOf(req), req.params.id, req.body),
  );
}

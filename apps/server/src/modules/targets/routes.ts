import { z } from 'zod';
import { idParams, okReply, pageOf, target, targetCreate, targetDetail, targetListQuery, targetProgressCreate, targetUnitSummary, targetUpdate, yearQuery } from '@gg/shared';
import type { Platform } from '../../platform/context.js';
import { actorOf, auditActorOf, type App } from '../../platform/http/types.js';
import { sendXlsx } from '../../platform/http/download.js';
import { createTargetService } from './service.js';
import { reportProgress } from './progress.js';
import { exportTargets } from './export.js';

export function targetRoutes(app: App, platform: Platform) {
  const service = createTargetService(platform);
  const tags = ['目标清单'];

  app.get('/targets', { schema: { tags, summary: '目标清单和责任清单（按年度、单位、状态、逾期筛选）', querystring: targetListQuery, response: { 200: pageOf(target) } }, config: { permission: 'target:read' } }, async (req) =>
    service.list(actorOf(req), req.query),
  );
  app.get('/targets/summary', { schema: { tags, summary: '各单位年度目标推进情况', querystring: yearQuery, response: { 200: z.array(targetUnitSummary) } }, config: { permission: 'target:read' } }, async (req) =>
    service.summary(actorOf(req), req.query.year),
  );
  app.get('/targets/export', { schema: { tags, summary: '导出目标清单（Excel）', querystring: targetListQuery }, config: { permission: 'target:export' } }, async (req, reply) => {
    const { page: _p, pageSize: _s, sort: _o, ...filters } = req.query;
    return sendXlsx(reply, '目标清单', await exportTargets(platform, actorOf(req), auditActorOf(req), filters));
  });
  app.get('/targets/:id', { schema: { tags, summary: '目标详情（含进展报告和关联活动）', params: idParams, response: { 200: targetDetail } }, config: { permission: 'target:read' } }, async (req) =>
    service.get(actorOf(req), req.params.id),
  );
  app.post('/targets', { schema: { tags, summary: '制定目标或责任事项（办公室起草，单位确认）', body: targetCreate, response: { 200: targetDetail } }, config: { permission: 'target:manage' } }, async (req) =>
    service.create(actorOf(req), auditActorOf(req), req.body),
  );
  app.patch('/targets/:id', { schema: { tags, summary: '编辑目标', params: idParams, body: targetUpdate, response: { 200: targetDetail } }, config: { permission: 'target:manage' } }, async (req) =>
    service.update(actorOf(req), auditActorOf(req), req.params.id, req.body),
  );
  app.delete('/targets/:id', { schema: { tags, summary: '删除待确认的目标', params: idParams, response: { 200: okReply } }, config: { permission: 'target:manage' } }, async (req) =>
    service.remove(actorOf(req), auditActorOf(req), req.params.id),
  );
  app.post('/targets/:id/confirm', { schema: { tags, summary: '单位确认目标', params: idParams, response: { 200: targetDetail } }, config: { permission: 'target:confirm' } }, async (req) =>
    service.confirm(actorOf(req), auditActorOf(req), req.params.id),
  );
  app.post('/targets/:id/progress', { schema: { tags, summary: '报告目标进展（文字、附件、关联活动）', params: idParams, body: targetProgressCreate, response: { 200: targetDetail } }, config: { permission: 'target:progress' } }, async (req) =>
    reportProgress(platform, service, actorOf(req), auditActorOf(req), req.params.id, req.body),
  );
}

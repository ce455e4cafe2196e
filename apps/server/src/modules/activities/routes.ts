import { z } from 'zod';
import {
  activity, activityCalendar, activityCalendarQuery, activityCreate, activityListQuery, activitySummary, activitySummaryQuery,
  activityUpdate, activityUploadParams, activityVolunteerOption, activityVolunteerOptionsQuery, idParams, okReply, pageOf,
} from '@gg/shared';
import type { Platform } from '../../platform/context.js';
import { actorOf, auditActorOf, type App } from '../../platform/http/types.js';
import { sendXlsx } from '../../platform/http/download.js';
import { createActivityService } from './service.js';
import { exportActivities } from './export.js';
import { cacheUntilWrite } from '../../platform/cacheUntilWrite.js';

export function activityRoutes(app: App, platform: Platform) {
  const service = createActivityService(platform);
  // Counts and sums only, recomputed after any write (platform/cacheUntilWrite.ts).
  const summary = cacheUntilWrite(platform, (actor, query: z.output<typeof activitySummaryQuery>) => service.summary(actor, query));
  const tags = ['活动记录'];

  app.get('/activities', { schema: { tags, summary: '活动列表（按类型、日期、组织、主题活动、基地、成员单位筛选）', querystring: activityListQuery, response: { 200: pageOf(activity) } }, config: { permission: 'activity:read' } }, async (req) =>
    service.list(actorOf(req), req.query),
  );
  app.get('/activities/calendar', { schema: { tags, summary: '活动日历（某月每天的场次）', querystring: activityCalendarQuery, response: { 200: activityCalendar } }, config: { permission: 'activity:read' } }, async (req) =>
    service.calendar(actorOf(req), req.query),
  );
  app.get('/activities/summary', { schema: { tags, summary: '活动汇总（场次、受众、志愿者和服务时长）', querystring: activitySummaryQuery, response: { 200: activitySummary } }, config: { permission: 'activity:stats' } }, async (req) =>
    summary(actorOf(req), req.query),
  );
  app.get('/activities/export', { schema: { tags, summary: '导出活动（Excel）', querystring: activityListQuery }, config: { permission: 'activity:export' } }, async (req, reply) => {
    const { page: _p, pageSize: _s, sort: _o, ...filters } = req.query;
    const { stream, rows } = await exportActivities(platform, service, actorOf(req), auditActorOf(req), filters);
    return sendXlsx(reply.header('X-Row-Count', String(rows)), '活动登记表', stream);
  });
  app.get('/activities/volunteer-options', { schema: { tags, summary: '可选的参与志愿者（在服务的“五老”，仅姓名）', querystring: activityVolunteerOptionsQuery, response: { 200: z.array(activityVolunteerOption) } }, config: { permission: 'activity:create' } }, async (req) =>
    service.volunteerOptions(req.query.q),
  );
  app.get('/activities/:id', { schema: { tags, summary: '活动详情', params: idParams, response: { 200: activity } }, config: { permission: 'activity:read' } }, async (req) =>
    service.get(actorOf(req), req.params.id),
  );
  app.post('/activities', { schema: { tags, summary: '登记活动（志愿服务时长、主题活动和基地统计随之计入）', body: activityCreate, response: { 200: activity } }, config: { permission: 'activity:create' } }, async (req) =>
    service.create(actorOf(req), auditActorOf(req), req.body),
  );
  app.patch('/activities/:id', { schema: { tags, summary: '编辑活动', params: idParams, body: activityUpdate, response: { 200: activity } }, config: { permission: 'activity:update' } }, async (req) =>
    service.update(actorOf(req), auditActorOf(req), req.params.id, req.body),
  );
  app.delete('/activities/:id/uploads/:uploadId', { schema: { tags, summary: '删除活动的一张照片或一个附件', params: activityUploadParams, response: { 200: activity } }, config: { permission: 'activity:update' } }, async (req) =>
    service.removeUpload(actorOf(req), auditActorOf(req), req.params.id, req.params.uploadId),
  );
  app.delete('/activities/:id', { schema: { tags, summary: '删除活动（同时撤回其志愿服务记录）', params: idParams, response: { 200: okReply } }, config: { permission: 'activity:delete' } }, async (req) =>
    service.remove(actorOf(req), auditActorOf(req), req.params.id),
  );
}

import {
  idParams, lectureAssign, lectureCancel, lectureDecline, lectureHeld, lectureRate, lectureRequest, lectureRequestCreate, lectureRequestListQuery,
  lectureTopic, lectureTopicCreate, lectureTopicListQuery, lectureTopicUpdate, pageOf,
} from '@gg/shared';
import type { Platform } from '../../platform/context.js';
import { actorOf, auditActorOf, type App } from '../../platform/http/types.js';
import { createLectureTopicService } from './topics.js';
import { createLectureRequestService } from './requests.js';
import { exportLectureRequests } from './export.js';
import { sendXlsx } from '../../platform/http/download.js';

export function lectureRoutes(app: App, platform: Platform) {
  const topics = createLectureTopicService(platform);
  const requests = createLectureRequestService(platform);
  const tags = ['菜单式宣讲'];
  const reply = { 200: lectureRequest };

  app.get('/lecture-topics', { schema: { tags, summary: '宣讲菜单', querystring: lectureTopicListQuery, response: { 200: pageOf(lectureTopic) } }, config: { permission: 'lecture:read' } }, async (req) =>
    topics.list(actorOf(req), req.query),
  );
  app.get('/lecture-topics/:id', { schema: { tags, summary: '宣讲主题详情', params: idParams, response: { 200: lectureTopic } }, config: { permission: 'lecture:read' } }, async (req) =>
    topics.get(actorOf(req), req.params.id),
  );
  app.post('/lecture-topics', { schema: { tags, summary: '新增宣讲主题', body: lectureTopicCreate, response: { 200: lectureTopic } }, config: { permission: 'lecture:manage' } }, async (req) =>
    topics.create(actorOf(req), auditActorOf(req), req.body),
  );
  app.patch('/lecture-topics/:id', { schema: { tags, summary: '编辑、上架或下架宣讲主题', params: idParams, body: lectureTopicUpdate, response: { 200: lectureTopic } }, config: { permission: 'lecture:manage' } }, async (req) =>
    topics.update(actorOf(req), auditActorOf(req), req.params.id, req.body),
  );

  app.get('/lecture-requests/export', { schema: { tags, summary: '导出宣讲预约（Excel，含状态、宣讲员和评分）', querystring: lectureRequestListQuery }, config: { permission: 'lecture:read' } }, async (req, reply) => {
    const { page: _p, pageSize: _s, ...query } = req.query;
    return sendXlsx(reply, '宣讲预约登记表', await exportLectureRequests(platform, requests, actorOf(req), auditActorOf(req), { ...query, page: 1, pageSize: 500 }));
  });
  app.get('/lecture-requests', { schema: { tags, summary: '宣讲预约列表（mine=true：本人的宣讲安排）', querystring: lectureRequestListQuery, response: { 200: pageOf(lectureRequest) } }, config: { permission: 'lecture:read' } }, async (req) =>
    requests.list(actorOf(req), req.query),
  );
  app.get('/lecture-requests/:id', { schema: { tags, summary: '宣讲预约详情', params: idParams, response: reply }, config: { permission: 'lecture:read' } }, async (req) =>
    requests.get(actorOf(req), req.params.id),
  );
  app.post('/lecture-requests', { schema: { tags, summary: '预约宣讲（学校只能预约准入学校的主题）', body: lectureRequestCreate, response: reply }, config: { permission: 'lecture:request' } }, async (req) =>
    requests.create(actorOf(req), auditActorOf(req), req.body),
  );
  app.post('/lecture-requests/:id/assign', { schema: { tags, summary: '派讲：指定宣讲员和日期', params: idParams, body: lectureAssign, response: reply }, config: { permission: 'lecture:manage' } }, async (req) =>
    requests.assign(actorOf(req), auditActorOf(req), req.params.id, req.body),
  );
  app.post('/lecture-requests/:id/confirm', { schema: { tags, summary: '宣讲员确认安排', params: idParams, response: reply }, config: { permission: 'lecture:confirm' } }, async (req) =>
    requests.confirm(actorOf(req), auditActorOf(req), req.params.id),
  );
  app.post('/lecture-requests/:id/decline', { schema: { tags, summary: '宣讲员不能前往（退回重新派讲）', params: idParams, body: lectureDecline, response: reply }, config: { permission: 'lecture:confirm' } }, async (req) =>
    requests.decline(actorOf(req), auditActorOf(req), req.params.id, req.body.reason),
  );
  app.post('/lecture-requests/:id/held', { schema: { tags, summary: '登记已开讲（生成活动，计入服务时长和主题活动）', params: idParams, body: lectureHeld, response: reply }, config: { permission: 'lecture:read' } }, async (req) =>
    requests.recordHeld(actorOf(req), auditActorOf(req), req.params.id, req.body),
  );
  app.post('/lecture-requests/:id/rate', { schema: { tags, summary: '评价宣讲', params: idParams, body: lectureRate, response: reply }, config: { permission: 'lecture:request' } }, async (req) =>
    requests.rate(actorOf(req), auditActorOf(req), req.params.id, req.body),
  );
  app.post('/lecture-requests/:id/cancel', { schema: { tags, summary: '取消宣讲预约', params: idParams, body: lectureCancel, response: reply }, config: { permission: 'lecture:read' } }, async (req) =>
    requests.cancel(actorOf(req), auditActorOf(req), req.params.id, req.body.reason),
  );
}

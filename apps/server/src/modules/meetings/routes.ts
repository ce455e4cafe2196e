import {
  idParams, meeting, meetingAttendanceInput, meetingCreate, meetingDecisionCreate, meetingDetail, meetingListQuery, meetingUpdate, pageOf,
  supervision, task, taskCreate, taskDeadlineInput, taskDetail, taskListQuery, taskUpdateInput,
} from '@gg/shared';
import type { Platform } from '../../platform/context.js';
import { actorOf, auditActorOf, type App } from '../../platform/http/types.js';
import { createMeetingService } from './service.js';
import { createTaskService } from './tasks.js';
import { sendXlsx } from '../../platform/http/download.js';
import { exportMeetings, exportTasks } from './export.js';

export function meetingRoutes(app: App, platform: Platform) {
  const meetings = createMeetingService(platform);
  const tasks = createTaskService(platform);
  const tags = ['联席会议'];

  app.get('/meetings', { schema: { tags, summary: '联席会议列表', querystring: meetingListQuery, response: { 200: pageOf(meeting) } }, config: { permission: 'meeting:read' } }, async (req) =>
    meetings.list(actorOf(req), req.query),
  );
  app.get('/meetings/export', { schema: { tags, summary: '导出联席会议（Excel）', querystring: meetingListQuery }, config: { permission: 'meeting:export' } }, async (req, reply) => {
    const { page: _p, pageSize: _s, sort: _o, ...filters } = req.query;
    return sendXlsx(reply, '联席会议', await exportMeetings(platform, actorOf(req), auditActorOf(req), filters));
  });
  app.get('/meetings/:id', { schema: { tags, summary: '会议详情（议程、出席、纪要、材料、议定事项和交办任务）', params: idParams, response: { 200: meetingDetail } }, config: { permission: 'meeting:read' } }, async (req) =>
    meetings.get(actorOf(req), req.params.id),
  );
  app.post('/meetings', { schema: { tags, summary: '新建会议（议程、邀请成员单位）', body: meetingCreate, response: { 200: meetingDetail } }, config: { permission: 'meeting:manage' } }, async (req) =>
    meetings.create(actorOf(req), auditActorOf(req), req.body),
  );
  app.patch('/meetings/:id', { schema: { tags, summary: '编辑会议（纪要、材料、状态、邀请单位）', params: idParams, body: meetingUpdate, response: { 200: meetingDetail } }, config: { permission: 'meeting:manage' } }, async (req) =>
    meetings.update(actorOf(req), auditActorOf(req), req.params.id, req.body),
  );
  app.put('/meetings/:id/attendance', { schema: { tags, summary: '登记出席情况', params: idParams, body: meetingAttendanceInput, response: { 200: meetingDetail } }, config: { permission: 'meeting:manage' } }, async (req) =>
    meetings.recordAttendance(actorOf(req), auditActorOf(req), req.params.id, req.body),
  );
  app.post('/meetings/:id/decisions', { schema: { tags, summary: '记录议定事项并交办任务', params: idParams, body: meetingDecisionCreate, response: { 200: meetingDetail } }, config: { permission: 'meeting:manage' } }, async (req) =>
    meetings.addDecision(actorOf(req), auditActorOf(req), req.params.id, req.body),
  );

  const taskTags = ['交办任务'];
  app.get('/tasks', { schema: { tags: taskTags, summary: '交办任务列表（本单位只见本单位的任务）', querystring: taskListQuery, response: { 200: pageOf(task) } }, config: { permission: 'meeting:read' } }, async (req) =>
    tasks.list(actorOf(req), req.query),
  );
  app.get('/tasks/supervision', { schema: { tags: taskTags, summary: '督办清单：未办结和逾期的任务', response: { 200: supervision } }, config: { permission: 'meeting:supervise' } }, async (req) =>
    tasks.supervision(actorOf(req)),
  );
  app.get('/tasks/export', { schema: { tags: taskTags, summary: '导出交办任务（Excel；逾期筛选即督办清单）', querystring: taskListQuery }, config: { permission: 'meeting:export' } }, async (req, reply) => {
    const { page: _p, pageSize: _s, sort: _o, ...filters } = req.query;
    return sendXlsx(reply, '交办任务', await exportTasks(platform, actorOf(req), auditActorOf(req), filters as never));
  });
  app.get('/tasks/:id', { schema: { tags: taskTags, summary: '任务详情（办理记录）', params: idParams, response: { 200: taskDetail } }, config: { permission: 'meeting:read' } }, async (req) =>
    tasks.get(actorOf(req), req.params.id),
  );
  app.post('/tasks', { schema: { tags: taskTags, summary: '交办任务（不经会议）', body: taskCreate, response: { 200: taskDetail } }, config: { permission: 'meeting:manage' } }, async (req) =>
    tasks.create(actorOf(req), auditActorOf(req), req.body),
  );
  app.post('/tasks/:id/updates', { schema: { tags: taskTags, summary: '报告任务办理情况', params: idParams, body: taskUpdateInput, response: { 200: taskDetail } }, config: { permission: 'meeting:taskUpdate' } }, async (req) =>
    tasks.report(actorOf(req), auditActorOf(req), req.params.id, req.body),
  );
  app.post('/tasks/:id/deadline', { schema: { tags: taskTags, summary: '调整任务时限', params: idParams, body: taskDeadlineInput, response: { 200: taskDetail } }, config: { permission: 'meeting:manage' } }, async (req) =>
    tasks.reschedule(actorOf(req), auditActorOf(req), req.params.id, req.body),
  );
}

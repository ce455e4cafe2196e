import {
  idParams,
  pageOf,
  volunteerTeam,
  volunteerTeamCreate,
  volunteerTeamDetail,
  volunteerTeamListQuery,
  volunteerTeamMemberAdd,
  volunteerTeamMemberParams,
  volunteerTeamMemberUpdate,
  volunteerTeamTopicCreate,
  volunteerTeamTopicParams,
  volunteerTeamUpdate,
} from '@gg/shared';
import type { Platform } from '../../platform/context.js';
import { actorOf, auditActorOf, type App } from '../../platform/http/types.js';
import type { VolunteerService } from './service.js';
import { createTeamService } from './teams.js';

/** Teams: 报告团, 宣讲团, mentoring groups, station staff; members with roles; topics; history. */
export function volunteerTeamRoutes(app: App, platform: Platform, volunteers: VolunteerService) {
  const teams = createTeamService(platform, volunteers);
  const tags = ['五老队伍'];

  app.get('/volunteer-teams', { schema: { tags, summary: '队伍列表', querystring: volunteerTeamListQuery, response: { 200: pageOf(volunteerTeam) } }, config: { permission: 'volunteer:read' } }, async (req) =>
    teams.list(actorOf(req), req.query),
  );
  app.get('/volunteer-teams/:id', { schema: { tags, summary: '队伍详情（成员、宣讲题目、服务记录）', params: idParams, response: { 200: volunteerTeamDetail } }, config: { permission: 'volunteer:read' } }, async (req) =>
    teams.get(actorOf(req), req.params.id),
  );
  app.post('/volunteer-teams', { schema: { tags, summary: '新建队伍', body: volunteerTeamCreate, response: { 200: volunteerTeamDetail } }, config: { permission: 'volunteer:create' } }, async (req) =>
    teams.create(actorOf(req), auditActorOf(req), req.body),
  );
  app.patch('/volunteer-teams/:id', { schema: { tags, summary: '编辑队伍', params: idParams, body: volunteerTeamUpdate, response: { 200: volunteerTeamDetail } }, config: { permission: 'volunteer:update' } }, async (req) =>
    teams.update(actorOf(req), auditActorOf(req), req.params.id, req.body),
  );
  app.post('/volunteer-teams/:id/members', { schema: { tags, summary: '加入成员', params: idParams, body: volunteerTeamMemberAdd, response: { 200: volunteerTeamDetail } }, config: { permission: 'volunteer:update' } }, async (req) =>
    teams.addMember(actorOf(req), auditActorOf(req), req.params.id, req.body),
  );
  app.patch('/volunteer-teams/:id/members/:volunteerId', { schema: { tags, summary: '调整成员角色', params: volunteerTeamMemberParams, body: volunteerTeamMemberUpdate, response: { 200: volunteerTeamDetail } }, config: { permission: 'volunteer:update' } }, async (req) =>
    teams.updateMember(actorOf(req), auditActorOf(req), req.params.id, req.params.volunteerId, req.body.role),
  );
  app.delete('/volunteer-teams/:id/members/:volunteerId', { schema: { tags, summary: '移出成员', params: volunteerTeamMemberParams, response: { 200: volunteerTeamDetail } }, config: { permission: 'volunteer:update' } }, async (req) =>
    teams.removeMember(actorOf(req), auditActorOf(req), req.params.id, req.params.volunteerId),
  );
  app.post('/volunteer-teams/:id/topics', { schema: { tags, summary: '新增宣讲题目', params: idParams, body: volunteerTeamTopicCreate, response: { 200: volunteerTeamDetail } }, config: { permission: 'volunteer:update' } }, async (req) =>
    teams.addTopic(actorOf(req), auditActorOf(req), req.params.id, req.body),
  );
  app.delete('/volunteer-teams/:id/topics/:topicId', { schema: { tags, summary: '删除宣讲题目', params: volunteerTeamTopicParams, response: { 200: volunteerTeamDetail } }, config: { permission: 'volunteer:update' } }, async (req) =>
    teams.removeTopic(actorOf(req), auditActorOf(req), req.params.id, req.params.topicId),
  );
}

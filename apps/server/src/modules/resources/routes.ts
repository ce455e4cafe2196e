import {
  committeeMember, committeeMemberCreate, committeeMemberListQuery, committeeMemberUpdate, fundBalance, fundBalanceQuery, fundEntry, fundEntryCreate,
  fundEntryListQuery, fundEntryUpdate, idParams, okReply, pageOf, staffTraining, staffTrainingCreate, staffTrainingListQuery, venue, venueCreate, venueDetail,
  venueListQuery, venueUpdate, venueUseInput,
} from '@gg/shared';
import type { Platform } from '../../platform/context.js';
import { actorOf, auditActorOf, type App } from '../../platform/http/types.js';
import { sendXlsx } from '../../platform/http/download.js';
import { createFundService } from './funds.js';
import { createVenueService } from './venues.js';
import { createLeadershipService } from './leadership.js';
import { createTrainingService } from './trainings.js';

export function resourceRoutes(app: App, platform: Platform) {
  const funds = createFundService(platform);
  const venues = createVenueService(platform);
  const leadership = createLeadershipService(platform);
  const trainings = createTrainingService(platform);
  const tags = ['要素保障'];
  const read = { permission: 'resource:read' } as const;
  const manage = { permission: 'resource:manage' } as const;

  app.get('/fund-entries', { schema: { tags, summary: '经费收支台账（金额单位：分）', querystring: fundEntryListQuery, response: { 200: pageOf(fundEntry) } }, config: read }, async (req) => funds.list(actorOf(req), req.query));
  app.get('/fund-entries/balances', { schema: { tags, summary: '年度经费结余（上年结转、收入分来源、支出、年末结余）', querystring: fundBalanceQuery, response: { 200: fundBalance } }, config: read }, async (req) =>
    funds.balances(actorOf(req), req.query.year, req.query.orgUnitId),
  );
  app.get('/fund-entries/export', { schema: { tags, summary: '导出经费台账（Excel）', querystring: fundEntryListQuery }, config: { permission: 'resource:export' } }, async (req, reply) => {
    const { page: _p, pageSize: _s, sort: _o, ...filters } = req.query;
    return sendXlsx(reply, '经费台账', await funds.export(actorOf(req), auditActorOf(req), filters));
  });
  app.get('/fund-entries/:id', { schema: { tags, summary: '经费记录', params: idParams, response: { 200: fundEntry } }, config: read }, async (req) => funds.get(actorOf(req), req.params.id));
  app.post('/fund-entries', { schema: { tags, summary: '记一笔经费收支', body: fundEntryCreate, response: { 200: fundEntry } }, config: manage }, async (req) => funds.create(actorOf(req), auditActorOf(req), req.body));
  app.patch('/fund-entries/:id', { schema: { tags, summary: '更正经费记录', params: idParams, body: fundEntryUpdate, response: { 200: fundEntry } }, config: manage }, async (req) =>
    funds.update(actorOf(req), auditActorOf(req), req.params.id, req.body),
  );
  app.delete('/fund-entries/:id', { schema: { tags, summary: '删除经费记录', params: idParams, response: { 200: okReply } }, config: manage }, async (req) => funds.remove(actorOf(req), auditActorOf(req), req.params.id));

  app.get('/venues', { schema: { tags, summary: '阵地（活动室、校外辅导站、关爱服务站）', querystring: venueListQuery, response: { 200: pageOf(venue) } }, config: read }, async (req) => venues.list(actorOf(req), req.query));
  app.get('/venues/export', { schema: { tags, summary: '导出阵地（Excel）', querystring: venueListQuery }, config: { permission: 'resource:export' } }, async (req, reply) => {
    const { page: _p, pageSize: _s, sort: _o, ...filters } = req.query;
    return sendXlsx(reply, '阵地', await venues.export(actorOf(req), auditActorOf(req), filters));
  });
  app.get('/venues/:id', { schema: { tags, summary: '阵地详情（含使用记录）', params: idParams, response: { 200: venueDetail } }, config: read }, async (req) => venues.get(actorOf(req), req.params.id));
  app.post('/venues', { schema: { tags, summary: '登记阵地', body: venueCreate, response: { 200: venueDetail } }, config: manage }, async (req) => venues.create(actorOf(req), auditActorOf(req), req.body));
  app.patch('/venues/:id', { schema: { tags, summary: '编辑阵地', params: idParams, body: venueUpdate, response: { 200: venueDetail } }, config: manage }, async (req) =>
    venues.update(actorOf(req), auditActorOf(req), req.params.id, req.body),
  );
  app.post('/venues/:id/uses', { schema: { tags, summary: '登记阵地使用（关联活动）', params: idParams, body: venueUseInput, response: { 200: venueDetail } }, config: manage }, async (req) =>
    venues.recordUse(actorOf(req), auditActorOf(req), req.params.id, req.body.activityId),
  );

  app.get('/committee-members', { schema: { tags, summary: '关工委班子成员', querystring: committeeMemberListQuery, response: { 200: pageOf(committeeMember) } }, config: read }, async (req) => leadership.list(actorOf(req), req.query));
  app.get('/committee-members/export', { schema: { tags, summary: '导出班子成员（Excel）', querystring: committeeMemberListQuery }, config: { permission: 'resource:export' } }, async (req, reply) => {
    const { page: _p, pageSize: _s, sort: _o, ...filters } = req.query;
    return sendXlsx(reply, '关工委班子成员', await leadership.export(actorOf(req), auditActorOf(req), filters));
  });
  app.post('/committee-members', { schema: { tags, summary: '增补班子成员', body: committeeMemberCreate, response: { 200: committeeMember } }, config: manage }, async (req) => leadership.create(actorOf(req), auditActorOf(req), req.body));
  app.patch('/committee-members/:id', { schema: { tags, summary: '调整班子成员', params: idParams, body: committeeMemberUpdate, response: { 200: committeeMember } }, config: manage }, async (req) =>
    leadership.update(actorOf(req), auditActorOf(req), req.params.id, req.body),
  );

  app.get('/staff-trainings', { schema: { tags, summary: '关工委干部培训（充电赋能）', querystring: staffTrainingListQuery, response: { 200: pageOf(staffTraining) } }, config: read }, async (req) => trainings.list(actorOf(req), req.query));
  app.get('/staff-trainings/export', { schema: { tags, summary: '导出干部培训（Excel）', querystring: staffTrainingListQuery }, config: { permission: 'resource:export' } }, async (req, reply) => {
    const { page: _p, pageSize: _s, sort: _o, ...filters } = req.query;
    return sendXlsx(reply, '干部培训', await trainings.export(actorOf(req), auditActorOf(req), filters));
  });
  app.post('/staff-trainings', { schema: { tags, summary: '登记干部培训', body: staffTrainingCreate, response: { 200: staffTraining } }, config: manage }, async (req) => trainings.create(actorOf(req), auditActorOf(req), req.body));
  app.delete('/staff-trainings/:id', { schema: { tags, summary: '删除干部培训记录', params: idParams, response: { 200: okReply } }, config: manage }, async (req) => trainings.remove(actorOf(req), auditActorOf(req), req.params.id));
}

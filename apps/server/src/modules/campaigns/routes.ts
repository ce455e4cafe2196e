import { campaign, campaignCreate, campaignListQuery, campaignUpdate, idParams, pageOf } from '@gg/shared';
import type { Platform } from '../../platform/context.js';
import { actorOf, auditActorOf, type App } from '../../platform/http/types.js';
import { createCampaignService } from './service.js';
import { sendXlsx } from '../../platform/http/download.js';

export function campaignRoutes(app: App, platform: Platform) {
  const service = createCampaignService(platform);
  const tags = ['主题活动'];
  app.get('/campaigns', { schema: { tags, summary: '主题活动列表（含活动场次、受众、志愿者合计）', querystring: campaignListQuery, response: { 200: pageOf(campaign) } }, config: { permission: 'campaign:read' } }, async (req) =>
    service.list(actorOf(req), req.query),
  );
  app.get('/campaigns/export', { schema: { tags, summary: '导出主题活动汇总（Excel，含目标和合计）', querystring: campaignListQuery }, config: { permission: 'campaign:read' } }, async (req, reply) =>
    sendXlsx(reply, '主题活动汇总', await service.exportXlsx(actorOf(req), auditActorOf(req), req.query)),
  );
  app.get('/campaigns/:id', { schema: { tags, summary: '主题活动详情', params: idParams, response: { 200: campaign } }, config: { permission: 'campaign:read' } }, async (req) =>
    service.get(actorOf(req), req.params.id),
  );
  app.post('/campaigns', { schema: { tags, summary: '新增主题活动', body: campaignCreate, response: { 200: campaign } }, config: { permission: 'campaign:manage' } }, async (req) =>
    service.create(actorOf(req), auditActorOf(req), req.body),
  );
  app.patch('/campaigns/:id', { schema: { tags, summary: '编辑、停用或启用主题活动', params: idParams, body: campaignUpdate, response: { 200: campaign } }, config: { permission: 'campaign:manage' } }, async (req) =>
    service.update(actorOf(req), auditActorOf(req), req.params.id, req.body),
  );
}

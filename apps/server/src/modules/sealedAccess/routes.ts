import { idParams, pageOf, sealedAccessApprove, sealedAccessListQuery, sealedAccessReject, sealedAccessRequest, sealedAccessRequestCreate } from '@gg/shared';
import type { Platform } from '../../platform/context.js';
import { actorOf, auditActorOf, type App } from '../../platform/http/types.js';
import { createSealedAccessService } from './service.js';

export function sealedAccessRoutes(app: App, platform: Platform) {
  const service = createSealedAccessService(platform);
  const tags = ['封存记录查阅'];

  app.post('/sealed-access-requests', { schema: { tags, summary: '申请查阅封存记录（须写明理由）', body: sealedAccessRequestCreate, response: { 200: sealedAccessRequest } }, config: { permission: 'sealed:request' } }, async (req) =>
    service.create(actorOf(req), auditActorOf(req), req.body),
  );
  // box=mine: the caller's own requests; box=pending: requests in scope awaiting a decision (sealed:approve, checked in the service).
  app.get('/sealed-access-requests', { schema: { tags, summary: '查阅申请列表（本人申请，或待本人审批）', querystring: sealedAccessListQuery, response: { 200: pageOf(sealedAccessRequest) } }, config: { permission: 'authenticated' } }, async (req) =>
    service.list(actorOf(req), req.query),
  );
  app.post('/sealed-access-requests/:id/approve', { schema: { tags, summary: '批准查阅申请（有效期最长30天，不能审批本人申请）', params: idParams, body: sealedAccessApprove, response: { 200: sealedAccessRequest } }, config: { permission: 'sealed:approve' } }, async (req) =>
    service.approve(actorOf(req), auditActorOf(req), req.params.id, req.body),
  );
  app.post('/sealed-access-requests/:id/reject', { schema: { tags, summary: '驳回查阅申请', params: idParams, body: sealedAccessReject, response: { 200: sealedAccessRequest } }, config: { permission: 'sealed:approve' } }, async (req) =>
    service.reject(actorOf(req), auditActorOf(req), req.params.id, req.body.note),
  );
}

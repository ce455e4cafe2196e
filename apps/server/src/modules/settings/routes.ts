import { securitySettingsUpdate, securitySettingsView } from '@gg/shared';
import type { Platform } from '../../platform/context.js';
import { actorOf, auditActorOf, type App } from '../../platform/http/types.js';
import { createSettingService } from './service.js';

export function settingRoutes(app: App, platform: Platform) {
  const service = createSettingService(platform);
  const tags = ['安全策略'];

  app.get('/settings/security', { schema: { tags, summary: '安全策略（密码、锁定、会话、IP 黑名单、审计保存期）', response: { 200: securitySettingsView } }, config: { permission: 'setting:read' } }, async (req) =>
    service.getSecurity(actorOf(req)),
  );
  app.put('/settings/security', { schema: { tags, summary: '修改安全策略（只改提交的项）', body: securitySettingsUpdate, response: { 200: securitySettingsView } }, config: { permission: 'setting:update' } }, async (req) =>
    service.updateSecurity(actorOf(req), auditActorOf(req), req.body),
  );
}

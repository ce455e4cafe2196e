import { dashboardOverview, dashboardQuery } from '@gg/shared';
import type { Platform } from '../../platform/context.js';
import type { App } from '../../platform/http/types.js';
import { actorOf } from '../../platform/http/types.js';
import { createDashboardService } from './overview.js';
import { cacheUntilWrite } from '../../platform/cacheUntilWrite.js';

export function dashboardRoutes(app: App, platform: Platform) {
  // Counts only, recomputed after any write (platform/cacheUntilWrite.ts): the leader's reloads cost one indexed read.
  const overview = cacheUntilWrite(platform, createDashboardService(platform));
  const tags = ['工作概览'];
  app.get('/dashboard/overview', { schema: { tags, summary: '全县工作概览（按年度、乡镇；仅汇总数字，不含个人信息）', querystring: dashboardQuery, response: { 200: dashboardOverview } }, config: { permission: 'dashboard:read' } }, async (req) =>
    overview(actorOf(req), req.query),
  );
}

import { returnsQuery, yearlyReportQuery } from '@gg/shared';
import type { Platform } from '../../platform/context.js';
import type { App } from '../../platform/http/types.js';
import { actorOf, auditActorOf } from '../../platform/http/types.js';
import { sendXlsx } from '../../platform/http/download.js';
import { createYearlyReport } from './yearly.js';
import { createReturns } from './returns.js';
import { reportTaskRoutes } from './tasks.js';
import { backgroundTaskRoutes } from '../../platform/tasks/routes.js';

export function reportRoutes(app: App, platform: Platform) {
  const yearly = createYearlyReport(platform);
  const returns = createReturns(platform);
  const tags = ['报表'];
  backgroundTaskRoutes(app, platform);
  reportTaskRoutes(app, platform);
  app.get('/reports/yearly', { schema: { tags, summary: '年度工作总结（Word，公文格式，数字取自工作概览）', querystring: yearlyReportQuery }, config: { permission: 'report:read' } }, async (req, reply) => {
    const doc = await yearly(actorOf(req), auditActorOf(req), req.query);
    return reply
      .header('Content-Type', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document')
      .header('Content-Disposition', `attachment; filename*=UTF-8''${encodeURIComponent(doc.fileName)}`)
      .header('X-Content-Type-Options', 'nosniff')
      .header('Cache-Control', 'no-store')
      .send(doc.buffer);
  });
  app.get('/reports/returns', { schema: { tags, summary: '统计报表（Excel，每个模块一张表，按年度或季度）', querystring: returnsQuery }, config: { permission: 'report:export' } }, async (req, reply) => {
    const out = await returns(actorOf(req), auditActorOf(req), req.query);
    return sendXlsx(reply.header('Cache-Control', 'no-store'), out.base, out.buffer);
  });
}

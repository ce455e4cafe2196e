/**
 * 关爱帮扶 (careCase). Other modules use only what is exported here:
 * - `careCaseStats(platform)` → `{ outcomes, assistanceSummary }`: the aggregates behind GET /care-cases/outcomes and
 *   GET /care-cases/assistance/summary (scope-filtered, no personal data), for dashboards and reports.
 */
import type { Platform } from '../../platform/context.js';
import { createAssistanceService } from './assistance.js';
import { createOutcomeService } from './outcomes.js';
import { createCareCaseService } from './service.js';

export { careCaseRoutes } from './routes.js';

export function careCaseStats(platform: Platform) {
  const assistance = createAssistanceService(platform, createCareCaseService(platform));
  return { outcomes: createOutcomeService(platform).outcomes, assistanceSummary: assistance.summary };
}

/**
 * 工作概览: the county overview composed from each module's scoped statistics. Reports (Word, Excel) use
 * `createDashboardService` so the documents show exactly the dashboard's figures.
 */
export { dashboardRoutes } from './routes.js';
export { createDashboardService, currentYear } from './overview.js';

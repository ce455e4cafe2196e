/**
 * Resources (要素保障): funds ledger, venues, committee leadership, staff training. Other modules use only:
 * - `trainingCounts(db, ownerIds, year)` for the assessment metric.
 */
export { resourceRoutes } from './routes.js';
export { trainingCounts } from './trainings.js';

/**
 * The elder volunteer corps (五老). Other modules use only what is exported here:
 * - `recordService(trx, { volunteerId, source: 'activity' | 'visit', sourceId, date, hours, description, teamId? })`
 *   inside their own transaction when an activity or a mentoring visit is saved (idempotent per source row);
 * - `removeService(trx, { source, sourceId, volunteerId? })` when it is withdrawn;
 * - `serviceTotals(db, volunteerId)` for hours and stars.
 */
export { volunteerRoutes } from './routes.js';
/** The list export (same filters as GET /volunteers/export), for background tasks. */
export { exportVolunteers } from './export.js';
export { createVolunteerService } from './service.js';
export { recordService, removeService, serviceTotals, type ServiceInput } from './serviceRecords.js';
/** Lock an activity's volunteers (id order) before recording their service; answers each one's node. */
export { lockVolunteersForService } from './volunteerStat.js';
/** Read-only look-ups (names, serving volunteers, the pick list, the volunteer of a user account). */
export { isVolunteerOfUser, servingVolunteers, volunteerNameColumns, volunteerNames, volunteerOfUser, volunteerPickList } from './read.js';
/** Aggregates of the registry (scope-filtered, nothing personal), for dashboards and reports. */
export { createVolunteerStats } from './stats.js';

export { lectureRoutes } from './routes.js';
/** Request counts per status over a period (scope-filtered), for dashboards and reports. */
export { lectureRequestCounts } from './stats.js';

export { lectureRoutes } from './routes.js';
/** Request counts per status over a period (scope-filtered), for dashboards and reports; assigned lectures awaiting the lecturer, for reminders. */
export { lectureRequestCounts, lecturesAwaitingConfirmation } from './stats.js';
/** The lecturer's own assignments and held report (my work, phone pages). */
export { lecturerAssignments, lecturerRequest, markLectureHeld } from './lecturer.js';

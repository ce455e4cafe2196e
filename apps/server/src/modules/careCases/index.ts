/**
 * 关爱帮扶 (careCase). Other modules use only what is exported here:
 * - `careCaseStats(platform)` → `{ outcomes, casesByNode, assistanceSummary }`: the aggregates behind GET
 *   /care-cases/outcomes and GET /care-cases/assistance/summary, and the outcomes' case count node by node
 *   (scope-filtered, no personal data), for dashboards and reports;
 * - `overdueMentorContacts(db)`: mentor pairs past the no-contact limit, for the inbox reminders job.
 */
import { sql } from 'kysely';
import type { Platform } from '../../platform/context.js';
import type { Executor } from '../../platform/db/database.js';
import { daysBetween } from './metrics.js';
import { loadCareCaseSettings, todayInChina } from './mentoring.js';
import { createAssistanceService } from './assistance.js';
import { createOutcomeService } from './outcomes.js';
import { createCareCaseService } from './service.js';

export { careCaseRoutes } from './routes.js';
/** The list export (same filters as GET /care-cases/export), for background tasks. */
export { exportCareCases } from './export.js';
export { createCareCaseService };

export function careCaseStats(platform: Platform) {
  const assistance = createAssistanceService(platform, createCareCaseService(platform));
  const outcomes = createOutcomeService(platform);
  return { outcomes: outcomes.outcomes, casesByNode: outcomes.casesByNode, assistanceSummary: assistance.summary };
}

/**
 * Mentors whose contact with a mentee is overdue (past the `overdueDays` setting), for reminders: the pair, the
 * mentor's user account, and the days since the last contact (or the pairing). No personal data of the young person.
 */
export async function overdueMentorContacts(db: Executor) {
  const settings = await loadCareCaseSettings(db);
  const t = todayInChina();
  const rows = await db
    .selectFrom('careMentorship')
    .innerJoin('careCase', 'careCase.id', 'careMentorship.caseId')
    .innerJoin('volunteer', 'volunteer.id', 'careMentorship.volunteerId')
    .select(['careMentorship.id', 'careMentorship.startOn', 'volunteer.userId'])
    .select(sql<string | null>`(SELECT MAX(v.visited_on) FROM care_visit v WHERE v.mentorship_id = care_mentorship.id)`.as('lastContactOn'))
    .where('careCase.status', 'not in', ['closed', 'merged'])
    .where('volunteer.userId', 'is not', null)
    .where((eb) => eb.or([eb('careMentorship.endOn', 'is', null), eb('careMentorship.endOn', '>=', t)]))
    .where('careMentorship.startOn', '<=', t)
    .execute();
  return rows
    .map((r) => ({ mentorshipId: r.id, userId: r.userId!, since: r.lastContactOn ?? r.startOn, daysSince: daysBetween(r.lastContactOn ?? r.startOn, t) }))
    .filter((r) => r.daysSince >= settings.overdueDays);
}

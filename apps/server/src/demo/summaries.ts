import type { Executor } from '../platform/db/database.js';
import { rebuildActivityStats } from '../modules/activities/stats.js';
import { rebuildServiceYears } from '../modules/volunteers/serviceYears.js';
import { rebuildVolunteerStats } from '../modules/volunteers/volunteerStat.js';
import { rebuildCareCaseStats } from '../modules/careCases/caseStats.js';

/**
 * After a bulk load that bypassed the modules' write paths (the demo county, the benchmark generator): rebuild every
 * summary table from its base rows with the SQL its migration backfills with, so it agrees with what the app keeps
 * current on each write.
 */
export async function rebuildSummaries(db: Executor): Promise<void> {
  await rebuildActivityStats(db);
  await rebuildServiceYears(db);
  await rebuildVolunteerStats(db); // after the yearly service summary, which it sums by node
  await rebuildCareCaseStats(db);
}

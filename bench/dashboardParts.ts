/**
 * `npx tsx bench/dashboardParts.ts bench/.cache/<scale>-sqlite [DATABASE_URL]`: times each panel of the dashboard
 * overview computed afresh (no cache), three rounds, signed in as the county office — to see which panel holds the
 * dashboard back at a scale.
 */
import { loadConfig } from '../apps/server/src/platform/config.js';
import { createPlatform } from '../apps/server/src/platform/context.js';
import { createSession, loadActor } from '../apps/server/src/platform/auth/sessions.js';
import { createVolunteerStats } from '../apps/server/src/modules/volunteers/index.js';
import { careCaseStats } from '../apps/server/src/modules/careCases/index.js';
import { activitySummary } from '../apps/server/src/modules/activities/index.js';
import { lectureRequestCounts } from '../apps/server/src/modules/lectures/index.js';
import { creationBoard } from '../apps/server/src/modules/creations/index.js';
import { targetSummary } from '../apps/server/src/modules/targets/index.js';
import { trainingSummary } from '../apps/server/src/modules/training/index.js';
import { benchEnv } from './generate.js';
const dir = process.argv[2];
const platform = await createPlatform(loadConfig(benchEnv(dir, process.argv[3])));
const u = await platform.db.selectFrom('appUser').select('id').where('username', '=', 'office').executeTakeFirstOrThrow();
const settings = await platform.settings.security();
const { token } = await createSession(platform.db, { userId: u.id, ip: null, userAgent: null, pending: [], settings });
const r = await loadActor(platform.db, token, settings);
if (!('actor' in r)) throw new Error('no actor');
const actor = r.actor;
const year = new Date().getUTCFullYear();
const from = `${year}-01-01`;
const to = `${year}-12-31`;
const orgUnitId = undefined;
const vs = createVolunteerStats(platform), care = careCaseStats(platform);
const parts: Record<string, () => Promise<unknown>> = {
  volunteers: () => vs(actor, { orgUnitId, year } as never),
  outcomes: () => care.outcomes(actor, { orgUnitId, year } as never, { rates: false }),
  assistance: () => care.assistanceSummary(actor, { orgUnitId, year } as never),
  activities: () => activitySummary(platform, actor, { from, to, orgUnitId } as never, { volunteers: false }),
  lectures: () => lectureRequestCounts(platform.db, actor, { from, to, underPath: undefined }),
  creations: () => creationBoard(platform, actor),
  targets: () => targetSummary(platform, actor, year),
  training: () => trainingSummary(platform, actor, { year, orgUnitId } as never),
};
for (let round = 0; round < 3; round++) {
  const out: string[] = [];
  for (const [k, fn] of Object.entries(parts)) { const t0 = performance.now(); await fn(); out.push(`${k} ${(performance.now() - t0).toFixed(0)}`); }
  console.log(out.join(' · '));
}
await platform.handle.close();

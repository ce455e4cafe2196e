import { sql } from 'kysely';
import type { Executor } from '../../platform/db/database.js';
import { serviceHoursChanged } from './volunteerStat.js';

/**
 * The service summary (migration 20261129_0170): hours and records per volunteer and year. serviceRecords.ts, the one
 * writer of volunteer_service, adjusts it in the same transaction as each insert, update and delete, so statistics
 * add up a few rows per volunteer instead of every service record (issue 10).
 */

/** Add (sign +1) or take away (sign −1) one service record's contribution. */
export async function bumpServiceYear(trx: Executor, r: { volunteerId: string; serviceDate: string; hoursTenths: number }, sign: 1 | -1, lockedNode?: string): Promise<void> {
  const year = r.serviceDate.slice(0, 4);
  const tenths = sign * Number(r.hoursTenths);
  await sql`INSERT INTO volunteer_service_year (volunteer_id, year, hours_tenths, records) VALUES (${r.volunteerId}, ${year}, ${tenths}, ${sign})
    ON CONFLICT (volunteer_id, year) DO UPDATE SET hours_tenths = volunteer_service_year.hours_tenths + ${tenths}, records = volunteer_service_year.records + ${sign}`.execute(trx);
  // And to the hours of the node the volunteer is at (volunteerStat.ts), with its row locked against a move (here, or
  // already by the caller, who then names the node).
  await serviceHoursChanged(trx, { volunteerId: r.volunteerId, year, tenths, records: sign }, lockedNode);
}

/** Rebuild the whole summary from the service records (the migration's backfill; used after bulk loads). */
export async function rebuildServiceYears(db: Executor): Promise<void> {
  const run = async (trx: Executor) => {
    await sql`DELETE FROM volunteer_service_year`.execute(trx);
    await sql`INSERT INTO volunteer_service_year (volunteer_id, year, hours_tenths, records)
      SELECT volunteer_id, substr(service_date, 1, 4), SUM(hours_tenths), COUNT(*) FROM volunteer_service GROUP BY volunteer_id, substr(service_date, 1, 4)`.execute(trx);
  };
  if (db.isTransaction) await run(db);
  else await db.transaction().execute(run);
}

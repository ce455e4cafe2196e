import type { Executor } from '../../platform/db/database.js';

const DAY = 86_400_000;

/** The calendar date in China (UTC+8) of an instant: the dates users type (pairing, visits) are China dates. */
export const chinaDateOf = (instant: string | number) => new Date(new Date(instant).getTime() + 8 * 3600_000).toISOString().slice(0, 10);

export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(to.slice(0, 10)) - Date.parse(from.slice(0, 10))) / DAY);
}

/** Contacts per month over a span (at least one month, so a case paired yesterday does not show 30/month). */
export function perMonth(count: number, from: string, to: string): number {
  const months = Math.max(1, daysBetween(from, to) / 30.4375);
  return Math.round((count / months) * 10) / 10;
}

/** Per-case outcome figures shown on the case and fed into the aggregate outcomes. */
export async function caseMetrics(db: Executor, row: { id: string; intakeDate: string; planAt: string | null; closedAt: string | null }) {
  // One statement of four scalar subqueries (each served by its case_id index): the detail reads it on every view.
  const m = await db
    .selectNoFrom((eb) => [
      eb.selectFrom('careVisit').select((e) => e.fn.countAll<number>().as('n')).where('caseId', '=', row.id).as('visits'),
      eb.selectFrom('careMentorship').select((e) => e.fn.min('startOn').as('start')).where('caseId', '=', row.id).as('start'),
      eb.selectFrom('careAssistance').select((e) => e.fn.countAll<number>().as('n')).where('caseId', '=', row.id).as('helpCount'),
      eb.selectFrom('careAssistance').select((e) => e.fn.sum<number>('amountFen').as('fen')).where('caseId', '=', row.id).as('helpFen'),
    ])
    .executeTakeFirstOrThrow();
  const visitCount = Number(m.visits);
  // Up to today (or the closing day) in China: between 00:00 and 08:00 there the UTC date is still yesterday.
  const end = chinaDateOf(row.closedAt ?? Date.now());
  const start = (m.start as string | null | undefined) ?? null;
  return {
    daysIntakeToPlan: row.planAt ? daysBetween(row.intakeDate, row.planAt) : null,
    contactsPerMonth: start ? perMonth(visitCount, start, end) : null,
    visitCount,
    assistanceFen: Number(m.helpFen ?? 0),
    assistanceCount: Number(m.helpCount),
  };
}

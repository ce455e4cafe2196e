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
  const [visits, firstPair, help] = await Promise.all([
    db.selectFrom('careVisit').select((eb) => eb.fn.countAll<number>().as('n')).where('caseId', '=', row.id).executeTakeFirstOrThrow(),
    db.selectFrom('careMentorship').select((eb) => eb.fn.min('startOn').as('start')).where('caseId', '=', row.id).executeTakeFirst(),
    db
      .selectFrom('careAssistance')
      .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.coalesce(eb.fn.sum<number>('amountFen'), eb.val(0)).as('fen')])
      .where('caseId', '=', row.id)
      .executeTakeFirstOrThrow(),
  ]);
  const visitCount = Number(visits.n);
  // Up to today (or the closing day) in China: between 00:00 and 08:00 there the UTC date is still yesterday.
  const end = chinaDateOf(row.closedAt ?? Date.now());
  const start = (firstPair?.start as string | null | undefined) ?? null;
  return {
    daysIntakeToPlan: row.planAt ? daysBetween(row.intakeDate, row.planAt) : null,
    contactsPerMonth: start ? perMonth(visitCount, start, end) : null,
    visitCount,
    assistanceFen: Number(help.fen),
    assistanceCount: Number(help.n),
  };
}

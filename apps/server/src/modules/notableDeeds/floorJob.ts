import type { Platform } from '../../platform/context.js';
import { chinaToday } from '../targets/index.js';
import { deedCountsByMemberUnit } from './repository.js';

const SYSTEM = { userId: null, username: 'system', orgUnitId: null, ip: null };

/**
 * The floor (下要保底): for every year whose due date has passed, flag each active member unit without a
 * qualifying deed, and clear the flag of units that now have one. Audited when anything changes.
 */
export async function flagUnitsWithoutDeed(platform: Platform, today = chinaToday()): Promise<{ flagged: number; cleared: number }> {
  const due = await platform.db.selectFrom('notableDeedDeadline').selectAll().where('dueDate', '<', today).execute();
  let flagged = 0;
  let cleared = 0;
  for (const d of due) {
    const units = await deedCountsByMemberUnit(platform.db, Number(d.year));
    const flags = await platform.db.selectFrom('notableDeedFlag').selectAll().where('year', '=', d.year).execute();
    const toFlag = units.filter((u) => u.qualified === 0 && !flags.some((f) => f.memberUnitId === u.memberUnitId && f.clearedAt === null));
    const toClear = flags.filter((f) => f.clearedAt === null && units.some((u) => u.memberUnitId === f.memberUnitId && u.qualified > 0));
    if (!toFlag.length && !toClear.length) continue;
    const now = new Date().toISOString();
    await platform.transaction(SYSTEM, async (trx, audit) => {
      for (const u of toFlag) {
        const old = flags.find((f) => f.memberUnitId === u.memberUnitId);
        if (old) await trx.updateTable('notableDeedFlag').set({ flaggedAt: now, clearedAt: null }).where('year', '=', d.year).where('memberUnitId', '=', u.memberUnitId).execute();
        else await trx.insertInto('notableDeedFlag').values({ year: d.year, memberUnitId: u.memberUnitId, flaggedAt: now, clearedAt: null }).execute();
      }
      for (const f of toClear) await trx.updateTable('notableDeedFlag').set({ clearedAt: now }).where('year', '=', d.year).where('memberUnitId', '=', f.memberUnitId).execute();
      await audit({
        event: 'notableDeed.floor', objectType: 'notableDeedDeadline', objectId: String(d.year),
        summary: `${d.year}年像样的事保底：标记未完成单位 ${toFlag.length} 个，解除 ${toClear.length} 个`,
        detail: { flagged: toFlag.map((u) => u.name), cleared: toClear.length },
      });
    });
    flagged += toFlag.length;
    cleared += toClear.length;
  }
  return { flagged, cleared };
}

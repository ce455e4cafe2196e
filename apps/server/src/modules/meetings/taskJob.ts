import type { Platform } from '../../platform/context.js';
import { chinaToday } from '../targets/index.js';

const SYSTEM = { userId: null, username: 'system', orgUnitId: null, ip: null };

/**
 * Marks open tasks past their deadline overdue (they then lead the supervision list) and notes the
 * reminders for tasks due within three days. Audited when anything changes.
 */
export async function markOverdueTasks(platform: Platform, today = chinaToday()): Promise<{ overdue: number; reminded: number }> {
  const soon = new Date(Date.parse(today) + 3 * 86_400_000).toISOString().slice(0, 10);
  const now = new Date().toISOString();
  const late = await platform.db.selectFrom('task').select(['id', 'title']).where('status', '<>', 'done').where('deadline', '<', today).where('overdueAt', 'is', null).execute();
  const due = await platform.db.selectFrom('task').select(['id']).where('status', '<>', 'done').where('deadline', '>=', today).where('deadline', '<=', soon).where('remindedAt', 'is', null).execute();
  if (!late.length && !due.length) return { overdue: 0, reminded: 0 };
  await platform.transaction(SYSTEM, async (trx, audit) => {
    if (late.length) await trx.updateTable('task').set({ overdueAt: now }).where('id', 'in', late.map((t) => t.id)).execute();
    if (due.length) await trx.updateTable('task').set({ remindedAt: now }).where('id', 'in', due.map((t) => t.id)).execute();
    await audit({
      event: 'task.overdue', objectType: 'task',
      summary: `督办：新增逾期任务 ${late.length} 项，即将到期提醒 ${due.length} 项`,
      detail: { overdue: late.map((t) => t.id), reminded: due.length },
    });
  });
  return { overdue: late.length, reminded: due.length };
}

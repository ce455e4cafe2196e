/**
 * Joint meetings (联席会议) and the tasks their decisions become. Other modules use only what is exported here:
 * - `taskStats(db, ownerIds, year)` and `meetingsAttended(db, memberUnitIds, year)` for assessment metrics;
 * - `markOverdueTasks(platform)` for the scheduled job.
 */
import type { Executor } from '../../platform/db/database.js';
import type { JobDefinition } from '../../platform/jobs/jobs.js';
import { chinaToday } from '../targets/index.js';
import { flagUnitsWithoutDeed } from '../notableDeeds/index.js';
import { markOverdueTasks } from './taskJob.js';

export { meetingRoutes } from './routes.js';
export { markOverdueTasks } from './taskJob.js';

/** Per owner: tasks with a deadline in the year, those done by the deadline, and those overdue (late or still open past it). */
export async function taskStats(db: Executor, ownerIds: string[], year: number, today = chinaToday()) {
  const out = new Map<string, { total: number; onTime: number; overdue: number }>();
  if (!ownerIds.length) return out;
  const rows = await db
    .selectFrom('task')
    .select(['memberUnitId', 'orgUnitId', 'status', 'deadline', 'completedAt'])
    .where('deadline', '>=', `${year}-01-01`)
    .where('deadline', '<=', `${year}-12-31`)
    .where((eb) => eb.or([eb('memberUnitId', 'in', ownerIds), eb('orgUnitId', 'in', ownerIds)]))
    .execute();
  for (const r of rows) {
    const key = (r.memberUnitId ?? r.orgUnitId)!;
    const cur = out.get(key) ?? { total: 0, onTime: 0, overdue: 0 };
    cur.total++;
    // completedAt is UTC; the deadline a local date: compare in China time.
    const doneOn = r.completedAt ? chinaToday(Date.parse(r.completedAt)) : null;
    if (r.status === 'done' && doneOn && doneOn <= r.deadline) cur.onTime++;
    else if ((r.status === 'done' && doneOn && doneOn > r.deadline) || (r.status !== 'done' && r.deadline < today)) cur.overdue++;
    out.set(key, cur);
  }
  return out;
}

export async function meetingsAttended(db: Executor, memberUnitIds: string[], year: number): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  if (!memberUnitIds.length) return out;
  const rows = await db
    .selectFrom('meetingInvitee')
    .innerJoin('meeting', 'meeting.id', 'meetingInvitee.meetingId')
    .select(['meetingInvitee.memberUnitId', (eb) => eb.fn.countAll<number>().as('n')])
    .where('meetingInvitee.memberUnitId', 'in', memberUnitIds)
    .where('meetingInvitee.attendance', '=', 'present')
    .where('meeting.meetingDate', '>=', `${year}-01-01`)
    .where('meeting.meetingDate', '<=', `${year}-12-31`)
    .groupBy('meetingInvitee.memberUnitId')
    .execute();
  for (const r of rows) out.set(r.memberUnitId, Number(r.n));
  return out;
}

/**
 * The scheduled job of 督办 (registered in server.ts): marks overdue tasks and reminds of those due soon,
 * and flags member units without a qualifying notable deed past the office's date (下要保底).
 */
export const supervisionJobs: JobDefinition[] = [
  {
    name: 'supervisionSweep',
    label: '督办：标记逾期任务、提醒即将到期任务、标记未做出像样的事的单位',
    intervalSeconds: 3600,
    async run(platform) {
      const tasks = await markOverdueTasks(platform);
      const floor = await flagUnitsWithoutDeed(platform);
      return `新增逾期任务 ${tasks.overdue} 项，到期提醒 ${tasks.reminded} 项；标记未完成像样的事单位 ${floor.flagged} 个，解除 ${floor.cleared} 个`;
    },
  },
];

/**
 * 技能培训 (training). Other modules use only what is exported here:
 * - `trainingSummary(platform, actor, { year?, orgUnitId?, industry? })`: scoped result counts (per year, industry, class;
 *   demand vs trained vs employed in the industry), for dashboards and reports;
 * - `trainingForCase(db, caseId)`: the trainings of a care case's young person with their follow-ups (for the case timeline);
 * - `followUpsDue(db)`: follow-ups past their due date, for the inbox reminders job.
 */
import type { Executor } from '../../platform/db/database.js';
import { trainingFollowUpMonths, type TrainingForCaseItem } from '@gg/shared';
import { followUpDue, presentFollowUp, todayInChina } from './presenter.js';

export { trainingRoutes } from './routes.js';
export { trainingSummary } from './results.js';

export async function trainingForCase(db: Executor, caseId: string): Promise<TrainingForCaseItem[]> {
  const rows = await db
    .selectFrom('trainingEnrolment as e')
    .innerJoin('trainingClass as c', 'c.id', 'e.classId')
    .select(['e.id', 'e.status', 'e.createdAt', 'c.id as classId', 'c.title', 'c.industry', 'c.startDate', 'c.endDate'])
    .where('e.careCaseId', '=', caseId)
    .orderBy('c.startDate')
    .execute();
  const follow = rows.length ? await db.selectFrom('trainingFollowUp').selectAll().where('enrolmentId', 'in', rows.map((r) => r.id)).orderBy('month').execute() : [];
  return rows.map((r) => ({
    enrolmentId: r.id, classId: r.classId, classTitle: r.title, industry: r.industry as TrainingForCaseItem['industry'], startDate: r.startDate, endDate: r.endDate,
    status: r.status as TrainingForCaseItem['status'], enrolledAt: r.createdAt, followUps: follow.filter((f) => f.enrolmentId === r.id).map(presentFollowUp),
  }));
}

/**
 * Follow-ups due and not recorded (3, 6 and 12 months after a finished class ended, within a year of falling due),
 * one per class and month, addressed to the officer who opened the class. No personal data.
 */
export async function followUpsDue(db: Executor, today = todayInChina()) {
  const from = followUpDue(today, -24);
  const classes = await db
    .selectFrom('trainingClass')
    .select(['id', 'title', 'endDate', 'createdBy'])
    .where('status', '=', 'finished')
    .where('createdBy', 'is not', null)
    .where('endDate', '>=', from)
    .execute();
  // The (class, month) follow-ups due today, then their open trainees counted in one query per month (3, 6, 12),
  // not one per class and month.
  const due = classes.flatMap((c) =>
    trainingFollowUpMonths.flatMap((month) => {
      const dueOn = followUpDue(c.endDate, month);
      return dueOn > today || followUpDue(dueOn, 12) < today ? [] : [{ c, month, dueOn }];
    }),
  );
  const open = new Map<string, number>();
  for (const month of trainingFollowUpMonths) {
    const ids = due.filter((d) => d.month === month).map((d) => d.c.id);
    for (let i = 0; i < ids.length; i += 500) {
      const rows = await db
        .selectFrom('trainingEnrolment as e')
        .select(['e.classId', (eb) => eb.fn.countAll<number>().as('n')])
        .where('e.classId', 'in', ids.slice(i, i + 500))
        .where('e.status', 'in', ['completed', 'not_completed'])
        .where(({ not, exists, selectFrom }) => not(exists(selectFrom('trainingFollowUp as f').select('f.id').whereRef('f.enrolmentId', '=', 'e.id').where('f.month', '=', month))))
        .groupBy('e.classId')
        .execute();
      for (const r of rows) open.set(`${r.classId}:${month}`, Number(r.n));
    }
  }
  const out: { classId: string; title: string; month: number; dueOn: string; userId: string; open: number }[] = [];
  for (const { c, month, dueOn } of due) {
    const n = open.get(`${c.id}:${month}`) ?? 0;
    if (n > 0) out.push({ classId: c.id, title: c.title, month, dueOn, userId: c.createdBy!, open: n });
  }
  return out;
}

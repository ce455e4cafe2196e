import type { Permission } from '@gg/shared';
import type { Executor } from '../../platform/db/database.js';
import type { Reminder } from './reminders.js';

/**
 * Read-only look-ups for reminders about work items (assigned tasks, deadlines near, approvals waiting). Each names
 * the users who should act: active accounts holding the permission to act, at the item's owner (member unit or org
 * node) or — for approvals — at the item's org node or above. Texts never carry a young person's personal data.
 */

const chinaDate = (offsetDays = 0) => new Date(Date.now() + 8 * 3600_000 + offsetDays * 86_400_000).toISOString().slice(0, 10);

interface Holder {
  id: string;
  orgUnitId: string | null;
  memberUnitId: string | null;
  orgPath: string | null;
}

/** Active users holding `permission` through any of their roles, with their org path. */
async function holders(db: Executor, permission: Permission): Promise<Holder[]> {
  return db
    .selectFrom('appUser')
    .innerJoin('userRole', 'userRole.userId', 'appUser.id')
    .innerJoin('rolePermission', 'rolePermission.roleId', 'userRole.roleId')
    .leftJoin('orgUnit', 'orgUnit.id', 'appUser.orgUnitId')
    .select(['appUser.id', 'appUser.orgUnitId', 'appUser.memberUnitId', 'orgUnit.path as orgPath'])
    .where('appUser.status', '=', 'active')
    .where('rolePermission.permission', '=', permission)
    .distinct()
    .execute();
}

/** Users who act for an owner: the member unit's people, or the people at that org node. */
const atOwner = (users: Holder[], owner: { memberUnitId: string | null; orgUnitId: string | null }) =>
  users.filter((u) => (owner.memberUnitId ? u.memberUnitId === owner.memberUnitId : !!owner.orgUnitId && u.orgUnitId === owner.orgUnitId));

/** Users at the node or above it (the path of the node starts with theirs). */
const atOrAbove = (users: Holder[], path: string) => users.filter((u) => !!u.orgPath && path.startsWith(u.orgPath));

/** Tasks handed out (交办任务) and still open: the owner's people are told once; again when the deadline is 3 days off. */
export async function taskReminders(db: Executor): Promise<Reminder[]> {
  const tasks = await db.selectFrom('task').select(['id', 'title', 'deadline', 'memberUnitId', 'orgUnitId']).where('status', '!=', 'done').execute();
  if (!tasks.length) return [];
  const users = await holders(db, 'meeting:taskUpdate');
  const today = chinaDate();
  const soon = chinaDate(3);
  const out: Reminder[] = [];
  for (const t of tasks) {
    for (const u of atOwner(users, t)) {
      out.push({ userId: u.id, kind: 'taskAssigned', title: `新交办任务：${t.title}`, body: `办理期限 ${t.deadline}，请按时报告办理情况。`, link: '/tasks', sourceKey: `task:${t.id}:assigned`, dueOn: t.deadline });
      if (t.deadline >= today && t.deadline <= soon) {
        out.push({ userId: u.id, kind: 'deadlineNear', title: `交办任务即将到期：${t.title}`, body: `办理期限 ${t.deadline}。`, link: '/tasks', sourceKey: `task:${t.id}:due:${t.deadline}`, dueOn: t.deadline });
      }
    }
  }
  return out;
}

/** Targets not completed whose deadline is within 7 days: the owner's people who report progress. */
export async function targetDeadlineReminders(db: Executor): Promise<Reminder[]> {
  const today = chinaDate();
  const targets = await db
    .selectFrom('target')
    .select(['id', 'title', 'deadline', 'memberUnitId', 'orgUnitId'])
    .where('status', '!=', 'completed')
    .where('deadline', '>=', today)
    .where('deadline', '<=', chinaDate(7))
    .execute();
  if (!targets.length) return [];
  const users = await holders(db, 'target:progress');
  return targets.flatMap((t) =>
    atOwner(users, t).map((u): Reminder => ({
      userId: u.id, kind: 'deadlineNear', title: `目标任务即将到期：${t.title}`, body: `完成期限 ${t.deadline}，请及时报告进展。`, link: '/targets', sourceKey: `target:${t.id}:due:${t.deadline}`, dueOn: t.deadline,
    })),
  );
}

/** Approvals waiting: care-case closures asked for (to approvers at the case's node or above, not the asker) and deeds to review. */
export async function approvalReminders(db: Executor): Promise<Reminder[]> {
  const out: Reminder[] = [];
  const closures = await db
    .selectFrom('careCase')
    .innerJoin('orgUnit', 'orgUnit.id', 'careCase.orgUnitId')
    .select(['careCase.id', 'careCase.closureRequestedAt', 'careCase.closureRequestedBy', 'orgUnit.path', 'orgUnit.name as orgUnitName'])
    .where('careCase.closureRequestedAt', 'is not', null)
    .where('careCase.status', 'not in', ['closed', 'merged'])
    .execute();
  if (closures.length) {
    const approvers = await holders(db, 'careCase:approveClosure');
    for (const c of closures) {
      for (const u of atOrAbove(approvers, c.path).filter((x) => x.id !== c.closureRequestedBy)) {
        out.push({
          userId: u.id, kind: 'approvalWaiting', title: '帮扶对象结案申请待审批', body: `${c.orgUnitName}提交的结案申请，请审核帮扶成效后审批。`,
          link: `/care-cases?case=${c.id}`, sourceKey: `careCase:${c.id}:closure:${c.closureRequestedAt}`,
        });
      }
    }
  }
  const deeds = await db.selectFrom('notableDeed').select(['id', 'title', 'createdAt']).where('status', '=', 'submitted').execute();
  if (deeds.length) {
    const reviewers = await holders(db, 'notableDeed:review');
    for (const d of deeds) {
      for (const u of reviewers) {
        out.push({ userId: u.id, kind: 'approvalWaiting', title: `“像样的事”待认定：${d.title}`, link: '/notable-deeds?status=submitted', sourceKey: `notableDeed:${d.id}:review` });
      }
    }
  }
  return out;
}

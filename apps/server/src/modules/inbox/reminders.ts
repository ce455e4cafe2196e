import type { Platform } from '../../platform/context.js';
import type { JobDefinition } from '../../platform/jobs/jobs.js';
import { overdueMentorContacts } from '../careCases/index.js';
import { lecturesAwaitingConfirmation } from '../lectures/index.js';
import { followUpsDue } from '../training/index.js';
import { smsOff, smsSenderFor, type SmsSender } from './sms.js';
import { approvalReminders, targetDeadlineReminders, taskReminders } from './sources.js';
import { newId } from '../../platform/db/ids.js';

export interface Reminder {
  userId: string;
  kind: 'lectureAssigned' | 'mentorOverdue' | 'trainingFollowUp' | 'taskAssigned' | 'deadlineNear' | 'approvalWaiting';
  title: string;
  body?: string;
  link?: string;
  /** What the reminder is about; the same key never makes a second reminder for the same user. */
  sourceKey: string;
  dueOn?: string | null;
}

/** Everything due now, from each module's exported look-ups (no personal data of young people in the text). */
export async function collectReminders(platform: Platform): Promise<Reminder[]> {
  const { db } = platform;
  const out: Reminder[] = [];
  for (const r of await lecturesAwaitingConfirmation(db)) {
    out.push({
      userId: r.userId!, kind: 'lectureAssigned', title: `新的宣讲安排待确认：「${r.topicTitle}」`,
      body: `${r.orgUnitName}，${r.scheduledDate ?? '日期待定'}。请确认能否前往。`, link: '/my-lectures', sourceKey: `lectureRequest:${r.id}:${r.assignedAt ?? ''}`, dueOn: r.scheduledDate,
    });
  }
  for (const m of await overdueMentorContacts(db)) {
    out.push({
      userId: m.userId, kind: 'mentorOverdue', title: `结对帮扶已 ${m.daysSince} 天未联系`,
      body: '请尽快走访或联系结对对象，并登记走访记录。', link: '/my-mentees', sourceKey: `mentorship:${m.mentorshipId}:since:${m.since}`,
    });
  }
  for (const f of await followUpsDue(db)) {
    out.push({
      userId: f.userId, kind: 'trainingFollowUp', title: `培训班「${f.title}」${f.month}个月跟踪回访已到期`,
      body: `${f.open} 名学员待回访（就业、创业、求职或上学情况）。`, link: `/training/classes/${f.classId}`, sourceKey: `trainingFollowUp:${f.classId}:${f.month}`, dueOn: f.dueOn,
    });
  }
  out.push(...(await taskReminders(db)), ...(await targetDeadlineReminders(db)), ...(await approvalReminders(db)));
  return out;
}

/**
 * Write the reminders not yet in anyone's inbox. The unique (user, source) index makes this idempotent, also when
 * two instances race (the job lease already lets only one run it). Returns how many were new.
 */
export async function deliverReminders(platform: Platform, reminders: Reminder[], sms: SmsSender = smsOff): Promise<number> {
  const { db } = platform;
  let created = 0;
  const now = new Date().toISOString();
  for (const r of reminders) {
    const res = await db
      .insertInto('inboxItem')
      .values({ id: newId(), userId: r.userId, kind: r.kind, title: r.title, body: r.body ?? null, link: r.link ?? null, sourceKey: r.sourceKey, dueOn: r.dueOn ?? null, createdAt: now, readAt: null, smsSentAt: null })
      .onConflict((oc) => oc.columns(['userId', 'sourceKey']).doNothing())
      .executeTakeFirst();
    if (Number(res.numInsertedOrUpdatedRows ?? 0) !== 1) continue;
    created++;
    if (sms.enabled) {
      await sms.send(r.userId, r.title);
      await db.updateTable('inboxItem').set({ smsSentAt: new Date().toISOString() }).where('userId', '=', r.userId).where('sourceKey', '=', r.sourceKey).execute();
    }
  }
  return created;
}

/** The hourly job. SMS goes out only when the 待办提醒 setting turns it on (off by default), through the chosen sender. */
export function remindersJob(override?: SmsSender): JobDefinition {
  return {
    name: 'inboxReminders',
    label: '生成待办提醒（交办任务、期限将至、走访超期、宣讲安排、跟踪回访、待审批）',
    intervalSeconds: 3600,
    async run(platform) {
      const sms = override ?? (await smsSenderFor(platform.db));
      const due = await collectReminders(platform);
      const created = await deliverReminders(platform, due, sms);
      return `检查 ${due.length} 项，新增提醒 ${created} 条${sms.enabled && created ? '（已发短信）' : ''}`;
    },
  };
}

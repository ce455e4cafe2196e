import { meetingStatusLabels, taskStatusLabels, type MeetingStatus, type TaskStatus } from '@gg/shared';
import type { Platform } from '../../platform/context.js';
import type { Actor } from '../../platform/authz/actor.js';
import type { AuditActor } from '../../platform/audit/audit.js';
import { buildWorkbook } from '../../platform/files/excel.js';
import { chinaToday } from '../targets/index.js';
import { meetingRepository, type MeetingFilter } from './repository.js';
import { taskRepository, type TaskFilter } from './taskRepository.js';

/** 联席会议 list as Excel, with the same filters and scope as GET /meetings; audited with the row count. */
export async function exportMeetings(platform: Platform, actor: Actor, who: AuditActor, f: MeetingFilter) {
  const { rows } = await meetingRepository(platform.db).list(actor, f, { page: 1, pageSize: 20000, sort: 'meetingDate' });
  const filters: Record<string, string> = {};
  if (f.from) filters['开始日期'] = f.from;
  if (f.to) filters['结束日期'] = f.to;
  if (f.status) filters['状态'] = meetingStatusLabels[f.status as MeetingStatus];
  if (f.q) filters['会议名称'] = f.q;
  const buffer = await buildWorkbook({
    title: '关心下一代工作联席会议',
    sheetName: '联席会议',
    columns: [
      { header: '会议日期', type: 'date', width: 12, value: (r) => r.meetingDate },
      { header: '会议名称', width: 32, value: (r) => r.title },
      { header: '召集组织', width: 18, value: (r) => r.orgUnitName },
      { header: '地点', width: 18, value: (r) => r.location },
      { header: '主持', width: 12, value: (r) => r.chair },
      { header: '状态', value: (r) => meetingStatusLabels[r.status as MeetingStatus] },
      { header: '邀请单位', type: 'count', value: (r) => Number(r.invitedCount), total: true },
      { header: '出席单位', type: 'count', value: (r) => Number(r.presentCount), total: true },
      { header: '交办任务', type: 'count', value: (r) => Number(r.taskCount), total: true },
      { header: '未办结', type: 'count', value: (r) => Number(r.openTaskCount), total: true },
      { header: '议程', width: 40, value: (r) => r.agenda },
    ],
    rows,
    filters,
    exportedBy: actor.displayName,
  });
  await platform.record(who, { event: 'meeting.export', objectType: 'meeting', summary: `导出联席会议 ${rows.length} 次`, detail: { rows: rows.length, filters } });
  return buffer;
}

/** 交办任务 (and, with overdue=true, the 督办 list) as Excel, with the same filters and scope as GET /tasks. */
export async function exportTasks(platform: Platform, actor: Actor, who: AuditActor, f: TaskFilter) {
  const rows = await taskRepository(platform.db).all(actor, f, 20000);
  const today = chinaToday();
  const filters: Record<string, string> = {};
  if (f.status) filters['状态'] = taskStatusLabels[f.status as TaskStatus];
  if (f.overdue !== undefined) filters['逾期'] = f.overdue ? '仅逾期' : '未逾期';
  if (f.q) filters['任务'] = f.q;
  const buffer = await buildWorkbook({
    title: '交办任务督办清单',
    sheetName: '交办任务',
    columns: [
      { header: '承办单位', width: 20, value: (r) => r.ownerName },
      { header: '任务', width: 36, value: (r) => r.title },
      { header: '来源会议', width: 28, value: (r) => r.meetingTitle },
      { header: '完成时限', type: 'date', width: 12, value: (r) => r.deadline },
      { header: '状态', value: (r) => taskStatusLabels[r.status as TaskStatus] },
      { header: '是否逾期', value: (r) => (r.status !== 'done' && r.deadline < today ? '逾期' : '') },
      { header: '最新办理情况', width: 40, value: (r) => r.lastNote },
    ],
    rows,
    filters,
    exportedBy: actor.displayName,
  });
  await platform.record(who, { event: 'task.export', objectType: 'task', summary: `导出交办任务 ${rows.length} 项`, detail: { rows: rows.length, filters } });
  return buffer;
}

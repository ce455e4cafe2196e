import {
  trainingClassStatusLabels, trainingEnrolmentStatusLabels, trainingIndustryLabels, trainingOutcomeLabels,
  type TrainingClass, type TrainingEnrolment, type TrainingIndustry, type TrainingOutcome,
} from '@gg/shared';
import type { Platform } from '../../platform/context.js';
import type { Actor } from '../../platform/authz/actor.js';
import type { AuditActor } from '../../platform/audit/audit.js';
import { buildWorkbook } from '../../platform/files/excel.js';
import type { ClassListQuery, TrainingService } from './service.js';
import { trainingSummary, type ResultsQuery } from './results.js';

async function audited(platform: Platform, who: AuditActor, event: string, summary: string, detail: Record<string, unknown>, objectId?: string) {
  await platform.record(who, { event, objectType: 'trainingClass', objectId, summary, detail });
}

/** The class list with its filters. */
export async function exportClasses(platform: Platform, service: TrainingService, actor: Actor, who: AuditActor, query: Omit<ClassListQuery, 'page' | 'pageSize'>) {
  const rows = await service.listAll(actor, query);
  const filters: Record<string, string> = {};
  if (query.q) filters['关键词'] = query.q;
  if (query.status) filters['状态'] = trainingClassStatusLabels[query.status];
  if (query.industry) filters['产业'] = trainingIndustryLabels[query.industry];
  if (query.year) filters['年度'] = String(query.year);
  const buffer = await buildWorkbook<TrainingClass>({
    title: '青少年创业就业技能培训班', sheetName: '培训班', filters, exportedBy: actor.displayName, rows,
    columns: [
      { header: '班级名称', width: 28, value: (r) => r.title },
      { header: '培训技能', width: 16, value: (r) => r.skill },
      { header: '产业', width: 14, value: (r) => trainingIndustryLabels[r.industry] },
      { header: '主办组织', width: 18, value: (r) => r.orgUnitName },
      { header: '联办单位', width: 24, value: (r) => r.partners.map((p) => p.name).join('、') },
      { header: '开始日期', type: 'date', width: 12, value: (r) => r.startDate },
      { header: '结束日期', type: 'date', width: 12, value: (r) => r.endDate },
      { header: '培训地点', width: 18, value: (r) => r.venue },
      { header: '招生人数', type: 'count', value: (r) => r.capacity, total: true },
      { header: '在班人数', type: 'count', value: (r) => r.enrolled, total: true },
      { header: '结业人数', type: 'count', value: (r) => r.completed, total: true },
      { header: '经费（元）', type: 'money', value: (r) => r.fundingFen / 100, total: true },
      { header: '状态', value: (r) => trainingClassStatusLabels[r.status] },
    ],
  });
  await audited(platform, who, 'training.class.export', `导出培训班 ${rows.length} 条`, { rows: rows.length, filters });
  return buffer;
}

/** One class: trainees (masked) with a column per held session (√ present, × absent), completion and follow-ups. */
export async function exportAttendance(platform: Platform, service: TrainingService, actor: Actor, who: AuditActor, classId: string) {
  const c = await service.get(actor, classId);
  const sessions = (await service.sessions(actor, classId)).filter((s) => s.held);
  const people = (await service.enrolments(actor, classId)).filter((e) => e.status !== 'withdrawn' && e.status !== 'waiting');
  const outcome = (e: TrainingEnrolment, m: number) => {
    const f = e.followUps.find((x) => x.month === m);
    return f ? `${trainingOutcomeLabels[f.outcome as TrainingOutcome]}${f.employer ? `（${f.employer}）` : ''}` : null;
  };
  const buffer = await buildWorkbook<TrainingEnrolment>({
    title: `${c.title} 考勤与成效`, sheetName: '考勤', filters: { 培训班: c.title, 内容: '身份证号、联系电话已脱敏' }, exportedBy: actor.displayName, rows: people,
    columns: [
      { header: '姓名', value: (r) => r.name },
      { header: '身份证号', type: 'text', width: 22, value: (r) => r.idNumber },
      { header: '联系电话', type: 'text', width: 16, value: (r) => r.phone },
      ...sessions.map((s) => ({ header: `${s.sessionDate.slice(5)} ${s.topic}`.slice(0, 20), width: 10, value: (r: TrainingEnrolment) => (s.presentIds.includes(r.id) ? '√' : '×') })),
      { header: '出勤次数', type: 'count', value: (r) => r.attended },
      { header: '结业情况', value: (r) => trainingEnrolmentStatusLabels[r.status] },
      { header: '证书编号', width: 20, value: (r) => r.certificateNo },
      { header: '3个月回访', width: 18, value: (r) => outcome(r, 3) },
      { header: '6个月回访', width: 18, value: (r) => outcome(r, 6) },
      { header: '12个月回访', width: 18, value: (r) => outcome(r, 12) },
    ],
  });
  await audited(platform, who, 'training.attendance.export', `导出考勤与成效：${c.title}（${people.length} 人）`, { rows: people.length, sessions: sessions.length }, classId);
  return buffer;
}

/** Results per class (and the industry match), the same figures as the statistics page. */
export async function exportResults(platform: Platform, actor: Actor, who: AuditActor, query: ResultsQuery) {
  const r = await trainingSummary(platform, actor, query);
  type Row = (typeof r.byClass)[number] | ((typeof r.byIndustry)[number] & { title: string; startDate: string });
  const rows: Row[] = [...r.byClass, ...r.byIndustry.map((i) => ({ ...i, title: `【产业合计】${i.label}（用工需求 ${i.demand} 人）`, startDate: '' }))];
  const filters: Record<string, string> = {};
  if (query.year) filters['年度'] = String(query.year);
  if (query.industry) filters['产业'] = trainingIndustryLabels[query.industry];
  const buffer = await buildWorkbook<Row>({
    title: '技能培训成效统计', sheetName: '成效', filters, exportedBy: actor.displayName, rows,
    columns: [
      { header: '培训班／产业', width: 36, value: (x) => x.title },
      { header: '产业', width: 14, value: (x) => trainingIndustryLabels[x.industry as TrainingIndustry] },
      { header: '开班日期', width: 12, value: (x) => x.startDate || null },
      { header: '参训人数', type: 'count', value: (x) => x.trainees },
      { header: '结业人数', type: 'count', value: (x) => x.completed },
      { header: '已回访', type: 'count', value: (x) => x.followedUp },
      { header: '就业', type: 'count', value: (x) => x.employed },
      { header: '创业', type: 'count', value: (x) => x.business },
      { header: '求职中', type: 'count', value: (x) => x.seeking },
      { header: '上学', type: 'count', value: (x) => x.school },
      { header: '本产业就业创业', type: 'count', value: (x) => x.employedInIndustry },
    ],
  });
  await audited(platform, who, 'training.results.export', `导出技能培训成效统计 ${r.byClass.length} 个班`, { rows: rows.length, filters });
  return buffer;
}

import {
  ageBandLabels,
  committeePostLabels,
  politicalStatusLabels,
  sexLabels,
  volunteerAvailabilityLabels,
  volunteerCategoryLabels,
  volunteerHealthLabels,
  volunteerSpecialtyLabels,
  volunteerStatusLabels,
  type Volunteer,
  type volunteerExportQuery,
} from '@gg/shared';
import type { z } from 'zod';
import type { Platform } from '../../platform/context.js';
import type { Actor } from '../../platform/authz/actor.js';
import { can } from '../../platform/authz/actor.js';
import type { AuditActor } from '../../platform/audit/audit.js';
import { timeWithOffset } from '../../platform/audit/audit.js';
import { AppError } from '../../platform/errors.js';
import { buildWorkbook } from '../../platform/files/excel.js';
import { presentVolunteer } from './presenter.js';
import { volunteerSettingsStore } from './settings.js';
import { orgNamesFor, type VolunteerService } from './service.js';

type ExportQuery = z.output<typeof volunteerExportQuery>;

/**
 * security.md D22: the roster as Excel, with the list's filters. Masked by default; `full` needs
 * volunteer:unmask and a reason, carries a watermark naming who exported it, and is audited with its row count.
 */
export async function exportVolunteers(platform: Platform, service: VolunteerService, actor: Actor, who: AuditActor, query: ExportQuery) {
  const { full, reason, ...filterQuery } = query;
  if (full && !can(actor, 'volunteer:unmask')) throw new AppError('FORBIDDEN', '没有导出完整信息的权限');
  if (full && (!reason || reason.length < 2)) throw new AppError('VALIDATION_FAILED', '完整导出须填写原因', [{ path: 'reason', message: '请填写导出原因' }]);
  const rows = await service.listRows(actor, filterQuery);
  const [nodes, { starHours }] = await Promise.all([orgNamesFor(platform.db, rows.map((r) => r.orgUnitId)), volunteerSettingsStore.read(platform.db)]);
  const items: Volunteer[] = rows.map((r) => presentVolunteer(actor, r, nodes, platform.cipher, { unmasked: full, starHours }));
  const filters: Record<string, string> = {};
  if (query.q) filters['关键词'] = query.q;
  if (query.category) filters['类别'] = volunteerCategoryLabels[query.category];
  if (query.specialty) filters['特长'] = volunteerSpecialtyLabels[query.specialty];
  if (query.ageBand) filters['年龄段'] = ageBandLabels[query.ageBand];
  if (query.status) filters['状态'] = volunteerStatusLabels[query.status];
  if (query.orgUnitId) filters['所属组织'] = nodes.get(query.orgUnitId)?.name ?? (await platform.db.selectFrom('orgUnit').select('name').where('id', '=', query.orgUnitId).executeTakeFirst())?.name ?? '';
  filters['内容'] = full ? '完整信息' : '身份证号、联系电话已脱敏';
  const watermark = full ? `完整信息导出：${actor.displayName}（${actor.username}）于 ${timeWithOffset().slice(0, 19).replace('T', ' ')} 导出，原因：${reason}。仅限工作使用，不得外传。` : undefined;
  const buffer = await buildWorkbook<Volunteer>({
    title: '“五老”志愿者花名册',
    sheetName: '五老志愿者',
    columns: [
      { header: '姓名', value: (r) => r.name },
      { header: '类别', value: (r) => volunteerCategoryLabels[r.category] },
      { header: '性别', width: 6, value: (r) => sexLabels[r.sex] },
      { header: '出生日期', type: 'date', width: 12, value: (r) => r.birthDate },
      { header: '年龄', type: 'count', width: 6, value: (r) => r.age },
      { header: '身份证号', type: 'text', width: 22, value: (r) => r.idNumber },
      { header: '联系电话', type: 'text', width: 16, value: (r) => r.phone },
      { header: '乡镇（街道）', width: 14, value: (r) => r.townshipName },
      { header: '所属组织', width: 18, value: (r) => r.orgUnitName },
      { header: '原工作单位', width: 20, value: (r) => r.formerUnit },
      { header: '原职务', width: 14, value: (r) => r.formerPost },
      { header: '政治面貌', value: (r) => (r.politicalStatus ? politicalStatusLabels[r.politicalStatus] : null) },
      { header: '特长', width: 20, value: (r) => r.specialties.map((s) => volunteerSpecialtyLabels[s]).join('、') },
      { header: '健康状况', value: (r) => (r.health ? volunteerHealthLabels[r.health] : null) },
      { header: '可服务时间', value: (r) => (r.availability ? volunteerAvailabilityLabels[r.availability] : null) },
      { header: '关工委职务', value: (r) => committeePostLabels[r.committeePost] },
      { header: '加入日期', type: 'date', width: 12, value: (r) => r.joinDate },
      { header: '状态', value: (r) => volunteerStatusLabels[r.status] },
      { header: '累计服务时长（小时）', type: 'money', width: 12, value: (r) => r.totalHours, total: true },
    ],
    rows: items,
    filters,
    exportedBy: actor.displayName,
    watermark,
  });
  await platform.record(who, {
    event: full ? 'volunteer.export.full' : 'volunteer.export', objectType: 'volunteer',
    summary: `导出五老志愿者 ${items.length} 条${full ? '（完整信息）' : ''}`,
    detail: { rows: items.length, filters, full, ...(full && { reason }) },
  });
  return buffer;
}

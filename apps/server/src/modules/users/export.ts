import { userStatusLabels, type User, type userExportQuery } from '@gg/shared';
import type { z } from 'zod';
import type { Platform } from '../../platform/context.js';
import type { Actor } from '../../platform/authz/actor.js';
import { can } from '../../platform/authz/actor.js';
import type { AuditActor } from '../../platform/audit/audit.js';
import { timeWithOffset } from '../../platform/audit/audit.js';
import { AppError } from '../../platform/errors.js';
import { buildWorkbook } from '../../platform/files/excel.js';
import type { createUserService } from './service.js';

type ExportQuery = z.output<typeof userExportQuery>;

/**
 * D22: the account list as Excel. Masked by default; `full` needs user:unmask and a reason,
 * carries a watermark naming who exported it, and is audited with its row count like every export.
 */
export async function exportUsers(platform: Platform, service: ReturnType<typeof createUserService>, actor: Actor, who: AuditActor, query: ExportQuery) {
  const { full = false, reason, ...filterQuery } = query;
  if (full && !can(actor, 'user:unmask')) throw new AppError('FORBIDDEN', '没有导出完整信息的权限');
  if (full && (!reason || reason.length < 2)) throw new AppError('REASON_REQUIRED', '完整导出须填写原因', [{ path: 'reason', message: '请填写导出原因' }]);
  const all: User[] = [];
  for (let page = 1; ; page++) {
    const res = await service.list(actor, { ...filterQuery, page, pageSize: 100 }, full);
    all.push(...res.items);
    if (all.length >= res.total || res.items.length === 0) break;
  }
  const filters: Record<string, string> = {};
  if (query.q) filters['关键词'] = query.q;
  if (query.orgUnitId) filters['所属组织'] = (await platform.db.selectFrom('orgUnit').select('name').where('id', '=', query.orgUnitId).executeTakeFirst())?.name ?? query.orgUnitId;
  if (query.memberUnitId) filters['成员单位'] = (await platform.db.selectFrom('memberUnit').select('name').where('id', '=', query.memberUnitId).executeTakeFirst())?.name ?? query.memberUnitId;
  if (query.roleId) filters['角色'] = (await platform.db.selectFrom('role').select('name').where('id', '=', query.roleId).executeTakeFirst())?.name ?? query.roleId;
  if (query.status) filters['状态'] = userStatusLabels[query.status];
  filters['手机号'] = full ? '完整' : '已脱敏';
  const watermark = full ? `完整信息导出 — 导出人：${actor.displayName}（${actor.username}），时间：${timeWithOffset().slice(0, 19).replace('T', ' ')}，原因：${reason}。仅限工作使用，不得外传。` : undefined;
  const buffer = await buildWorkbook({
    title: '用户账号一览表',
    columns: [
      { header: '用户名', width: 18, value: (u) => u.username },
      { header: '姓名', value: (u) => u.displayName },
      { header: '手机号', type: 'text', width: 16, value: (u) => u.phone },
      { header: '所属组织', width: 20, value: (u) => u.orgUnit?.name },
      { header: '成员单位', width: 20, value: (u) => u.memberUnit?.name },
      { header: '角色', width: 24, value: (u) => u.roles.map((r) => r.name).join('、') },
      { header: '状态', value: (u) => userStatusLabels[u.status] },
      { header: '已锁定', value: (u) => (u.locked ? '是' : '否') },
      { header: '最后登录', type: 'date', value: (u) => u.lastLoginAt },
      { header: '创建日期', type: 'date', value: (u) => u.createdAt },
      { header: '备注', width: 24, value: (u) => u.remark },
    ],
    rows: all,
    filters,
    exportedBy: `${actor.displayName}（${actor.username}）`,
    watermark,
  });
  await platform.record(who, {
    event: 'user.export', objectType: 'user', summary: `导出用户 ${all.length} 条${full ? '（完整信息）' : ''}`,
    detail: { rows: all.length, full, ...(full && { reason }), filters },
  });
  return buffer;
}

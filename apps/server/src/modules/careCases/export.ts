import type { z } from 'zod';
import {
  careCaseCategoryLabels, careCaseStatusLabels, maskName, riskLevelLabels, sexLabels,
  type CareCaseCategory, type CareCaseStatus, type RiskLevel, type careCaseExportQuery,
} from '@gg/shared';
import type { Platform } from '../../platform/context.js';
import { can, type Actor } from '../../platform/authz/actor.js';
import type { AuditActor } from '../../platform/audit/audit.js';
import { AppError } from '../../platform/errors.js';
import { buildWorkbook } from '../../platform/files/excel.js';
import { careCaseRepository, type CareCaseRow } from './repository.js';
import { decryptField, fieldMasks } from './presenter.js';
import type { createCareCaseService } from './service.js';

type ExportQuery = z.output<typeof careCaseExportQuery>;

const EXPORT_MAX = 50_000;

/**
 * Export any filtered list (D22): masked by default (names, ID numbers, phones, addresses); a full export
 * needs careCase:exportFull and a reason, carries a watermark naming who exported it, and is audited with
 * its row count. Sealed offence details are never exported.
 */
export async function exportCareCases(platform: Platform, cases: ReturnType<typeof createCareCaseService>, actor: Actor, who: AuditActor, query: ExportQuery) {
  const full = Boolean(query.full);
  if (full && !can(actor, 'careCase:exportFull')) throw new AppError('FORBIDDEN', '完整导出须具有“导出完整信息”权限');
  if (full && !query.reason) throw new AppError('REASON_REQUIRED', '完整导出须填写原因', [{ path: 'reason', message: '请填写导出原因' }]);
  const { full: _f, reason: _r, ...listQuery } = query;
  const filter = await cases.filterOf(actor, listQuery);
  const repo = careCaseRepository(platform.db);
  const rows: CareCaseRow[] = [];
  for (let page = 1; ; page++) {
    const res = await repo.listFull(actor, filter, { page, pageSize: 1000, sort: query.sort ?? 'name' });
    rows.push(...res.rows);
    if (rows.length >= res.total || res.rows.length === 0 || rows.length >= EXPORT_MAX) break;
  }
  const c = platform.cipher;
  const plain = (r: CareCaseRow, f: 'idNumber' | 'phone' | 'guardianPhone' | 'householdAddress' | 'currentAddress') => {
    const v = decryptField(c, r, f);
    return v && !full ? fieldMasks[f](v) : v;
  };
  const filters: Record<string, string> = {};
  if (query.q) filters['关键词'] = query.q;
  if (query.category) filters['帮扶类别'] = careCaseCategoryLabels[query.category];
  if (query.status) filters['状态'] = careCaseStatusLabels[query.status];
  if (query.riskLevel) filters['风险等级'] = riskLevelLabels[query.riskLevel];
  if (query.orgUnitId) filters['归口单位'] = rows[0]?.orgUnitName ?? query.orgUnitId;
  if (query.intakeFrom || query.intakeTo) filters['登记日期'] = `${query.intakeFrom ?? ''} 至 ${query.intakeTo ?? ''}`;
  const stamp = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');
  const watermark = full ? `完整信息导出：${actor.displayName}（${actor.username}）于 ${stamp} 导出，原因：${query.reason}。含未成年人个人信息，仅限工作使用，严禁外传。` : undefined;
  const buffer = await buildWorkbook<CareCaseRow>({
    title: full ? '关爱帮扶对象台账（完整信息）' : '关爱帮扶对象台账',
    columns: [
      { header: '姓名', value: (r) => (full ? r.name : maskName(r.name)) },
      { header: '性别', value: (r) => sexLabels[r.sex as 'male' | 'female'] },
      { header: '出生日期', type: 'date', value: (r) => r.birthDate },
      { header: '身份证号', type: 'text', width: 22, value: (r) => plain(r, 'idNumber') },
      { header: '帮扶类别', width: 16, value: (r) => r.categories.map((k) => careCaseCategoryLabels[k as CareCaseCategory]).join('、') },
      { header: '风险等级', value: (r) => riskLevelLabels[r.riskLevel as RiskLevel] },
      { header: '状态', value: (r) => careCaseStatusLabels[r.status as CareCaseStatus] },
      { header: '归口单位', width: 20, value: (r) => r.orgUnitName },
      { header: '学校或工作单位', width: 20, value: (r) => r.schoolOrWork },
      { header: '户籍地', width: 24, value: (r) => plain(r, 'householdAddress') },
      { header: '常住地', width: 24, value: (r) => plain(r, 'currentAddress') },
      { header: '联系电话', type: 'text', width: 16, value: (r) => plain(r, 'phone') },
      { header: '监护人', value: (r) => (r.guardianName ? (full ? r.guardianName : maskName(r.guardianName)) : null) },
      { header: '监护人电话', type: 'text', width: 16, value: (r) => plain(r, 'guardianPhone') },
      { header: '登记日期', type: 'date', value: (r) => r.intakeDate },
      { header: '结对人数', type: 'count', value: (r) => r.mentorCount },
      { header: '最近走访', type: 'date', value: (r) => r.lastContactOn },
    ],
    rows,
    filters,
    exportedBy: `${actor.displayName}（${actor.username}）`,
    watermark,
  });
  await platform.transaction(who, (_trx, audit) =>
    audit({
      event: full ? 'careCase.exportFull' : 'careCase.export', objectType: 'careCase',
      summary: `${full ? '完整导出' : '导出（脱敏）'}帮扶对象 ${rows.length} 条`,
      detail: { rows: rows.length, full, filters, ...(full ? { reason: query.reason } : {}) },
    }),
  );
  return buffer;
}

import type { z } from 'zod';
import { targetKindLabels, targetStatusLabels, type targetListQuery, type TargetKind, type TargetStatus } from '@gg/shared';
import type { Platform } from '../../platform/context.js';
import type { Actor } from '../../platform/authz/actor.js';
import type { AuditActor } from '../../platform/audit/audit.js';
import { buildWorkbook } from '../../platform/files/excel.js';
import { targetRepository, type TargetFilter } from './repository.js';
import { isOverdue } from './presenter.js';

type Filters = Omit<z.output<typeof targetListQuery>, 'page' | 'pageSize' | 'sort'>;

/** 目标清单 and 责任清单 as Excel, with the filters used; audited with the row count. */
export async function exportTargets(platform: Platform, actor: Actor, who: AuditActor, query: Filters) {
  const rows = await targetRepository(platform.db).all(actor, query as TargetFilter);
  const filters: Record<string, string> = {};
  if (query.year) filters['年度'] = String(query.year);
  if (query.kind) filters['类别'] = targetKindLabels[query.kind];
  if (query.status) filters['状态'] = targetStatusLabels[query.status];
  if (query.overdue !== undefined) filters['逾期'] = query.overdue ? '是' : '否';
  if (query.q) filters['目标内容'] = query.q;
  const buffer = await buildWorkbook({
    title: `${query.year ?? ''}${query.year ? '年度' : ''}关心下一代工作目标清单和责任清单`,
    sheetName: '目标清单',
    columns: [
      { header: '单位', width: 24, value: (r) => r.ownerName },
      { header: '年度', type: 'count', value: (r) => Number(r.year) },
      { header: '类别', value: (r) => targetKindLabels[r.kind as TargetKind] },
      { header: '目标内容', width: 40, value: (r) => r.title },
      { header: '衡量标准', width: 30, value: (r) => r.measure },
      { header: '完成时限', type: 'date', width: 12, value: (r) => r.deadline },
      { header: '分值', type: 'count', value: (r) => Number(r.weight), total: true },
      { header: '责任人', value: (r) => r.owner },
      { header: '进度（%）', type: 'count', value: (r) => Number(r.progressPercent) },
      { header: '关联活动', type: 'count', value: (r) => r.activityCount, total: true },
      { header: '状态', value: (r) => targetStatusLabels[r.status as TargetStatus] },
      { header: '逾期', value: (r) => (isOverdue(r) ? '逾期' : '') },
    ],
    rows,
    filters,
    exportedBy: actor.displayName,
  });
  await platform.record(who, { event: 'target.export', objectType: 'target', summary: `导出目标清单 ${rows.length} 条`, detail: { rows: rows.length, filters } });
  return buffer;
}

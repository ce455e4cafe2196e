import type { z } from 'zod';
import { notableDeedStatusLabels, type notableDeedListQuery, type NotableDeedStatus } from '@gg/shared';
import type { Platform } from '../../platform/context.js';
import type { Actor } from '../../platform/authz/actor.js';
import type { AuditActor } from '../../platform/audit/audit.js';
import { buildWorkbook } from '../../platform/files/excel.js';
import { parseIds } from '../targets/index.js';
import { notableDeedRepository, type NotableDeedFilter } from './repository.js';

type Filters = Omit<z.output<typeof notableDeedListQuery>, 'page' | 'pageSize' | 'sort'>;

export async function exportNotableDeeds(platform: Platform, actor: Actor, who: AuditActor, query: Filters) {
  const rows = await notableDeedRepository(platform.db).all(actor, query as NotableDeedFilter);
  const filters: Record<string, string> = {};
  if (query.year) filters['年度'] = String(query.year);
  if (query.status) filters['认定'] = notableDeedStatusLabels[query.status];
  if (query.q) filters['事项名称'] = query.q;
  const buffer = await buildWorkbook({
    title: `${query.year ? `${query.year}年` : ''}成员单位“像样的事”登记表`,
    sheetName: '像样的事',
    columns: [
      { header: '单位', width: 24, value: (r) => r.ownerName },
      { header: '年度', type: 'count', value: (r) => Number(r.year) },
      { header: '事项名称', width: 30, value: (r) => r.title },
      { header: '事项内容和成效', width: 60, value: (r) => r.description },
      { header: '日期', type: 'date', width: 12, value: (r) => r.deedDate },
      { header: '关联活动', type: 'count', value: (r) => parseIds(r.activityIds).length, total: true },
      { header: '认定', value: (r) => notableDeedStatusLabels[r.status as NotableDeedStatus] },
      { header: '认定意见', width: 30, value: (r) => r.reviewNote },
    ],
    rows,
    filters,
    exportedBy: actor.displayName,
  });
  await platform.record(who, { event: 'notableDeed.export', objectType: 'notableDeed', summary: `导出像样的事 ${rows.length} 条`, detail: { rows: rows.length, filters } });
  return buffer;
}

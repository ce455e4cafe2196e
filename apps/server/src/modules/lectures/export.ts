import type { z } from 'zod';
import { lectureRequestStatusLabels, type LectureRequest, type lectureRequestListQuery } from '@gg/shared';
import type { Actor } from '../../platform/authz/actor.js';
import type { AuditActor } from '../../platform/audit/audit.js';
import type { Platform } from '../../platform/context.js';
import { buildWorkbook } from '../../platform/files/excel.js';
import type { createLectureRequestService } from './requests.js';

/** 宣讲预约登记表: the requests the caller may see, with the list's filters; audited with the row count. */
export async function exportLectureRequests(platform: Platform, requests: ReturnType<typeof createLectureRequestService>, actor: Actor, who: AuditActor, query: z.output<typeof lectureRequestListQuery>) {
  const rows: LectureRequest[] = [];
  for (let page = 1; page <= 100; page++) {
    const res = await requests.list(actor, { ...query, page, pageSize: 500 });
    rows.push(...res.items);
    if (rows.length >= res.total || res.items.length === 0) break;
  }
  const filters: Record<string, string> = {};
  if (query.status) filters['状态'] = lectureRequestStatusLabels[query.status];
  if (query.topicId) filters['宣讲题目'] = rows[0]?.topicTitle ?? query.topicId;
  if (query.orgUnitId) filters['预约单位'] = rows[0]?.orgUnitName ?? query.orgUnitId;
  if (query.q) filters['关键词'] = query.q;
  if (query.mine) filters['范围'] = '本人的宣讲安排';
  const buffer = await buildWorkbook({
    title: '宣讲预约登记表',
    columns: [
      { header: '预约单位', width: 22, value: (r: LectureRequest) => r.orgUnitName },
      { header: '宣讲题目', width: 30, value: (r) => r.topicTitle },
      { header: '希望日期', type: 'date', value: (r) => r.preferredDate },
      { header: '预计人数', type: 'count', total: true, value: (r) => r.audienceEstimate },
      { header: '状态', value: (r) => lectureRequestStatusLabels[r.status] },
      { header: '宣讲员', width: 12, value: (r) => r.lecturerName },
      { header: '安排日期', type: 'date', value: (r) => r.scheduledDate },
      { header: '评分', type: 'count', value: (r) => r.rating },
      { header: '评价', width: 30, value: (r) => r.ratingComment },
      { header: '预约人', width: 12, value: (r) => r.requestedByName },
    ],
    rows,
    filters,
    exportedBy: actor.displayName,
  });
  await platform.record(who, { event: 'lectureRequest.export', objectType: 'lectureRequest', summary: `导出宣讲预约 ${rows.length} 条`, detail: { rows: rows.length, filters } });
  return buffer;
}

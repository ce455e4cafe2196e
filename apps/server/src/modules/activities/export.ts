import type { z } from 'zod';
import { activityTypeLabels, studyLevelLabels, type activityListQuery, type StudyLevel } from '@gg/shared';
import type { Platform } from '../../platform/context.js';
import type { Actor } from '../../platform/authz/actor.js';
import type { AuditActor } from '../../platform/audit/audit.js';
import type { Readable } from 'node:stream';
import { AppError } from '../../platform/errors.js';
import { streamWorkbook } from '../../platform/files/excel.js';
import { activityRepository, type ActivityExportRow } from './repository.js';
import type { ActivityService } from './service.js';

type Filters = Omit<z.output<typeof activityListQuery>, 'page' | 'pageSize' | 'sort'>;

/** One sheet holds 1,048,576 rows; the title, header and total rows need a few. */
export const ACTIVITY_EXPORT_MAX_ROWS = 1_000_000;

/**
 * The activity register as the office keeps it in Excel: one row per activity, 合计 of audience and hours. Streamed:
 * activities are read in keyset pages with their participants (`exportPages`), and each page is written to the zip as it comes, so
 * memory stays flat for any size. The export is audited (with its row count) before the first byte is sent.
 */
export async function exportActivities(platform: Platform, service: ActivityService, actor: Actor, who: AuditActor, query: Filters): Promise<{ stream: Readable; rows: number }> {
  const repo = activityRepository(platform.db);
  const f = await service.filterOf(query);
  const total = await repo.count(actor, f);
  if (total > ACTIVITY_EXPORT_MAX_ROWS) throw new AppError('EXPORT_TOO_LARGE');
  const filters: Record<string, string> = {};
  if (query.type) filters['活动类型'] = activityTypeLabels[query.type];
  if (query.from) filters['开始日期'] = query.from;
  if (query.to) filters['结束日期'] = query.to;
  if (query.orgUnitId) filters['组织'] = (await repo.orgUnit(query.orgUnitId))?.name ?? '';
  if (query.campaignId) filters['主题活动'] = query.campaignId;
  if (query.baseId) filters['教育基地'] = query.baseId;
  if (query.memberUnitId) filters['成员单位'] = query.memberUnitId;
  if (query.q) filters['名称'] = query.q;
  await platform.transaction(who, (_trx, audit) =>
    audit({ event: 'activity.export', objectType: 'activity', summary: `导出活动 ${total} 条`, detail: { rows: total, filters } }),
  );

  const stream = streamWorkbook<ActivityExportRow>({
    title: '活动登记表',
    columns: [
      { header: '活动日期', type: 'date', width: 12, value: (r) => r.activityDate },
      { header: '活动名称', width: 36, value: (r) => r.title },
      { header: '类型', value: (r) => activityTypeLabels[r.type as keyof typeof activityTypeLabels] ?? r.type },
      { header: '学习层级', width: 18, value: (r) => (r.studyLevel ? studyLevelLabels[r.studyLevel as StudyLevel] : null) },
      { header: '所属组织', width: 20, value: (r) => r.orgUnitName },
      { header: '组织单位', width: 18, value: (r) => r.memberUnitName },
      { header: '地点', width: 20, value: (r) => r.baseName ?? r.venue },
      { header: '主题活动', width: 24, value: (r) => r.campaignName },
      { header: '学生', type: 'count', total: true, value: (r) => Number(r.audienceStudents) },
      { header: '青年', type: 'count', total: true, value: (r) => Number(r.audienceYouth) },
      { header: '其他', type: 'count', total: true, value: (r) => Number(r.audienceOther) },
      { header: '受众合计', type: 'count', total: true, value: (r) => Number(r.audienceTotal) },
      { header: '参与志愿者', width: 30, value: (r) => r.volunteerNames },
      { header: '服务时长（小时）', type: 'count', total: true, value: (r) => r.hours },
    ],
    rows: repo.exportPages(actor, f),
    filters,
    exportedBy: actor.displayName,
  });
  return { stream, rows: total };
}

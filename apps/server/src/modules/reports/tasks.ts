import { activityListQuery, careCaseExportQuery, returnsQuery, volunteerExportQuery, yearlyReportQuery } from '@gg/shared';
import type { Platform } from '../../platform/context.js';
import type { App } from '../../platform/http/types.js';
import { backgroundTaskStartRoute } from '../../platform/tasks/routes.js';
import { createCareCaseService, exportCareCases } from '../careCases/index.js';
import { createVolunteerService, exportVolunteers } from '../volunteers/index.js';
import { createActivityService, exportActivities } from '../activities/index.js';
import { createYearlyReport } from './yearly.js';
import { createReturns } from './returns.js';

const stamp = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);

/**
 * The long documents as background tasks (progress in the task centre, a download when done): the yearly report,
 * the statistical returns, and the big list exports with the same filters as their GET …/export. Each start route
 * carries the permission of the export it runs; the task runs with the requester's scope at request time.
 */
export function reportTaskRoutes(app: App, platform: Platform) {
  const yearly = createYearlyReport(platform);
  const returns = createReturns(platform);
  backgroundTaskStartRoute(app, platform, {
    url: '/reports/yearly/task',
    summary: '后台生成年度工作总结（Word）',
    body: yearlyReportQuery,
    def: {
      kind: 'report.yearly',
      label: (p) => `年度工作总结${p.year ? `（${p.year}年）` : ''}`,
      permission: 'report:read',
      run: async ({ actor, who, params, progress }) => {
        const doc = await yearly(actor, who, params, progress);
        return { buffer: doc.buffer, fileName: doc.fileName, rows: null };
      },
    },
  });
  backgroundTaskStartRoute(app, platform, {
    url: '/reports/returns/task',
    summary: '后台生成统计报表（Excel）',
    body: returnsQuery,
    def: {
      kind: 'report.returns',
      label: (p) => `统计报表${p.year ? `（${p.year}年${p.quarter ? `第${p.quarter}季度` : ''}）` : ''}`,
      permission: 'report:export',
      run: async ({ actor, who, params, progress }) => {
        const out = await returns(actor, who, params, progress);
        return { buffer: out.buffer, fileName: `${out.base}-${stamp()}.xlsx`, rows: out.rows };
      },
    },
  });

  const cases = createCareCaseService(platform);
  backgroundTaskStartRoute(app, platform, {
    url: '/care-cases/export/task',
    summary: '后台导出帮扶对象（与导出相同的筛选条件）',
    body: careCaseExportQuery,
    def: {
      kind: 'export.careCases',
      label: (p) => (p.full ? '导出帮扶对象（完整信息）' : '导出帮扶对象'),
      permission: 'careCase:export',
      run: async ({ actor, who, params, progress }) => {
        await progress(0, 2, '查询数据');
        const buffer = await exportCareCases(platform, cases, actor, who, params);
        await progress(1, 2, '保存文件');
        return { buffer, fileName: `关爱帮扶对象-${stamp()}.xlsx` };
      },
    },
  });
  const volunteers = createVolunteerService(platform);
  backgroundTaskStartRoute(app, platform, {
    url: '/volunteers/export/task',
    summary: '后台导出五老志愿者（与导出相同的筛选条件）',
    body: volunteerExportQuery,
    def: {
      kind: 'export.volunteers',
      label: (p) => (p.full ? '导出五老志愿者（完整信息）' : '导出五老志愿者'),
      permission: 'volunteer:export',
      run: async ({ actor, who, params, progress }) => {
        await progress(0, 2, '查询数据');
        const buffer = await exportVolunteers(platform, volunteers, actor, who, params);
        await progress(1, 2, '保存文件');
        return { buffer, fileName: `五老志愿者-${stamp()}.xlsx` };
      },
    },
  });
  const activities = createActivityService(platform);
  backgroundTaskStartRoute(app, platform, {
    url: '/activities/export/task',
    summary: '后台导出活动（与导出相同的筛选条件）',
    body: activityListQuery,
    def: {
      kind: 'export.activities',
      label: '导出活动登记表',
      permission: 'activity:export',
      run: async ({ actor, who, params, progress }) => {
        const { page: _p, pageSize: _s, sort: _o, ...filters } = params;
        await progress(0, 2, '查询数据');
        const { stream, rows } = await exportActivities(platform, activities, actor, who, filters);
        await progress(1, 2, `写入 ${rows} 条`);
        return { buffer: stream, fileName: `活动登记表-${stamp()}.xlsx`, rows };
      },
    },
  });
}

import type { Fixtures } from './floor.js';
import type { Endpoint } from './load.js';

export interface BenchEndpoint extends Endpoint {
  /** The name `--endpoints` takes, and the floor's (bench/floor.ts). */
  key: string;
}

/** The endpoints issue 10 names, on the generated data's fixtures: what `npm run bench` and `bench/compare.ts` load. */
export function benchEndpoints(fixtures: Fixtures, year = new Date().getUTCFullYear()): BenchEndpoint[] {
  return [
    { key: 'caseList', name: '帮扶对象列表（筛选+总数）', path: `/api/care-cases?status=in_progress&orgUnitId=${fixtures.township}&pageSize=20` },
    { key: 'activityList', name: '活动列表（筛选+总数）', path: `/api/activities?type=lecture&orgUnitId=${fixtures.township}&from=${year - 1}-01-01&pageSize=20` },
    { key: 'volunteerSearch', name: '五老拼音首字母搜索', path: `/api/volunteers?q=${fixtures.initials}&pageSize=20` },
    { key: 'caseById', name: '帮扶对象详情（读取留痕）', paths: fixtures.caseIds.map((id) => `/api/care-cases/${id}`) },
    { key: 'dashboard', name: '工作概览（全县、本年）', path: `/api/dashboard/overview?year=${year}` },
    { key: 'activitySummary', name: '活动汇总（全县、全部）', path: '/api/activities/summary' },
    {
      key: 'createActivity', name: '登记活动（审计、完全持久化）', path: '/api/activities', method: 'POST',
      body: JSON.stringify({ type: 'lecture', title: '基准测试宣讲', date: `${year}-03-01`, orgUnitId: fixtures.village, audienceStudents: 40, volunteers: [{ volunteerId: fixtures.volunteer, hours: 2, role: 'lecturer' }] }),
    },
  ];
}

import { lazy, Suspense, useState, type ReactNode } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { Button, Card, Col, Empty, Row, Select, Skeleton, Space, Statistic, Typography } from 'antd';
import { DownloadOutlined, FileWordOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import type { DashboardOverview } from '@gg/shared';
import { api } from '../../app/api';
import { useStartTask } from '../tasks/TaskCentre';
import { useAuth } from '../../app/auth';
import { useAfterFirstPaint } from '../../app/useAfterFirstPaint';
import { fmtCount, fmtMoney } from '../../app/format';

// ECharts is loaded only here, in its own chunk, and antd's Table (the creations panel) in another.
// (typed as the generic components they are; React.lazy would erase the row type)
type Charts = typeof import('./Charts');
const Bars = lazy(() => import('./Charts').then((m) => ({ default: m.Bars }))) as unknown as Charts['Bars'];
const Ring = lazy(() => import('./Charts').then((m) => ({ default: m.Ring }))) as unknown as Charts['Ring'];
const CreationsTable = lazy(() => import('./CreationsTable'));

const thisYear = new Date().getFullYear();
const years = Array.from({ length: 6 }, (_, i) => thisYear - i);

function Panel({ title, extra, children, testId }: { title: string; extra?: ReactNode; children: ReactNode; testId: string }) {
  return (
    <Card title={title} extra={extra} data-testid={testId} styles={{ body: { minHeight: 280 } }}>
      <Suspense fallback={<Skeleton active paragraph={{ rows: 6 }} />}>{children}</Suspense>
    </Card>
  );
}

/** A link to the list behind a figure, when the user may open that list (the county leader sees figures only). */
function ListLink({ to, show, children }: { to: string; show: boolean; children: ReactNode }) {
  return show ? <Link to={to}>{children}</Link> : <>{children}</>;
}

/**
 * 全县工作概览: every panel is an aggregate from GET /api/dashboard/overview (scope-filtered on the server). The year
 * and township filters live in the URL; a click on a bar or slice opens the list behind it, filtered the same way.
 */
export default function Dashboard() {
  const { can, me } = useAuth();
  const navigate = useNavigate();
  const startTask = useStartTask();
  const [sp, setSp] = useSearchParams();
  const year = Number(sp.get('year')) || thisYear;
  const orgUnitId = sp.get('orgUnitId') ?? undefined;
  const q = useQuery({
    queryKey: ['dashboard', 'overview', year, orgUnitId],
    queryFn: () => api.get<DashboardOverview>('/api/dashboard/overview', { year, orgUnitId }),
    staleTime: 60_000,
  });
  const set = (key: string, value: string | number | undefined) =>
    setSp((prev) => {
      const next = new URLSearchParams(prev);
      if (value === undefined || value === '') next.delete(key);
      else next.set(key, String(value));
      return next;
    }, { replace: true });
  const o = q.data;
  const from = `${year}-01-01`;
  const to = `${year}-12-31`;
  const scope = (extra: Record<string, string>) => {
    const p = new URLSearchParams(extra);
    if (orgUnitId) p.set('orgUnitId', orgUnitId);
    return p.toString();
  };
  const go = (path: string, extra: Record<string, string>) => navigate(`${path}?${scope(extra)}`);
  /** The statistical returns cover the year or one quarter of it (undefined = the whole year). */
  const [quarter, setQuarter] = useState<number | undefined>();
  const canVolunteers = can('volunteer:read');
  const canCases = can('careCase:read');
  const canActivities = can('activity:read');
  const canLectures = can('lecture:read');
  const canCreations = can('creation:read');
  // The panels below the figures (their cards, skeletons, ECharts' ~600 KB of script and the table) wait until the
  // figures are on screen, the frame after they render: drawn in the same frame they held the figures back (issue 10).
  const panelsOn = useAfterFirstPaint(!!o);

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }} data-testid="dashboard" className="gg-dashboard">
      <Card>
        <Space wrap size={16} style={{ width: '100%', justifyContent: 'space-between' }}>
          <Space wrap size={16}>
            <Typography.Title level={4} style={{ margin: 0 }}>
              {o?.orgUnit ? `${o.orgUnit.name}工作概览` : me?.orgUnit && me.orgUnit.kind !== 'county' && !me.memberUnit ? `${me.orgUnit.name}工作概览` : '全县工作概览'}
            </Typography.Title>
            <Select aria-label="年度" value={year} style={{ width: 120 }} size="large" options={years.map((y) => ({ value: y, label: `${y}年` }))} onChange={(v) => set('year', v)} />
            {o && o.townships.length > 1 && (
              <Select
                aria-label="乡镇（街道）"
                allowClear
                placeholder="全部乡镇（街道）"
                value={orgUnitId}
                style={{ width: 200 }}
                size="large"
                options={o.townships.map((t) => ({ value: t.id, label: t.name }))}
                onChange={(v) => set('orgUnitId', v)}
              />
            )}
          </Space>
          <Space wrap className="gg-no-print">
            {can('report:read') && (
              <Button size="large" icon={<FileWordOutlined />} onClick={() => startTask('/api/reports/yearly/task', { year, orgUnitId })}>
                年度工作总结
              </Button>
            )}
            {can('report:export') && (
              <Space.Compact>
                <Select aria-label="报表期间" size="large" style={{ width: 120 }} value={quarter ?? 0} onChange={(v) => setQuarter(v || undefined)}
                  options={[{ value: 0, label: '全年' }, ...[1, 2, 3, 4].map((q) => ({ value: q, label: `第${'一二三四'[q - 1]}季度` }))]} />
                <Button size="large" icon={<DownloadOutlined />} onClick={() => startTask('/api/reports/returns/task', { year, quarter, orgUnitId })}>
                  统计报表
                </Button>
              </Space.Compact>
            )}
            <Button size="large" onClick={() => window.print()}>打印</Button>
          </Space>
        </Space>
      </Card>

      {!o ? (
        <Skeleton active paragraph={{ rows: 10 }} />
      ) : (
        <>
          <Row gutter={[16, 16]}>
            {o.volunteers && (
              <Col xs={12} lg={6}>
                <Card><ListLink to={`/volunteers?${scope({ status: 'active' })}`} show={canVolunteers}><Statistic title="在册“五老”志愿者（人）" value={fmtCount(o.volunteers.total)} /></ListLink></Card>
              </Col>
            )}
            {o.activities && (
              <Col xs={12} lg={6}>
                <Card><ListLink to={`/activities?${scope({ from, to })}`} show={canActivities}><Statistic title={`${year}年活动（场次）`} value={fmtCount(o.activities.activities)} suffix={<span style={{ fontSize: 14 }}>受众 {fmtCount(o.activities.audience)} 人次</span>} /></ListLink></Card>
              </Col>
            )}
            {o.careCases && (
              <Col xs={12} lg={6}>
                <Card><ListLink to={`/care-cases?${scope({})}`} show={canCases}><Statistic title={`${year}年新建帮扶档案（个）`} value={fmtCount(o.careCases.cases)} /></ListLink></Card>
              </Col>
            )}
            {o.assistance && (
              <Col xs={12} lg={6}>
                <Card><ListLink to={`/care-cases/overview?${scope({ year: String(year) })}`} show={canCases}><Statistic title={`${year}年帮扶资金`} value={fmtMoney(o.assistance.amountFen / 100)} suffix={<span style={{ fontSize: 14 }}>{fmtCount(o.assistance.count)} 笔</span>} /></ListLink></Card>
              </Col>
            )}
          </Row>

          {panelsOn && (
            <Row gutter={[16, 16]}>
              {o.volunteers && (
                <>
                  <Col xs={24} lg={12}>
                    <Panel title="“五老”志愿者：按类别" testId="panel-volunteer-category">
                      <Ring rows={o.volunteers.byCategory} value={(r) => r.count} onPick={canVolunteers ? (k) => go('/volunteers', { category: k }) : undefined} />
                    </Panel>
                  </Col>
                  <Col xs={24} lg={12}>
                    <Panel title="“五老”志愿者：按年龄段" testId="panel-volunteer-age">
                      <Bars rows={o.volunteers.byAgeBand} series={[{ name: '人数', value: (r) => r.count }]} onPick={canVolunteers ? (k) => go('/volunteers', { ageBand: k }) : undefined} />
                    </Panel>
                  </Col>
                </>
              )}
              {o.activities && (
                <>
                  <Col xs={24} lg={12}>
                    <Panel title="活动：按月份" testId="panel-activity-month">
                      <Bars
                        rows={o.activities.byMonth}
                        series={[{ name: '场次', value: (r) => r.activities }, { name: '受众（人次）', value: (r) => r.audience, line: true }]}
                        onPick={canActivities ? (k) => go('/activities', { from: `${k}-01`, to: `${k}-${new Date(Number(k.slice(0, 4)), Number(k.slice(5, 7)), 0).getDate()}` }) : undefined}
                      />
                    </Panel>
                  </Col>
                  <Col xs={24} lg={12}>
                    <Panel title="活动：按类型" testId="panel-activity-type">
                      <Bars horizontal rows={o.activities.byType} series={[{ name: '场次', value: (r) => r.activities }, { name: '受众（人次）', value: (r) => r.audience }]} onPick={canActivities ? (k) => go('/activities', { type: k, from, to }) : undefined} />
                    </Panel>
                  </Col>
                </>
              )}
              {o.careCases && (
                <>
                  <Col xs={24} lg={12}>
                    <Panel title="帮扶对象：按类别" testId="panel-case-category">
                      <Bars rows={o.careCases.byCategory} series={[{ name: '人数', value: (r) => r.count }]} onPick={canCases ? (k) => go('/care-cases', { category: k }) : undefined} />
                    </Panel>
                  </Col>
                  <Col xs={24} lg={12}>
                    <Panel title="帮扶对象：状态与成效" testId="panel-case-status">
                      <Bars rows={[...o.careCases.byStatus, ...o.careCases.outcomes]} series={[{ name: '人数', value: (r) => r.count }]} onPick={canCases ? (k) => (o.careCases!.byStatus.some((s) => s.key === k) ? go('/care-cases', { status: k }) : undefined) : undefined} />
                    </Panel>
                  </Col>
                </>
              )}
              {o.assistance && (
                <>
                  <Col xs={24} lg={12}>
                    <Panel title="帮扶资金：按类型（元）" testId="panel-assistance-kind">
                      <Ring rows={o.assistance.byKind} value={(r) => r.amountFen / 100} format={(v) => fmtMoney(v)} onPick={canCases ? () => go('/care-cases/overview', { year: String(year) }) : undefined} />
                    </Panel>
                  </Col>
                  <Col xs={24} lg={12}>
                    <Panel title="帮扶资金：按来源（元）" testId="panel-assistance-source">
                      <Bars horizontal rows={o.assistance.bySource} series={[{ name: '金额（元）', value: (r) => r.amountFen / 100 }]} onPick={canCases ? () => go('/care-cases/overview', { year: String(year) }) : undefined} />
                    </Panel>
                  </Col>
                </>
              )}
              {o.lectures && (
                <Col xs={24} lg={12}>
                  <Panel title={`菜单式宣讲：预约 ${fmtCount(o.lectures.requests)} 场，已宣讲 ${fmtCount(o.lectures.held)} 场`} testId="panel-lectures">
                    <Bars rows={o.lectures.byStatus} series={[{ name: '场数', value: (r) => r.count }]} onPick={canLectures ? (k) => go('/lecture-requests', { status: k }) : undefined} />
                  </Panel>
                </Col>
              )}
              {o.creations && (
                <Col xs={24} lg={12}>
                  <Card title="创建活动：按乡镇（街道）" data-testid="panel-creations">
                    {o.creations.byTownship.length === 0 ? (
                      <Empty description="暂无创建申报" />
                    ) : (
                      <Suspense fallback={<Skeleton active paragraph={{ rows: 6 }} />}>
                        <CreationsTable rows={o.creations.byTownship} link={(r, v) => <ListLink to={`/creations?orgUnitId=${r.townshipId}`} show={canCreations}>{v}</ListLink>} />
                      </Suspense>
                    )}
                  </Card>
                </Col>
              )}
              {o.targets && o.targets.length > 0 && (
                <Col span={24}>
                  <Panel title="目标完成情况（按责任单位）" testId="panel-targets">
                    <Bars
                      horizontal
                      height={Math.max(220, o.targets.length * 36)}
                      rows={o.targets}
                      series={[{ name: '目标数', value: (r) => r.targets }, { name: '已完成', value: (r) => r.completed }, { name: '逾期', value: (r) => r.overdue }]}
                      onPick={can('target:read') ? () => navigate(`/targets?year=${year}`) : undefined}
                    />
                  </Panel>
                </Col>
              )}
              {o.training && (
                <Col span={24}>
                  <Panel title={`${year}年青少年技能培训：产业用工需求与培训就业 · 培训班 ${fmtCount(o.training.classes)} 期，参训 ${fmtCount(o.training.trainees)} 人，结业 ${fmtCount(o.training.completed)} 人，就业 ${fmtCount(o.training.employed)} 人，创业 ${fmtCount(o.training.business)} 人`} testId="panel-training">
                    <Bars
                      rows={o.training.byIndustry}
                      series={[{ name: '用工需求（人）', value: (r) => r.demand }, { name: '参训（人）', value: (r) => r.trainees }, { name: '本产业就业创业（人）', value: (r) => r.employedInIndustry }]}
                      onPick={can('training:stats') ? () => navigate(`/training/results`) : undefined}
                    />
                  </Panel>
                </Col>
              )}
              {o.volunteers && o.volunteers.byTownship.length > 1 && (
                <Col span={24}>
                  <Panel title="分乡镇（街道）：“五老”志愿者与服务时长 · 点击查看该乡镇" testId="panel-townships">
                    <Bars
                      rows={o.volunteers.byTownship}
                      series={[{ name: '志愿者（人）', value: (r) => r.count }, { name: '服务时长（小时）', value: (r) => r.hours, line: true }]}
                      onPick={(key) => {
                        // Rows are keyed by the township's id ('county' for the county's own nodes).
                        if (o.townships.some((x) => x.id === key)) set('orgUnitId', key);
                      }}
                    />
                  </Panel>
                </Col>
              )}
            </Row>
          )}
          <Typography.Paragraph type="secondary">
            以上均为您数据范围内的汇总数字，不含个人信息；“五老”人数为当前在册数，活动、帮扶档案（按登记日期）和帮扶资金（按发放日期）按所选年度统计。
          </Typography.Paragraph>
        </>
      )}
    </Space>
  );
}

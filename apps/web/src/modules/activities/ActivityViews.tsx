import { useState } from 'react';
import { Badge, Calendar, Card, Col, Empty, Progress, Row, Skeleton, Space, Statistic, Table, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import dayjs, { type Dayjs } from 'dayjs';
import ReactECharts from 'echarts-for-react';
import { activityTypeLabels, type ActivityCalendar, type ActivitySummary } from '@gg/shared';
import { api } from '../../app/api';
import { fmtCount, fmtHours } from '../../app/format';
import { brand } from '../../app/theme';

/** 活动日历: how many activities each day of the month, from /api/activities/calendar. */
export function ActivityCalendarView({ filters, onPickDate }: { filters: Record<string, string | undefined>; onPickDate: (date: string) => void }) {
  const [month, setMonth] = useState<Dayjs>(() => (filters.from ? dayjs(filters.from) : dayjs()));
  const m = month.format('YYYY-MM');
  const { type, orgUnitId, campaignId, baseId, memberUnitId } = filters;
  const q = useQuery({
    queryKey: ['activities', 'calendar', m, type, orgUnitId, campaignId, baseId, memberUnitId],
    queryFn: () => api.get<ActivityCalendar>('/api/activities/calendar', { month: m, type, orgUnitId, campaignId, baseId, memberUnitId }),
  });
  const byDate = new Map((q.data?.days ?? []).map((d) => [d.date, d]));
  const total = (q.data?.days ?? []).reduce((s, d) => s + d.count, 0);
  const audience = (q.data?.days ?? []).reduce((s, d) => s + d.audience, 0);
  return (
    <Card
      title={`${month.format('YYYY年M月')}活动日历`}
      extra={q.data ? <Typography.Text type="secondary">本月共 {fmtCount(total)} 场，受众 {fmtCount(audience)} 人次 · 点击日期查看当天的活动</Typography.Text> : null}
    >
      {q.isLoading ? (
        <Skeleton active paragraph={{ rows: 12 }} />
      ) : (
        <Calendar
          value={month}
          onPanelChange={(d) => setMonth(d)}
          onSelect={(d, info) => {
            setMonth(d);
            if (info.source === 'date') onPickDate(d.format('YYYY-MM-DD'));
          }}
          cellRender={(d, info) => {
            if (info.type !== 'date') return info.originNode;
            const day = byDate.get(d.format('YYYY-MM-DD'));
            if (!day) return null;
            return (
              <div style={{ lineHeight: 1.6 }}>
                <Badge color={brand.red} text={<b>{fmtCount(day.count)} 场</b>} />
                <div style={{ color: '#8c8c8c', fontSize: 13 }}>{fmtCount(day.audience)} 人次</div>
              </div>
            );
          }}
        />
      )}
    </Card>
  );
}

/** 汇总: totals, by type and by month (needs activity:stats). */
export function ActivitySummaryView({ filters }: { filters: Record<string, string | undefined> }) {
  const { from, to, campaignId, orgUnitId } = filters;
  const q = useQuery({
    queryKey: ['activities', 'summary', from, to, campaignId, orgUnitId],
    queryFn: () => api.get<ActivitySummary>('/api/activities/summary', { from, to, campaignId, orgUnitId }),
  });
  const s = q.data;
  if (!s) return <Card><Skeleton active paragraph={{ rows: 8 }} /></Card>;
  if (s.totals.activities === 0) return <Card><Empty description="所选范围内还没有活动记录，可点击“登记活动”录入，或调整查询条件" /></Card>;
  const maxType = Math.max(1, ...s.byType.map((t) => t.activities));
  return (
    <Row gutter={[16, 16]}>
      <Col xs={12} lg={6}><Card><Statistic title="活动场次" value={fmtCount(s.totals.activities)} suffix="场" /></Card></Col>
      <Col xs={12} lg={6}><Card><Statistic title="受众人次" value={fmtCount(s.totals.audience)} suffix="人次" /></Card></Col>
      <Col xs={12} lg={6}><Card><Statistic title="参与志愿者" value={fmtCount(s.totals.volunteers)} suffix="人" /></Card></Col>
      <Col xs={12} lg={6}><Card><Statistic title="志愿服务时长" value={fmtHours(s.totals.volunteerHours)} suffix="小时" /></Card></Col>
      <Col xs={24} lg={10}>
        <Card title="按活动类型">
          <Space orientation="vertical" style={{ width: '100%' }}>
            {s.byType.map((t) => (
              <div key={t.type} style={{ display: 'flex', alignItems: 'center', gap: 12, fontSize: 15 }}>
                <span style={{ width: 110 }}>{activityTypeLabels[t.type]}</span>
                <Progress percent={(t.activities / maxType) * 100} showInfo={false} strokeColor={brand.red} style={{ flex: 1 }} />
                <span style={{ width: 150, textAlign: 'right' }}>
                  {fmtCount(t.activities)} 场 / {fmtCount(t.audience)} 人次
                </span>
              </div>
            ))}
          </Space>
        </Card>
      </Col>
      <Col xs={24} lg={14}>
        <Card title="按月趋势">
          <ReactECharts
            style={{ height: 320 }}
            option={{
              tooltip: { trigger: 'axis' },
              legend: { data: ['活动场次', '受众人次'] },
              grid: { left: 56, right: 56, top: 40, bottom: 32 },
              xAxis: { type: 'category', data: s.byMonth.map((m) => m.month) },
              yAxis: [{ type: 'value', name: '场次' }, { type: 'value', name: '人次' }],
              series: [
                { name: '活动场次', type: 'bar', data: s.byMonth.map((m) => m.activities), itemStyle: { color: brand.red } },
                { name: '受众人次', type: 'line', yAxisIndex: 1, smooth: true, data: s.byMonth.map((m) => m.audience), itemStyle: { color: '#d48806' } },
              ],
            }}
          />
        </Card>
      </Col>
      <Col span={24}>
        <Card title="分月明细">
          <Table
            size="small"
            rowKey="month"
            pagination={false}
            dataSource={[...s.byMonth].reverse()}
            columns={[
              { title: '月份', dataIndex: 'month' },
              { title: '活动场次', dataIndex: 'activities', align: 'right', render: fmtCount },
              { title: '受众人次', dataIndex: 'audience', align: 'right', render: fmtCount },
            ]}
          />
        </Card>
      </Col>
    </Row>
  );
}

import { Card, Col, Empty, Progress, Row, Skeleton, Statistic, Table } from 'antd';
import { useQuery } from '@tanstack/react-query';
import type { VolunteerStats } from '@gg/shared';
import { api } from '../../app/api';
import { fmtCount } from '../../app/format';

function Bars({ rows }: { rows: { key: string; label: string; count: number }[] }) {
  const max = Math.max(1, ...rows.map((r) => r.count));
  if (!rows.length) return <Empty />;
  return (
    <div>
      {rows.map((r) => (
        <div key={r.key} style={{ display: 'flex', alignItems: 'center', gap: 12, fontSize: 16 }}>
          <span style={{ width: 120 }}>{r.label}</span>
          <Progress percent={(r.count / max) * 100} showInfo={false} strokeColor="#c8102e" style={{ flex: 1 }} />
          <span style={{ width: 60, textAlign: 'right' }}>{fmtCount(r.count)}</span>
        </div>
      ))}
    </div>
  );
}

/** 队伍统计: counts by category, age band, township and specialty; active vs inactive; hours (scope-filtered). */
export default function VolunteerStatsPage() {
  const q = useQuery({ queryKey: ['volunteers', 'stats'], queryFn: () => api.get<VolunteerStats>('/api/volunteers/stats') });
  const s = q.data;
  if (!s) return <Skeleton active />;
  return (
    <Row gutter={[16, 16]}>
      <Col xs={12} lg={6}><Card><Statistic title="在册志愿者" value={s.total} /></Card></Col>
      <Col xs={12} lg={6}><Card><Statistic title="在册服务 / 暂停、退出等" value={`${fmtCount(s.active)} / ${fmtCount(s.inactive)}`} /></Card></Col>
      <Col xs={12} lg={6}><Card><Statistic title="累计服务时长（小时）" value={s.hours.total} precision={1} /></Card></Col>
      <Col xs={12} lg={6}><Card><Statistic title={`${s.hours.year}年服务时长（小时）`} value={s.hours.yearHours} precision={1} /></Card></Col>
      <Col xs={24} lg={12}><Card title="按类别"><Bars rows={s.byCategory} /></Card></Col>
      <Col xs={24} lg={12}><Card title="按年龄段"><Bars rows={s.byAgeBand} /></Card></Col>
      <Col xs={24} lg={12}><Card title="按特长"><Bars rows={s.bySpecialty} /></Card></Col>
      <Col xs={24} lg={12}><Card title="队伍"><Bars rows={s.teams} /></Card></Col>
      <Col span={24}>
        <Card title="按乡镇（街道）">
          <Table rowKey="key" dataSource={s.byTownship} pagination={false} size="middle"
            columns={[
              { title: '乡镇（街道）', dataIndex: 'label' },
              { title: '志愿者人数', dataIndex: 'count', align: 'right', render: fmtCount },
              { title: '服务时长（小时）', dataIndex: 'hours', align: 'right', render: (h: number) => h.toFixed(1) },
            ]}
            summary={(rows) => (
              <Table.Summary.Row style={{ fontWeight: 600 }}>
                <Table.Summary.Cell index={0}>合计</Table.Summary.Cell>
                <Table.Summary.Cell index={1} align="right">{fmtCount(rows.reduce((a, r) => a + r.count, 0))}</Table.Summary.Cell>
                <Table.Summary.Cell index={2} align="right">{rows.reduce((a, r) => a + r.hours, 0).toFixed(1)}</Table.Summary.Cell>
              </Table.Summary.Row>
            )} />
        </Card>
      </Col>
    </Row>
  );
}

import { useEffect, useState } from 'react';
import { Button, Card, Col, Empty, InputNumber, Progress, Row, Skeleton, Space, Statistic, Table, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { volunteerSettings, type VolunteerSettings, type VolunteerStats } from '@gg/shared';
import { api } from '../../app/api';
import { useAuth } from '../../app/auth';
import { showSuccess } from '../../app/feedback';
import { fmtCount } from '../../app/format';
import { onMutationError } from '../../components/mutation';

/** 星级标准: the cumulative hours for one to five stars; checked with the server's schema as you type. */
function StarStandardCard() {
  const { can } = useAuth();
  const client = useQueryClient();
  const q = useQuery({ queryKey: ['volunteers', 'settings'], queryFn: () => api.get<VolunteerSettings>('/api/volunteers/settings') });
  const [hours, setHours] = useState<(number | null)[]>([]);
  useEffect(() => {
    if (q.data) setHours(q.data.starHours);
  }, [q.data]);
  const save = useMutation({
    mutationFn: (value: VolunteerSettings) => api.put<VolunteerSettings>('/api/volunteers/settings', value),
    onSuccess: () => {
      showSuccess('星级标准已保存');
      void client.invalidateQueries({ queryKey: ['volunteers'] });
    },
    onError: onMutationError,
  });
  if (!q.data) return <Card title="志愿服务星级标准"><Skeleton active /></Card>;
  const editable = can('volunteer:settings');
  const checked = volunteerSettings.safeParse({ starHours: hours.filter((h) => h !== null) });
  const problem = checked.success ? null : checked.error.issues[0]?.message;
  return (
    <Card title="志愿服务星级标准（累计服务小时数）">
      <Space wrap size="large" align="start">
        {['一星', '二星', '三星', '四星', '五星'].map((label, i) => (
          <label key={label} style={{ fontSize: 16 }}>
            <div>{label}</div>
            <InputNumber aria-label={`${label}所需小时数`} size="large" min={1} precision={0} disabled={!editable} value={hours[i]} suffix="小时"
              onChange={(v) => setHours((h) => h.map((x, j) => (j === i ? v : x)))} />
          </label>
        ))}
      </Space>
      {problem && <Typography.Text type="danger" role="alert" style={{ display: 'block', marginTop: 8 }}>{problem}</Typography.Text>}
      {editable && (
        <Button type="primary" size="large" style={{ marginTop: 12 }} disabled={!checked.success} loading={save.isPending}
          onClick={() => checked.success && save.mutate(checked.data)}>保存星级标准</Button>
      )}
    </Card>
  );
}

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
      <Col span={24}><StarStandardCard /></Col>
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

import { useState } from 'react';
import { Link } from 'react-router';
import { Card, Col, Row, Select, Space, Statistic, Table, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { trainingClassStatusLabels, trainingIndustryLabels, type TrainingResults } from '@gg/shared';
import { api } from '../../app/api';
import { useAuth } from '../../app/auth';
import { DownloadButton } from '../../components/DownloadButton';
import { OrgTreeSelect } from '../../components/OrgTreeSelect';
import { classStatusColor, industryOptions, yearOptions } from './options';

type Counts = TrainingResults['total'];
const pct = (a: number, b: number) => (b ? `${Math.round((a * 100) / b)}%` : '—');
const countColumns = [
  { title: '参训', dataIndex: 'trainees', align: 'right' as const },
  { title: '结业', dataIndex: 'completed', align: 'right' as const },
  { title: '已回访', dataIndex: 'followedUp', align: 'right' as const },
  { title: '就业', dataIndex: 'employed', align: 'right' as const },
  { title: '创业', dataIndex: 'business', align: 'right' as const },
  { title: '求职中', dataIndex: 'seeking', align: 'right' as const },
  { title: '上学', dataIndex: 'school', align: 'right' as const },
  { title: '本产业就业创业', dataIndex: 'employedInIndustry', align: 'right' as const },
];

/** 培训成效: who finished, who found work or started a business, and whether it matched the industries' stated needs. */
export default function TrainingResultsPage() {
  const { can } = useAuth();
  const [year, setYear] = useState<string | undefined>(String(new Date().getFullYear() - 1));
  const [industry, setIndustry] = useState<string | undefined>();
  const [orgUnitId, setOrgUnitId] = useState<string | undefined>();
  const query = { year, industry, orgUnitId };
  const q = useQuery({ queryKey: ['training-results', query], queryFn: () => api.get<TrainingResults>('/api/training/results', query) });
  const t = q.data?.total;
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card size="small">
        <Space wrap>
          <span>年度</span><Select allowClear placeholder="全部年度" style={{ width: 140 }} value={year} onChange={setYear} options={yearOptions} aria-label="年度" />
          <span>产业</span><Select allowClear placeholder="全部产业" style={{ width: 180 }} value={industry} onChange={setIndustry} options={industryOptions} aria-label="产业" />
          <span>组织</span><div style={{ width: 240 }}><OrgTreeSelect value={orgUnitId} onChange={(v) => setOrgUnitId(v as string | undefined)} placeholder="全县" /></div>
          {can('training:stats') && <DownloadButton url="/api/training/results/export" query={query} />}
        </Space>
      </Card>
      <Row gutter={[16, 16]}>
        {([['培训班', t?.classes, '个'], ['参训', t?.trainees, '人'], ['结业', t?.completed, '人'], ['就业', t?.employed, '人'], ['创业', t?.business, '人'], ['本产业就业创业', t?.employedInIndustry, '人']] as const).map(([label, value, unit]) => (
          <Col key={label} xs={12} md={8} xl={4}><Card size="small" loading={q.isLoading}><Statistic title={label} value={value ?? 0} suffix={unit} /></Card></Col>
        ))}
      </Row>
      <Card title="产业需求与培训就业对比">
        <Table rowKey="industry" size="middle" pagination={false} loading={q.isLoading} dataSource={q.data?.byIndustry ?? []}
          columns={[
            { title: '产业', dataIndex: 'label' },
            { title: '用工需求（人）', dataIndex: 'demand', align: 'right' },
            { title: '培训班', dataIndex: 'classes', align: 'right' },
            ...countColumns,
            { title: '满足需求', key: 'match', align: 'right', render: (_: unknown, r: Counts & { demand: number }) => pct(r.employedInIndustry, r.demand) },
          ]} />
        <Typography.Text type="secondary">以每位学员最近一次回访为准；“本产业就业创业”指在培训班所属产业就业或创业；“满足需求”= 本产业就业创业 ÷ 用工需求。</Typography.Text>
      </Card>
      <Card title="按年度">
        <Table rowKey="year" size="middle" pagination={false} loading={q.isLoading} dataSource={q.data?.byYear ?? []} columns={[{ title: '年度', dataIndex: 'year' }, { title: '培训班', dataIndex: 'classes', align: 'right' }, ...countColumns]} />
      </Card>
      <Card title="按培训班">
        <Table rowKey="classId" size="middle" loading={q.isLoading} dataSource={q.data?.byClass ?? []}
          columns={[
            { title: '培训班', dataIndex: 'title', render: (v: string, r: TrainingResults['byClass'][number]) => <Link to={`/training/classes/${r.classId}`}>{v}</Link> },
            { title: '产业', dataIndex: 'industry', render: (i: TrainingResults['byClass'][number]['industry']) => trainingIndustryLabels[i] },
            { title: '开班', dataIndex: 'startDate' },
            { title: '状态', dataIndex: 'status', render: (s: TrainingResults['byClass'][number]['status']) => <Tag color={classStatusColor[s]}>{trainingClassStatusLabels[s]}</Tag> },
            ...countColumns,
          ]} />
      </Card>
    </Space>
  );
}

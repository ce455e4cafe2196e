import { Card, Select, Space, Statistic, Table, Tag, Row, Col } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import type { AssistanceSummary, CareCaseAlert, Outcomes } from '@gg/shared';
import { useAuth } from '../../app/auth';
import { api, type Page } from '../../app/api';
import { fmtCount, fmtDate, fmtMoney } from '../../app/format';
import { useListQuery } from '../../components/useListQuery';
import { yuan } from './options';

/** 帮扶提醒与成效: pairs with no contact for N days, the assistance ledger's totals and the outcomes. */
export default function CareAlertsPage() {
  const { can } = useAuth();
  const list = useListQuery<CareCaseAlert & { id: string }>({ key: 'care-case-alerts', url: '/api/care-cases/alerts', filters: ['level'], enabled: can('careCase:read') });
  const summary = useQuery({ queryKey: ['care-cases', 'summary'], enabled: can('careCase:stats'), queryFn: () => api.get<AssistanceSummary>('/api/care-cases/assistance/summary') });
  const outcomes = useQuery({ queryKey: ['care-cases', 'outcomes'], enabled: can('careCase:stats'), queryFn: () => api.get<Outcomes>('/api/care-cases/outcomes') });
  const o = outcomes.data;
  type Row = CareCaseAlert & { id: string };
  const data: Row[] = ((list.query.data as Page<CareCaseAlert> | undefined)?.items ?? []).map((a) => ({ ...a, id: a.mentorshipId }));
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      {o && (
        <Card title="帮扶成效">
          <Row gutter={16}>
            <Col span={4}><Statistic title="帮扶对象" value={o.cases} /></Col>
            <Col span={4}><Statistic title="帮扶中" value={o.open} /></Col>
            <Col span={4}><Statistic title="重返校园" value={o.backInSchool} suffix={`/ ${o.dropoutCases}`} /></Col>
            <Col span={4}><Statistic title="实现就业" value={o.employed} suffix={`/ ${o.unemployedCases}`} /></Col>
            <Col span={4}><Statistic title="12个月未再犯" value={o.noReoffending12m} suffix={`/ ${o.offenderCasesFollowed12m}`} /></Col>
            <Col span={4}><Statistic title="月均联系次数" value={o.contactsPerMonth ?? '—'} /></Col>
          </Row>
        </Card>
      )}
      {summary.data && (
        <Card title={`帮扶资金物资（合计 ${fmtMoney(yuan(summary.data.total.amountFen))}，${fmtCount(summary.data.total.count)} 笔，${fmtCount(summary.data.total.cases)} 人）`}>
          <Row gutter={16}>
            {(['byKind', 'bySource', 'byTownship', 'byYear'] as const).map((k) => (
              <Col span={6} key={k}>
                <Table size="small" rowKey="key" pagination={false} dataSource={summary.data[k]} title={() => ({ byKind: '按类型', bySource: '按资金来源', byTownship: '按乡镇', byYear: '按年度' })[k]}
                  columns={[{ title: '项目', dataIndex: 'label' }, { title: '金额', dataIndex: 'amountFen', align: 'right', render: (v: number) => fmtMoney(yuan(v)) }]} />
              </Col>
            ))}
          </Row>
        </Card>
      )}
      {can('careCase:read') && (
        <Card title="结对帮扶未联系提醒" extra={<Select allowClear placeholder="全部级别" style={{ width: 160 }} value={list.filters.level} onChange={(v) => list.setFilters({ level: v })} options={[{ value: 'warn', label: '提醒' }, { value: 'overdue', label: '逾期' }]} />}>
          <Table<Row> {...list.tableProps} dataSource={data} columns={[
            { title: '帮扶对象', dataIndex: 'caseName', render: (v: string, r: Row) => <Link to={`/care-cases?case=${r.caseId}`}>{v}</Link> },
            { title: '归口单位', dataIndex: 'orgUnitName' },
            { title: '帮扶人', dataIndex: 'volunteerName' },
            { title: '最近联系', dataIndex: 'lastContactOn', render: fmtDate },
            { title: '未联系天数', dataIndex: 'daysSince', align: 'right' },
            { title: '级别', dataIndex: 'level', render: (l: string) => (l === 'overdue' ? <Tag color="red">逾期</Tag> : <Tag color="orange">提醒</Tag>) },
          ]} />
        </Card>
      )}
    </Space>
  );
}

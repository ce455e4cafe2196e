import { useState } from 'react';
import { Button, Card, Col, Descriptions, Form, InputNumber, Modal, Row, Select, Space, Statistic, Table, Tag } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router';
import { careCaseSettings, type AssistanceSummary, type CareCaseAlert, type CareCaseSettings, type Outcomes } from '@gg/shared';
import { showSuccess } from '../../app/feedback';
import { useSchemaForm } from '../../components/schemaForm';
import { useAuth } from '../../app/auth';
import { api, type Page } from '../../app/api';
import { fmtCount, fmtDate, fmtMoney } from '../../app/format';
import { useListQuery } from '../../components/useListQuery';
import { yuan } from './options';

/** 提醒与保存年限设置: no-contact alert days and the retention period (years after closure before anonymisation). */
function SettingsCard({ canEdit }: { canEdit: boolean }) {
  const qc = useQueryClient();
  const q = useQuery({ queryKey: ['care-cases', 'settings'], queryFn: () => api.get<CareCaseSettings>('/api/care-cases/settings') });
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const sf = useSchemaForm(careCaseSettings as never);
  const v = q.data;
  return (
    <Card title="提醒与保存年限设置" extra={canEdit && v && <Button onClick={() => { sf.form.setFieldsValue(v); setOpen(true); }}>修改</Button>}>
      {v && (
        <Descriptions size="small" column={3} items={[
          { label: '未联系提醒', children: `${v.warnDays} 天` },
          { label: '未联系逾期', children: `${v.overdueDays} 天` },
          { label: '档案保存年限', children: `结案后 ${v.retentionYears ?? 5} 年自动匿名化` },
        ]} />
      )}
      <Modal open={open} title="提醒与保存年限设置" okText="保存" cancelText="取消" confirmLoading={busy} onCancel={() => setOpen(false)} destroyOnHidden
        onOk={async () => {
          const values = await sf.submitValues();
          if (!values) return;
          setBusy(true);
          try {
            await api.put('/api/care-cases/settings', values);
            showSuccess('已保存');
            setOpen(false);
            await qc.invalidateQueries({ queryKey: ['care-cases'] });
          } catch (err) {
            sf.applyServerError(err);
          } finally {
            setBusy(false);
          }
        }}>
        <Form form={sf.form} layout="vertical" preserve={false}>
          <Form.Item {...sf.item('warnDays')} label="未联系多少天提醒（天）"><InputNumber min={1} max={365} style={{ width: '100%' }} /></Form.Item>
          <Form.Item {...sf.item('overdueDays')} label="未联系多少天算逾期（天）"><InputNumber min={1} max={365} style={{ width: '100%' }} /></Form.Item>
          <Form.Item {...sf.item('retentionYears')} label="档案保存年限（结案后年数）" extra="已结案档案满此年限后，系统每日自动匿名化：清除姓名、身份证号、联系方式、住址和记录内容，保留统计信息。">
            <InputNumber min={1} max={30} style={{ width: '100%' }} />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}

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
      {can('careCase:read') && <SettingsCard canEdit={can('careCase:approveClosure')} />}
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

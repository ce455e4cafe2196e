import { useState } from 'react';
import { Button, Card, Col, Descriptions, Drawer, Empty, Form, Input, InputNumber, Row, Select, Space, Statistic, Table, type TableProps } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { venueCreate, venueTypeLabels, type Venue, type VenueDetail } from '@gg/shared';
import { api } from '../../app/api';
import { useAuth } from '../../app/auth';
import { showSuccess } from '../../app/feedback';
import { dash } from '../../app/format';
import { DownloadButton } from '../../components/DownloadButton';
import { ListPage } from '../../components/ListPage';
import { onMutationError } from '../../components/mutation';
import { useActivityOptions } from '../targets/shared';
import { OrgTreeSelect } from '../../components/OrgTreeSelect';
import { useSchemaForm } from '../../components/schemaForm';
import { useListQuery } from '../../components/useListQuery';

/** 阵地: activity rooms, after-school tutoring stations and care stations, with how often activities use them. */
export default function VenuesPage() {
  const { can } = useAuth();
  const qc = useQueryClient();
  const list = useListQuery<Venue>({ key: 'venues', url: '/api/venues', filters: ['type'], defaultSort: 'name' });
  const [adding, setAdding] = useState(false);
  const [open, setOpen] = useState<string | null>(null);
  const columns: TableProps<Venue>['columns'] = [
    { title: '阵地名称', dataIndex: 'name', key: 'name', sorter: true, sortOrder: list.sortOrderOf('name'), render: (v: string, r) => <a onClick={() => setOpen(r.id)}>{v}</a> },
    { title: '类型', dataIndex: 'type', render: (t: Venue['type']) => venueTypeLabels[t] },
    { title: '所属组织', dataIndex: 'orgUnitName' },
    { title: '地址', dataIndex: 'address', render: dash },
    { title: '面积（㎡）', dataIndex: 'areaSqm', align: 'right', render: (v: number | null) => v ?? '—' },
    { title: '开放时间', dataIndex: 'openingHours', render: dash },
    { title: '使用次数', dataIndex: 'useCount', align: 'right' },
  ];
  return (
    <>
      <ListPage<Venue>
        list={list}
        fields={[
          { name: 'q', label: '阵地名称', node: <Input allowClear maxLength={50} /> },
          { name: 'type', label: '类型', node: <Select allowClear placeholder="全部" options={Object.entries(venueTypeLabels).map(([value, label]) => ({ value, label }))} /> },
        ]}
        title="阵地"
        toolbar={
          <>
            {can('resource:manage') && <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)}>登记阵地</Button>}
            {can('resource:export') && <DownloadButton url="/api/venues/export" query={{ q: list.filters.q, type: list.filters.type }} />}
          </>
        }
        columns={columns}
        emptyText="暂无阵地，可登记关工活动室、校外辅导站、关爱服务站"
      />
      <Drawer open={Boolean(open)} onClose={() => setOpen(null)} size={720} destroyOnHidden title="阵地使用情况">
        {open && <VenueView id={open} onChanged={() => qc.invalidateQueries({ queryKey: ['venues'] })} />}
      </Drawer>
      <Drawer open={adding} onClose={() => setAdding(false)} size={560} destroyOnHidden title="登记阵地">
        {adding && <VenueForm onSaved={async () => { setAdding(false); await qc.invalidateQueries({ queryKey: ['venues'] }); }} />}
      </Drawer>
    </>
  );
}

/** A venue's details, its use by activities (newest first) and how often it was used each year. */
function VenueView({ id, onChanged }: { id: string; onChanged: () => Promise<void> }) {
  const qc = useQueryClient();
  const q = useQuery({ queryKey: ['venues', 'detail', id], queryFn: () => api.get<VenueDetail>(`/api/venues/${id}`) });
  const activities = useActivityOptions();
  const [activityId, setActivityId] = useState<string>();
  const v = q.data;
  if (!v) return null;
  const byYear = [...v.uses.reduce((m, u) => m.set(u.date.slice(0, 4), (m.get(u.date.slice(0, 4)) ?? 0) + 1), new Map<string, number>()).entries()].sort((a, b) => b[0].localeCompare(a[0]));
  const thisYearCount = byYear.find(([y]) => y === String(new Date().getFullYear()))?.[1] ?? 0;
  const used = new Set(v.uses.map((u) => u.id));
  const record = async () => {
    if (!activityId) return;
    try {
      await api.post(`/api/venues/${id}/uses`, { activityId });
      showSuccess('已登记阵地使用');
      setActivityId(undefined);
      await qc.invalidateQueries({ queryKey: ['venues', 'detail', id] });
      await onChanged();
    } catch (err) {
      onMutationError(err);
    }
  };
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Descriptions size="small" column={2} bordered title={v.name}>
        <Descriptions.Item label="类型">{venueTypeLabels[v.type]}</Descriptions.Item>
        <Descriptions.Item label="所属组织">{v.orgUnitName}</Descriptions.Item>
        <Descriptions.Item label="地址" span={2}>{dash(v.address)}</Descriptions.Item>
        <Descriptions.Item label="面积">{v.areaSqm === null ? '—' : `${v.areaSqm}㎡`}</Descriptions.Item>
        <Descriptions.Item label="开放时间">{dash(v.openingHours)}</Descriptions.Item>
        <Descriptions.Item label="设施" span={2}>{dash(v.facilities)}</Descriptions.Item>
      </Descriptions>
      <Row gutter={16}>
        <Col span={8}><Card size="small"><Statistic title="累计使用（次）" value={v.useCount} /></Card></Col>
        <Col span={8}><Card size="small"><Statistic title="今年使用（次）" value={thisYearCount} /></Card></Col>
        <Col span={8}><Card size="small"><Statistic title="最近一次" value={v.uses[0]?.date ?? '—'} /></Card></Col>
      </Row>
      {byYear.length > 0 && (
        <Table size="small" rowKey={(r) => r[0]} pagination={false} dataSource={byYear} columns={[{ title: '年度', key: 'y', render: (_, r) => `${r[0]}年` }, { title: '使用次数', key: 'n', align: 'right', render: (_, r) => r[1] }]} />
      )}
      {v.actions.includes('update') && (
        <Space.Compact style={{ width: '100%' }}>
          <Select aria-label="在此开展的活动" style={{ width: '100%' }} showSearch optionFilterProp="label" placeholder="选择在此阵地开展的活动" value={activityId} onChange={setActivityId} options={activities.filter((a) => !used.has(a.value))} />
          <Button type="primary" disabled={!activityId} onClick={record}>登记使用</Button>
        </Space.Compact>
      )}
      <Card size="small" title="使用记录">
        {v.uses.length ? (
          <Table size="small" rowKey="id" dataSource={v.uses} pagination={{ pageSize: 10 }} columns={[{ title: '日期', dataIndex: 'date', width: 120 }, { title: '活动', dataIndex: 'title' }]} />
        ) : (
          <Empty description="暂无使用记录" />
        )}
      </Card>
    </Space>
  );
}

function VenueForm({ onSaved }: { onSaved: () => void }) {
  const sf = useSchemaForm(venueCreate);
  const submit = async () => {
    const values = await sf.submitValues();
    if (!values) return;
    try {
      await api.post('/api/venues', values);
      showSuccess('已登记阵地');
      onSaved();
    } catch (err) {
      sf.applyServerError(err);
    }
  };
  return (
    <Form form={sf.form} layout="vertical" onFinish={submit} name="venue" initialValues={{ type: 'room' }}>
      <Form.Item label="所属组织" {...sf.item('orgUnitId')}><OrgTreeSelect /></Form.Item>
      <Form.Item label="阵地名称" {...sf.item('name')}><Input maxLength={100} /></Form.Item>
      <Form.Item label="类型" {...sf.item('type')}><Select options={Object.entries(venueTypeLabels).map(([value, label]) => ({ value, label }))} /></Form.Item>
      <Form.Item label="地址" {...sf.item('address')}><Input maxLength={200} /></Form.Item>
      <Form.Item label="面积（㎡）" {...sf.item('areaSqm')}><InputNumber min={0} precision={0} /></Form.Item>
      <Form.Item label="设施" {...sf.item('facilities')}><Input.TextArea rows={2} /></Form.Item>
      <Form.Item label="开放时间" {...sf.item('openingHours')}><Input maxLength={100} /></Form.Item>
      <Button type="primary" htmlType="submit">保存</Button>
    </Form>
  );
}

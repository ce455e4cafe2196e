import { useState } from 'react';
import { Button, Drawer, Form, Input, InputNumber, Select, type TableProps } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { venueCreate, venueTypeLabels, type Venue } from '@gg/shared';
import { api } from '../../app/api';
import { useAuth } from '../../app/auth';
import { showSuccess } from '../../app/feedback';
import { dash } from '../../app/format';
import { ListPage } from '../../components/ListPage';
import { OrgTreeSelect } from '../../components/OrgTreeSelect';
import { useSchemaForm } from '../../components/schemaForm';
import { useListQuery } from '../../components/useListQuery';

/** 阵地: activity rooms, after-school tutoring stations and care stations, with how often activities use them. */
export default function VenuesPage() {
  const { can } = useAuth();
  const qc = useQueryClient();
  const list = useListQuery<Venue>({ key: 'venues', url: '/api/venues', filters: ['type'], defaultSort: 'name' });
  const [adding, setAdding] = useState(false);
  const columns: TableProps<Venue>['columns'] = [
    { title: '阵地名称', dataIndex: 'name', key: 'name', sorter: true, sortOrder: list.sortOrderOf('name') },
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
        toolbar={can('resource:manage') && <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)}>登记阵地</Button>}
        columns={columns}
        emptyText="暂无阵地，可登记关工活动室、校外辅导站、关爱服务站"
      />
      <Drawer open={adding} onClose={() => setAdding(false)} size={560} destroyOnHidden title="登记阵地">
        {adding && <VenueForm onSaved={async () => { setAdding(false); await qc.invalidateQueries({ queryKey: ['venues'] }); }} />}
      </Drawer>
    </>
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

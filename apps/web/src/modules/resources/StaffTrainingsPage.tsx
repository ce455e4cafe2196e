import { useState } from 'react';
import { Button, Drawer, Form, Input, InputNumber, Popconfirm, Radio, Select, type TableProps } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { staffTrainingCreate, type StaffTraining } from '@gg/shared';
import { api } from '../../app/api';
import { useAuth } from '../../app/auth';
import { showSuccess } from '../../app/feedback';
import { dash } from '../../app/format';
import { DateInput } from '../../components/DateInput';
import { DownloadButton } from '../../components/DownloadButton';
import { ListPage } from '../../components/ListPage';
import { onMutationError } from '../../components/mutation';
import { useMemberUnitOptions } from '../../components/options';
import { OrgTreeSelect } from '../../components/OrgTreeSelect';
import { useSchemaForm } from '../../components/schemaForm';
import { useListQuery } from '../../components/useListQuery';
import { yearOptions } from '../targets/shared';

/** 干部培训: training records for committee staff (为关工委干部“充电赋能”). */
export default function StaffTrainingsPage() {
  const { can } = useAuth();
  const qc = useQueryClient();
  const list = useListQuery<StaffTraining>({ key: 'staff-trainings', url: '/api/staff-trainings', filters: ['year', 'orgUnitId'], defaultSort: '-trainingDate' });
  const [adding, setAdding] = useState(false);
  const remove = async (r: StaffTraining) => {
    try {
      await api.delete(`/api/staff-trainings/${r.id}`);
      showSuccess('已删除');
      await qc.invalidateQueries({ queryKey: ['staff-trainings'] });
    } catch (err) {
      onMutationError(err);
    }
  };
  const columns: TableProps<StaffTraining>['columns'] = [
    { title: '日期', dataIndex: 'trainingDate', key: 'trainingDate', sorter: true, sortOrder: list.sortOrderOf('trainingDate'), width: 110 },
    { title: '单位', dataIndex: 'ownerName', width: 160 },
    { title: '培训名称', dataIndex: 'title', key: 'title', sorter: true, sortOrder: list.sortOrderOf('title') },
    { title: '主办', dataIndex: 'organizer', render: dash },
    { title: '参训人数', dataIndex: 'trainees', align: 'right', width: 90 },
    { title: '学时', dataIndex: 'hours', align: 'right', width: 70 },
    { title: '培训内容', dataIndex: 'content', ellipsis: true, render: dash },
    { title: '操作', key: 'a', width: 70, render: (_, r) => (r.actions.includes('delete') ? <Popconfirm title="删除这条培训记录？" onConfirm={() => remove(r)}><Button type="link" size="small" danger>删除</Button></Popconfirm> : null) },
  ];
  return (
    <>
      <ListPage<StaffTraining>
        list={list}
        fields={[
          { name: 'q', label: '培训名称', node: <Input allowClear maxLength={50} /> },
          { name: 'year', label: '年度', node: <Select allowClear placeholder="全部" options={yearOptions} /> },
          { name: 'orgUnitId', label: '组织', node: <OrgTreeSelect allowClear placeholder="全部" /> },
        ]}
        title="干部培训（充电赋能）"
        toolbar={
          <>
            {can('resource:manage') && <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)}>登记培训</Button>}
            {can('resource:export') && <DownloadButton url="/api/staff-trainings/export" query={{ q: list.filters.q, year: list.filters.year, orgUnitId: list.filters.orgUnitId }} />}
          </>
        }
        columns={columns}
        emptyText="暂无干部培训记录"
      />
      <Drawer open={adding} onClose={() => setAdding(false)} size={560} destroyOnHidden title="登记干部培训">
        {adding && <TrainingForm onSaved={async () => { setAdding(false); await qc.invalidateQueries({ queryKey: ['staff-trainings'] }); }} />}
      </Drawer>
    </>
  );
}

function TrainingForm({ onSaved }: { onSaved: () => void }) {
  const sf = useSchemaForm(staffTrainingCreate);
  const [ownerKind, setOwnerKind] = useState<'org' | 'unit'>('org');
  const units = useMemberUnitOptions();
  const submit = async () => {
    const values = await sf.submitValues();
    if (!values) return;
    try {
      await api.post('/api/staff-trainings', values);
      showSuccess('已登记干部培训');
      onSaved();
    } catch (err) {
      sf.applyServerError(err);
    }
  };
  return (
    <Form form={sf.form} layout="vertical" onFinish={submit} name="staffTraining" initialValues={{ trainees: 20, hours: 4 }}>
      <Form.Item label="培训单位">
        <Radio.Group value={ownerKind} onChange={(e) => { setOwnerKind(e.target.value); sf.form.setFieldsValue({ orgUnitId: undefined, memberUnitId: undefined }); }} options={[{ value: 'org', label: '关工委组织' }, ...(units.options.length ? [{ value: 'unit', label: '成员单位' }] : [])]} />
      </Form.Item>
      {ownerKind === 'org' ? (
        <Form.Item label="组织" {...sf.item('orgUnitId')}><OrgTreeSelect /></Form.Item>
      ) : (
        <Form.Item label="成员单位" {...sf.item('memberUnitId')}><Select showSearch optionFilterProp="label" options={units.options} /></Form.Item>
      )}
      <Form.Item label="培训名称" {...sf.item('title')}><Input maxLength={100} /></Form.Item>
      <Form.Item label="培训日期" {...sf.item('trainingDate')}><DateInput /></Form.Item>
      <Form.Item label="主办单位" {...sf.item('organizer')}><Input maxLength={100} /></Form.Item>
      <Form.Item label="参训人数" {...sf.item('trainees')}><InputNumber min={1} precision={0} /></Form.Item>
      <Form.Item label="学时" {...sf.item('hours')}><InputNumber min={1} precision={0} /></Form.Item>
      <Form.Item label="培训内容" {...sf.item('content')}><Input.TextArea rows={3} /></Form.Item>
      <Button type="primary" htmlType="submit">保存</Button>
    </Form>
  );
}

import { useEffect, useState } from 'react';
import { Button, Col, Drawer, Form, Input, InputNumber, Row, Select, Space, type TableProps } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { trainingDemandCreate, trainingDemandUpdate, trainingIndustryLabels, type TrainingDemand } from '@gg/shared';
import { api } from '../../app/api';
import { useAuth } from '../../app/auth';
import { showSuccess } from '../../app/feedback';
import { dash, fmtCount } from '../../app/format';
import { ActionButtons } from '../../components/ActionButtons';
import { ListPage } from '../../components/ListPage';
import { useMemberUnitOptions } from '../../components/options';
import { useSchemaForm } from '../../components/schemaForm';
import { useListQuery } from '../../components/useListQuery';
import { industryOptions, yearOptions } from './options';

const filters = ['year', 'industry'] as const;

/** 产业用工需求: the county's key industries and the labour they need (skill, headcount, period, stated by which unit). */
export default function TrainingDemandsPage() {
  const { can } = useAuth();
  const qc = useQueryClient();
  const list = useListQuery<TrainingDemand>({ key: 'training-demands', url: '/api/training/demands', filters, defaultSort: '-year' });
  const [editing, setEditing] = useState<TrainingDemand | 'new' | null>(null);
  const columns: TableProps<TrainingDemand>['columns'] = [
    { title: '年度', dataIndex: 'year', key: 'year', sorter: true, sortOrder: list.sortOrderOf('year') },
    { title: '产业', dataIndex: 'industry', key: 'industry', sorter: true, sortOrder: list.sortOrderOf('industry'), render: (i: TrainingDemand['industry']) => trainingIndustryLabels[i] },
    { title: '技能工种', dataIndex: 'skill' },
    { title: '用工人数', dataIndex: 'headcount', key: 'headcount', sorter: true, sortOrder: list.sortOrderOf('headcount'), align: 'right', render: fmtCount },
    { title: '用工时段', dataIndex: 'period', render: dash },
    { title: '提出单位', dataIndex: 'memberUnitName', render: dash },
    { title: '用工企业', dataIndex: 'employer', render: dash },
    { title: '操作', key: 'actions', render: (_, r) => <ActionButtons actions={r.actions} specs={{ update: { label: '编辑', onClick: () => setEditing(r) } }} /> },
  ];
  return (
    <>
      <ListPage<TrainingDemand>
        list={list}
        fields={[
          { name: 'q', label: '关键词', node: <Input allowClear placeholder="技能工种或企业" maxLength={50} /> },
          { name: 'year', label: '年度', node: <Select allowClear placeholder="全部" options={yearOptions} /> },
          { name: 'industry', label: '产业', node: <Select allowClear placeholder="全部" options={industryOptions} /> },
        ]}
        title={`重点产业用工需求${list.query.data ? `（${fmtCount(list.query.data.total)}）` : ''}`}
        toolbar={can('training:demand') && <Button type="primary" size="large" icon={<PlusOutlined />} onClick={() => setEditing('new')}>登记用工需求</Button>}
        columns={columns}
      />
      <Drawer open={Boolean(editing)} onClose={() => setEditing(null)} size={560} destroyOnHidden title={editing === 'new' ? '登记产业用工需求' : '编辑产业用工需求'}>
        {editing && <DemandForm demand={editing === 'new' ? null : editing} onClose={() => setEditing(null)} onSaved={async () => { setEditing(null); await qc.invalidateQueries({ queryKey: ['training-demands'] }); }} />}
      </Drawer>
    </>
  );
}

function DemandForm({ demand, onClose, onSaved }: { demand: TrainingDemand | null; onClose: () => void; onSaved: () => void }) {
  const sf = useSchemaForm(demand ? trainingDemandUpdate : trainingDemandCreate);
  const units = useMemberUnitOptions();
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (demand) sf.form.setFieldsValue({ industry: demand.industry, skill: demand.skill, headcount: demand.headcount, year: demand.year, period: demand.period ?? '', memberUnitId: demand.memberUnitId ?? undefined, employer: demand.employer ?? '', note: demand.note ?? '' });
    else sf.form.setFieldsValue({ year: new Date().getFullYear() });
  }, [sf.form, demand]);
  const submit = async () => {
    const values = await sf.submitValues();
    if (!values) return;
    setBusy(true);
    try {
      if (demand) await api.patch(`/api/training/demands/${demand.id}`, values);
      else await api.post('/api/training/demands', values);
      showSuccess('已保存');
      onSaved();
    } catch (err) {
      sf.applyServerError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Form form={sf.form} layout="vertical" onFinish={submit} name="demand" size="large">
      <Row gutter={16}>
        <Col span={12}><Form.Item label="产业" {...sf.item('industry')}><Select options={industryOptions} /></Form.Item></Col>
        <Col span={12}><Form.Item label="年度" {...sf.item('year')}><InputNumber min={2000} max={2100} style={{ width: '100%' }} /></Form.Item></Col>
        <Col span={12}><Form.Item label="技能工种" {...sf.item('skill')}><Input maxLength={100} /></Form.Item></Col>
        <Col span={12}><Form.Item label="用工人数" {...sf.item('headcount')}><InputNumber min={1} style={{ width: '100%' }} /></Form.Item></Col>
        <Col span={12}><Form.Item label="用工时段" {...sf.item('period')}><Input maxLength={50} placeholder="如：全年、春季用工高峰" /></Form.Item></Col>
        <Col span={12}><Form.Item label="提出单位" {...sf.item('memberUnitId')}><Select allowClear options={units.options} showSearch optionFilterProp="label" placeholder="人社局、农业农村局等" /></Form.Item></Col>
        <Col span={24}><Form.Item label="用工企业" {...sf.item('employer')}><Input maxLength={100} /></Form.Item></Col>
        <Col span={24}><Form.Item label="备注" {...sf.item('note')}><Input.TextArea rows={2} maxLength={500} /></Form.Item></Col>
      </Row>
      <Space><Button type="primary" htmlType="submit" loading={busy}>保存</Button><Button onClick={onClose}>取消</Button></Space>
    </Form>
  );
}

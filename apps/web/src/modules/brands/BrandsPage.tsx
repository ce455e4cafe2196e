import { useState } from 'react';
import { Button, Card, Descriptions, Drawer, Empty, Form, Input, List, Select, Space, Tag, Typography, type TableProps } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { brandCreate, brandUpdate, recordStatusLabels, type Brand } from '@gg/shared';
import { Link } from 'react-router';
import { api } from '../../app/api';
import { useAuth } from '../../app/auth';
import { showSuccess } from '../../app/feedback';
import { dash, fmtDateTime } from '../../app/format';
import { DownloadButton } from '../../components/DownloadButton';
import { ListPage } from '../../components/ListPage';
import { useMemberUnitOptions } from '../../components/options';
import { OrgTreeSelect } from '../../components/OrgTreeSelect';
import { useSchemaForm } from '../../components/schemaForm';
import { useListQuery } from '../../components/useListQuery';
import { useActivityOptions } from '../targets/shared';

/** 工作品牌: a page per local brand of practice (such as the county's “1357” mechanism). */
export default function BrandsPage() {
  const { can } = useAuth();
  const qc = useQueryClient();
  const list = useListQuery<Brand>({ key: 'brands', url: '/api/brands', filters: ['status'], defaultSort: 'name' });
  const [open, setOpen] = useState<string | null>(null);
  const [editing, setEditing] = useState<Brand | 'new' | null>(null);
  const columns: TableProps<Brand>['columns'] = [
    { title: '品牌名称', dataIndex: 'name', key: 'name', sorter: true, sortOrder: list.sortOrderOf('name'), render: (v: string, r) => <a onClick={() => setOpen(r.id)}>{v}</a> },
    { title: '口号', dataIndex: 'slogan', render: dash },
    { title: '牵头组织', dataIndex: 'orgUnitName', width: 140 },
    { title: '参与成员单位', key: 'units', render: (_, r) => (r.memberUnits.length ? r.memberUnits.map((u) => u.name).join('、') : '—') },
    { title: '关联活动', dataIndex: 'activityCount', align: 'right', width: 90 },
    { title: '状态', dataIndex: 'status', width: 70, render: (s: Brand['status']) => (s === 'active' ? <Tag color="green">{recordStatusLabels[s]}</Tag> : <Tag>{recordStatusLabels[s]}</Tag>) },
    { title: '创建时间', dataIndex: 'createdAt', key: 'createdAt', sorter: true, sortOrder: list.sortOrderOf('createdAt'), width: 160, render: fmtDateTime },
  ];
  const saved = async (b: Brand) => {
    setEditing(null);
    await qc.invalidateQueries({ queryKey: ['brands'] });
    setOpen(b.id);
  };
  return (
    <>
      <ListPage<Brand>
        list={list}
        fields={[
          { name: 'q', label: '品牌名称', node: <Input allowClear maxLength={50} /> },
          { name: 'status', label: '状态', node: <Select allowClear placeholder="全部" options={Object.entries(recordStatusLabels).map(([value, label]) => ({ value, label }))} /> },
        ]}
        title="工作品牌"
        toolbar={
          <>
            {can('brand:manage') && <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>新建品牌</Button>}
            {can('brand:export') && <DownloadButton url="/api/brands/export" query={{ q: list.filters.q, status: list.filters.status }} />}
          </>
        }
        columns={columns}
        emptyText="暂无工作品牌，可记录本地特色做法，如“1357”工作机制"
      />
      <Drawer open={Boolean(open)} onClose={() => setOpen(null)} size={760} destroyOnHidden title="工作品牌">
        {open && <BrandView id={open} onEdit={(b) => { setOpen(null); setEditing(b); }} />}
      </Drawer>
      <Drawer open={Boolean(editing)} onClose={() => setEditing(null)} size={640} destroyOnHidden title={editing === 'new' ? '新建工作品牌' : '编辑工作品牌'}>
        {editing && <BrandForm brand={editing === 'new' ? undefined : editing} onSaved={saved} />}
      </Drawer>
    </>
  );
}

function BrandView({ id, onEdit }: { id: string; onEdit: (b: Brand) => void }) {
  const q = useQuery({ queryKey: ['brands', 'detail', id], queryFn: () => api.get<Brand>(`/api/brands/${id}`) });
  const b = q.data;
  if (!b) return null;
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center' }}>
        <Typography.Title level={4} style={{ margin: 0 }}>{b.name}</Typography.Title>
        {b.actions.includes('update') && <Button onClick={() => onEdit(b)}>编辑</Button>}
      </div>
      {b.slogan && <Typography.Text type="secondary">{b.slogan}</Typography.Text>}
      <Descriptions size="small" column={2} bordered>
        <Descriptions.Item label="牵头组织">{b.orgUnitName}</Descriptions.Item>
        <Descriptions.Item label="状态">{recordStatusLabels[b.status]}</Descriptions.Item>
        <Descriptions.Item label="参与成员单位" span={2}>{b.memberUnits.length ? b.memberUnits.map((u) => <Tag key={u.id}>{u.name}</Tag>) : '—'}</Descriptions.Item>
      </Descriptions>
      <Card size="small" title="品牌内涵和做法"><div style={{ whiteSpace: 'pre-wrap' }}>{b.description}</div></Card>
      <Card size="small" title="工作成效"><div style={{ whiteSpace: 'pre-wrap' }}>{dash(b.results)}</div></Card>
      <Card size="small" title={`关联活动（${b.activityCount}）`}>
        {b.activities.length ? (
          <List size="small" dataSource={b.activities} renderItem={(a) => <List.Item key={a.id}><span>{a.date}</span><Link to={`/activities?q=${encodeURIComponent(a.title)}`}>{a.title}</Link></List.Item>} />
        ) : (
          <Empty description="暂无关联活动" />
        )}
      </Card>
    </Space>
  );
}

function BrandForm({ brand, onSaved }: { brand?: Brand; onSaved: (b: Brand) => void }) {
  const sf = useSchemaForm(brand ? brandUpdate : brandCreate);
  const units = useMemberUnitOptions();
  const activities = useActivityOptions();
  const known = new Set(activities.map((a) => a.value));
  const activityOptions = [...activities, ...(brand?.activities ?? []).filter((a) => !known.has(a.id)).map((a) => ({ value: a.id, label: `${a.date} ${a.title}` }))];
  const submit = async () => {
    const values = await sf.submitValues();
    if (!values) return;
    try {
      const b = brand ? await api.patch<Brand>(`/api/brands/${brand.id}`, values) : await api.post<Brand>('/api/brands', values);
      showSuccess(brand ? '已保存' : '已新建工作品牌');
      onSaved(b);
    } catch (err) {
      sf.applyServerError(err);
    }
  };
  const initial = brand
    ? { name: brand.name, slogan: brand.slogan ?? undefined, description: brand.description, results: brand.results ?? undefined, memberUnitIds: brand.memberUnits.map((u) => u.id), activityIds: brand.activities.map((a) => a.id), status: brand.status }
    : { memberUnitIds: [], activityIds: [] };
  return (
    <Form form={sf.form} layout="vertical" onFinish={submit} name="brand" initialValues={initial}>
      <Form.Item label="品牌名称" {...sf.item('name')}><Input maxLength={50} placeholder="如：“1357”工作机制" /></Form.Item>
      <Form.Item label="品牌口号" {...sf.item('slogan')}><Input maxLength={100} /></Form.Item>
      {!brand && <Form.Item label="牵头组织" {...sf.item('orgUnitId')}><OrgTreeSelect /></Form.Item>}
      <Form.Item label="品牌内涵和做法" {...sf.item('description')}><Input.TextArea rows={5} /></Form.Item>
      <Form.Item label="工作成效" {...sf.item('results')}><Input.TextArea rows={4} /></Form.Item>
      <Form.Item label="参与成员单位" {...sf.item('memberUnitIds')}><Select mode="multiple" showSearch optionFilterProp="label" options={units.options} /></Form.Item>
      <Form.Item label="关联活动" {...sf.item('activityIds')}><Select mode="multiple" showSearch optionFilterProp="label" options={activityOptions} /></Form.Item>
      {brand && <Form.Item label="状态" {...sf.item('status')}><Select options={Object.entries(recordStatusLabels).map(([value, label]) => ({ value, label }))} /></Form.Item>}
      <Button type="primary" htmlType="submit">保存</Button>
    </Form>
  );
}

import { useState } from 'react';
import { Alert, Button, Card, Drawer, Form, Input, InputNumber, Modal, Select, Space, Table, Tag, type TableProps } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { notableDeedCreate, notableDeedStatusLabels, type NotableDeed, type NotableDeedFloor } from '@gg/shared';
import { api } from '../../app/api';
import { useAuth } from '../../app/auth';
import { showSuccess } from '../../app/feedback';
import { fmtDate } from '../../app/format';
import { ActionButtons } from '../../components/ActionButtons';
import { DateInput } from '../../components/DateInput';
import { DownloadButton } from '../../components/DownloadButton';
import { ListPage } from '../../components/ListPage';
import { onMutationError } from '../../components/mutation';
import { useMemberUnitOptions } from '../../components/options';
import { useSchemaForm } from '../../components/schemaForm';
import { useListQuery } from '../../components/useListQuery';
import { thisYear, useActivityOptions, yearOptions } from '../targets/shared';

const statusColor = { submitted: 'processing', qualified: 'success', rejected: 'default' } as const;

/** 像样的事: each unit's notable deeds for the year; the office marks which qualify; the floor flags units with none. */
export default function NotableDeedsPage() {
  const { can, me } = useAuth();
  const qc = useQueryClient();
  const list = useListQuery<NotableDeed>({ key: 'notable-deeds', url: '/api/notable-deeds', filters: ['year', 'memberUnitId', 'status'] });
  const year = list.filters.year ?? String(thisYear);
  const floor = useQuery({ queryKey: ['notable-deeds', 'floor', year], queryFn: () => api.get<NotableDeedFloor>('/api/notable-deeds/floor', { year }) });
  const units = useMemberUnitOptions();
  const [creating, setCreating] = useState(false);
  const refresh = () => qc.invalidateQueries({ queryKey: ['notable-deeds'] });
  const review = async (d: NotableDeed, status: 'qualified' | 'rejected') => {
    try {
      await api.post(`/api/notable-deeds/${d.id}/review`, { status });
      showSuccess(status === 'qualified' ? `已认定「${d.title}」` : `「${d.title}」未予认定`);
      await refresh();
    } catch (err) {
      onMutationError(err);
    }
  };
  const setDeadline = () => {
    let due = floor.data?.dueDate ?? `${year}-10-31`;
    Modal.confirm({
      title: `设定${year}年像样的事保底日期`,
      content: <Input defaultValue={due} aria-label="保底日期" onChange={(e) => (due = e.target.value)} placeholder="YYYY-MM-DD" />,
      okText: '保存',
      onOk: async () => {
        try {
          await api.put('/api/notable-deeds/deadline', { year: Number(year), dueDate: due });
          showSuccess('已设定保底日期');
          await refresh();
        } catch (err) {
          onMutationError(err);
          throw err;
        }
      },
    });
  };
  const flagged = (floor.data?.units ?? []).filter((u) => u.flagged);

  const columns: TableProps<NotableDeed>['columns'] = [
    { title: '单位', dataIndex: 'ownerName', width: 150 },
    { title: '事项名称', dataIndex: 'title' },
    { title: '事项内容和成效', dataIndex: 'description', ellipsis: true },
    { title: '日期', dataIndex: 'deedDate', key: 'deedDate', sorter: true, sortOrder: list.sortOrderOf('deedDate'), width: 110, render: fmtDate },
    { title: '关联活动', key: 'acts', width: 90, align: 'right', render: (_, r) => r.activities.length },
    { title: '认定', dataIndex: 'status', width: 90, render: (s: NotableDeed['status']) => <Tag color={statusColor[s]}>{notableDeedStatusLabels[s]}</Tag> },
    {
      title: '操作', key: 'actions', width: 200, fixed: 'right',
      render: (_, r) => (
        <ActionButtons
          actions={r.actions.includes('review') ? [...r.actions, ...(r.status !== 'qualified' ? ['qualify'] : []), ...(r.status !== 'rejected' ? ['reject'] : [])] : r.actions}
          specs={{
            qualify: { label: '认定', onClick: () => review(r, 'qualified') },
            reject: { label: '不予认定', onClick: () => review(r, 'rejected') },
            delete: { label: '删除', danger: true, confirm: `确定删除「${r.title}」吗？`, onClick: async () => { try { await api.delete(`/api/notable-deeds/${r.id}`); showSuccess('已删除'); await refresh(); } catch (err) { onMutationError(err); } } },
          }}
        />
      ),
    },
  ];

  return (
    <>
      <Card size="small" title={`${year}年保底情况（每年至少做出一件像样的事，上不封顶、下要保底）`} style={{ marginBottom: 16 }} extra={can('notableDeed:review') && <Button onClick={setDeadline}>设定保底日期</Button>}>
        <Space orientation="vertical" style={{ width: '100%' }}>
          <div>保底日期：{floor.data?.dueDate ?? '未设定'}</div>
          {flagged.length > 0 && <Alert type="warning" showIcon title={`已过保底日期仍没有经认定的像样的事：${flagged.map((u) => u.name).join('、')}`} />}
          <Table
            size="small"
            rowKey="memberUnitId"
            pagination={false}
            dataSource={floor.data?.units ?? []}
            columns={[
              { title: '成员单位', dataIndex: 'name' },
              { title: '已登记', dataIndex: 'submitted', align: 'right' },
              { title: '已认定', dataIndex: 'qualified', align: 'right' },
              { title: '保底', key: 'flag', render: (_, u) => (u.flagged ? <Tag color="red">未完成</Tag> : u.qualified > 0 ? <Tag color="green">已完成</Tag> : <Tag>进行中</Tag>) },
            ]}
          />
        </Space>
      </Card>
      <ListPage<NotableDeed>
        list={list}
        fields={[
          { name: 'year', label: '年度', node: <Select options={yearOptions} allowClear placeholder="全部" /> },
          ...(me?.memberUnit?.id ? [] : [{ name: 'memberUnitId', label: '成员单位', node: <Select allowClear placeholder="全部" options={units.options} showSearch optionFilterProp="label" /> }]),
          { name: 'status', label: '认定', node: <Select allowClear placeholder="全部" options={Object.entries(notableDeedStatusLabels).map(([value, label]) => ({ value, label }))} /> },
        ]}
        title="像样的事"
        toolbar={
          <>
            {can('notableDeed:record') && (<Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>登记像样的事</Button>)}
            {can('notableDeed:export') && <DownloadButton url="/api/notable-deeds/export" query={{ year: list.filters.year, status: list.filters.status }} />}
          </>
        }
        columns={columns}
        emptyText="暂无像样的事，成员单位可点击“登记像样的事”报送"
      />
      <Drawer open={creating} onClose={() => setCreating(false)} size={600} destroyOnHidden title="登记像样的事">
        {creating && <DeedForm memberUnitId={me?.memberUnit?.id ?? null} onSaved={async () => { setCreating(false); await refresh(); }} />}
      </Drawer>
    </>
  );
}

function DeedForm({ memberUnitId, onSaved }: { memberUnitId: string | null; onSaved: () => void }) {
  const sf = useSchemaForm(notableDeedCreate);
  const units = useMemberUnitOptions();
  const activities = useActivityOptions(memberUnitId);
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    const values = await sf.submitValues();
    if (!values) return;
    setBusy(true);
    try {
      await api.post('/api/notable-deeds', values);
      showSuccess('已登记像样的事');
      onSaved();
    } catch (err) {
      sf.applyServerError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Form form={sf.form} layout="vertical" onFinish={submit} name="notable-deed" initialValues={{ year: thisYear, activityIds: [], uploadIds: [] }}>
      {!memberUnitId && (
        <Form.Item label="成员单位" {...sf.item('memberUnitId')} required>
          <Select options={units.options} showSearch optionFilterProp="label" />
        </Form.Item>
      )}
      <Space size={16} style={{ display: 'flex' }}>
        <Form.Item label="年度" {...sf.item('year')}>
          <InputNumber min={2000} max={2100} precision={0} />
        </Form.Item>
        <Form.Item label="日期" {...sf.item('deedDate')}>
          <DateInput />
        </Form.Item>
      </Space>
      <Form.Item label="事项名称" {...sf.item('title')}>
        <Input maxLength={100} />
      </Form.Item>
      <Form.Item label="事项内容和成效" {...sf.item('description')}>
        <Input.TextArea rows={4} maxLength={2000} showCount />
      </Form.Item>
      <Form.Item label="关联活动" {...sf.item('activityIds')}>
        <Select mode="multiple" options={activities} showSearch optionFilterProp="label" />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={busy}>保存</Button>
    </Form>
  );
}

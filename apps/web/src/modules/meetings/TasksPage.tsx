import { useState } from 'react';
import { Button, Drawer, Form, Input, Select, Space, Timeline, type TableProps } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { taskStatusLabels, type Task, type TaskDetail } from '@gg/shared';
import { api } from '../../app/api';
import { showSuccess } from '../../app/feedback';
import { dash, fmtDateTime } from '../../app/format';
import { useAuth } from '../../app/auth';
import { DownloadButton } from '../../components/DownloadButton';
import { ListPage } from '../../components/ListPage';
import { onMutationError } from '../../components/mutation';
import { useListQuery } from '../../components/useListQuery';
import { TaskStatusTag } from './MeetingsPage';

/** 交办任务: a unit sees its own tasks and reports how each stands. */
export default function TasksPage() {
  const qc = useQueryClient();
  const { can } = useAuth();
  const list = useListQuery<Task>({ key: 'tasks', url: '/api/tasks', filters: ['status', 'overdue'], defaultSort: 'deadline' });
  const [open, setOpen] = useState<string | null>(null);
  const columns: TableProps<Task>['columns'] = [
    { title: '承办单位', dataIndex: 'ownerName', width: 140 },
    { title: '任务', dataIndex: 'title', render: (v: string, r) => <a onClick={() => setOpen(r.id)}>{v}</a> },
    { title: '来源会议', dataIndex: 'meetingTitle', render: dash },
    { title: '完成时限', dataIndex: 'deadline', key: 'deadline', sorter: true, sortOrder: list.sortOrderOf('deadline'), width: 110 },
    { title: '状态', key: 's', width: 170, render: (_, t) => <TaskStatusTag task={t} /> },
    { title: '操作', key: 'a', width: 100, render: (_, t) => <Button type="link" size="small" onClick={() => setOpen(t.id)}>{t.actions.includes('report') ? '报告办理情况' : '查看'}</Button> },
  ];
  return (
    <>
      <ListPage<Task>
        list={list}
        fields={[
          { name: 'q', label: '任务', node: <Input allowClear maxLength={50} /> },
          { name: 'status', label: '状态', node: <Select allowClear placeholder="全部" options={Object.entries(taskStatusLabels).map(([value, label]) => ({ value, label }))} /> },
          { name: 'overdue', label: '逾期', node: <Select allowClear placeholder="全部" options={[{ value: 'true', label: '仅看逾期' }]} /> },
        ]}
        title="交办任务"
        toolbar={can('meeting:export') && <DownloadButton url="/api/tasks/export" query={{ q: list.filters.q, status: list.filters.status, overdue: list.filters.overdue }} />}
        columns={columns}
        emptyText="暂无交办任务"
      />
      <Drawer open={Boolean(open)} onClose={() => setOpen(null)} size={600} destroyOnHidden title="任务办理">
        {open && <TaskView id={open} onChanged={() => qc.invalidateQueries({ queryKey: ['tasks'] })} />}
      </Drawer>
    </>
  );
}

function TaskView({ id, onChanged }: { id: string; onChanged: () => Promise<void> }) {
  const qc = useQueryClient();
  const q = useQuery({ queryKey: ['tasks', 'detail', id], queryFn: () => api.get<TaskDetail>(`/api/tasks/${id}`) });
  const [form] = Form.useForm();
  // One report at a time: the button shows the request in flight, and a press while it is on its way does nothing.
  const report = useMutation({
    mutationFn: (v: { status: string; note: string }) => api.post(`/api/tasks/${id}/updates`, v),
    onSuccess: async () => {
      showSuccess('已报告办理情况');
      form.resetFields();
      await qc.invalidateQueries({ queryKey: ['tasks', 'detail', id] });
      await onChanged();
    },
    onError: onMutationError,
  });
  const t = q.data;
  if (!t) return null;
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <div><b>{t.title}</b>　{t.deadline}前　<TaskStatusTag task={t} /></div>
      <div style={{ whiteSpace: 'pre-wrap' }}>{dash(t.description)}</div>
      {t.actions.includes('report') && (
        <Form form={form} layout="vertical" onFinish={(v) => { if (!report.isPending) report.mutate(v); }} initialValues={{ status: 'inProgress' }}>
          <Form.Item label="办理状态" name="status" rules={[{ required: true }]}><Select options={Object.entries(taskStatusLabels).map(([value, label]) => ({ value, label }))} /></Form.Item>
          <Form.Item label="办理情况" name="note" rules={[{ required: true, message: '请填写办理情况' }]}><Input.TextArea rows={3} maxLength={2000} /></Form.Item>
          <Button type="primary" htmlType="submit" loading={report.isPending}>提交</Button>
        </Form>
      )}
      <Timeline items={t.updates.map((u) => ({ key: u.id, content: `${fmtDateTime(u.at)}　${taskStatusLabels[u.status]}　${u.byName ?? ''}：${u.note}` }))} />
    </Space>
  );
}

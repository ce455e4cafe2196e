import { useState } from 'react';
import { Button, Card, Descriptions, Drawer, Form, Input, Select, Space, Table, Tag, Typography, type TableProps } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { meetingAttendanceLabels, meetingCreate, meetingStatusLabels, taskStatusLabels, type Meeting, type MeetingAttendance, type MeetingDetail, type Task } from '@gg/shared';
import { api } from '../../app/api';
import { useAuth } from '../../app/auth';
import { showSuccess } from '../../app/feedback';
import { dash, fmtDate } from '../../app/format';
import { DateInput } from '../../components/DateInput';
import { DownloadButton } from '../../components/DownloadButton';
import { ListPage } from '../../components/ListPage';
import { onMutationError } from '../../components/mutation';
import { useMemberUnitOptions } from '../../components/options';
import { useSchemaForm } from '../../components/schemaForm';
import { useListQuery } from '../../components/useListQuery';

export function TaskStatusTag({ task }: { task: Pick<Task, 'status' | 'overdue' | 'daysOverdue'> }) {
  return (
    <Space size={4}>
      <Tag color={task.status === 'done' ? 'green' : task.status === 'inProgress' ? 'blue' : 'default'}>{taskStatusLabels[task.status]}</Tag>
      {task.overdue && <Tag color="red">逾期{task.daysOverdue}天</Tag>}
    </Space>
  );
}

/** 联席会议: agenda, invited member units, attendance, minutes; decisions become tasks with deadlines. */
export default function MeetingsPage() {
  const { can } = useAuth();
  const qc = useQueryClient();
  const list = useListQuery<Meeting>({ key: 'meetings', url: '/api/meetings', filters: ['status'] });
  const [creating, setCreating] = useState(false);
  const [open, setOpen] = useState<string | null>(null);
  const columns: TableProps<Meeting>['columns'] = [
    { title: '会议名称', dataIndex: 'title', render: (v: string, r) => <a onClick={() => setOpen(r.id)}>{v}</a> },
    { title: '日期', dataIndex: 'meetingDate', key: 'meetingDate', sorter: true, sortOrder: list.sortOrderOf('meetingDate'), width: 120, render: fmtDate },
    { title: '地点', dataIndex: 'location', render: dash },
    { title: '出席/邀请', key: 'att', width: 100, render: (_, r) => `${r.presentCount}/${r.invitedCount}` },
    { title: '交办任务', key: 'tasks', width: 120, render: (_, r) => `${r.taskCount}项（未办结${r.openTaskCount}）` },
    { title: '状态', dataIndex: 'status', width: 90, render: (s: Meeting['status']) => <Tag>{meetingStatusLabels[s]}</Tag> },
  ];
  return (
    <>
      <ListPage<Meeting>
        list={list}
        fields={[
          { name: 'q', label: '会议名称', node: <Input allowClear maxLength={50} /> },
          { name: 'status', label: '状态', node: <Select allowClear placeholder="全部" options={Object.entries(meetingStatusLabels).map(([value, label]) => ({ value, label }))} /> },
        ]}
        title="联席会议"
        toolbar={
          <>
            {can('meeting:manage') && <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>新建会议</Button>}
            {can('meeting:export') && <DownloadButton url="/api/meetings/export" query={{ q: list.filters.q, status: list.filters.status }} />}
          </>
        }
        columns={columns}
        emptyText="暂无会议记录"
      />
      <Drawer open={creating} onClose={() => setCreating(false)} size={600} destroyOnHidden title="新建会议">
        {creating && <MeetingForm onSaved={async () => { setCreating(false); await qc.invalidateQueries({ queryKey: ['meetings'] }); }} />}
      </Drawer>
      <Drawer open={Boolean(open)} onClose={() => setOpen(null)} size={900} destroyOnHidden title="会议详情">
        {open && <MeetingView id={open} />}
      </Drawer>
    </>
  );
}

function MeetingForm({ onSaved }: { onSaved: () => void }) {
  const sf = useSchemaForm(meetingCreate);
  const units = useMemberUnitOptions();
  const submit = async () => {
    const values = await sf.submitValues();
    if (!values) return;
    try {
      await api.post('/api/meetings', values);
      showSuccess('已新建会议');
      onSaved();
    } catch (err) {
      sf.applyServerError(err);
    }
  };
  return (
    <Form form={sf.form} layout="vertical" onFinish={submit} name="meeting" initialValues={{ invitedMemberUnitIds: units.options.map((o) => o.value) }}>
      <Form.Item label="会议名称" {...sf.item('title')}><Input maxLength={100} /></Form.Item>
      <Form.Item label="会议日期" {...sf.item('meetingDate')}><DateInput /></Form.Item>
      <Form.Item label="会议地点" {...sf.item('location')}><Input maxLength={100} /></Form.Item>
      <Form.Item label="主持人" {...sf.item('chair')}><Input maxLength={50} /></Form.Item>
      <Form.Item label="会议议程" {...sf.item('agenda')}><Input.TextArea rows={4} /></Form.Item>
      <Form.Item label="邀请成员单位" {...sf.item('invitedMemberUnitIds')}><Select mode="multiple" options={units.options} optionFilterProp="label" /></Form.Item>
      <Button type="primary" htmlType="submit">保存</Button>
    </Form>
  );
}

function MeetingView({ id }: { id: string }) {
  const qc = useQueryClient();
  const units = useMemberUnitOptions();
  const q = useQuery({ queryKey: ['meetings', 'detail', id], queryFn: () => api.get<MeetingDetail>(`/api/meetings/${id}`) });
  const [decision, setDecision] = useState('');
  const [assignees, setAssignees] = useState<string[]>([]);
  const [deadline, setDeadline] = useState<string | undefined>();
  const m = q.data;
  if (!m) return <Card loading />;
  const reload = () => qc.invalidateQueries({ queryKey: ['meetings'] });
  const setAttendance = async (memberUnitId: string, attendance: MeetingAttendance) => {
    try {
      await api.put(`/api/meetings/${id}/attendance`, { entries: [{ memberUnitId, attendance }] });
      await reload();
    } catch (err) {
      onMutationError(err);
    }
  };
  // Units chosen without a deadline would be dropped silently: the button waits for the deadline instead.
  const needsDeadline = assignees.length > 0 && !deadline;
  const addDecision = async () => {
    try {
      const tasks = deadline ? assignees.map((memberUnitId) => ({ memberUnitId, deadline })) : [];
      await api.post(`/api/meetings/${id}/decisions`, { content: decision, tasks });
      showSuccess(tasks.length ? '已记录议定事项并交办任务' : '已记录议定事项');
      setDecision('');
      setAssignees([]);
      await reload();
    } catch (err) {
      onMutationError(err);
    }
  };
  const manage = m.actions.includes('addDecision');
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Descriptions column={2} bordered size="small">
        <Descriptions.Item label="会议名称" span={2}>{m.title}</Descriptions.Item>
        <Descriptions.Item label="日期">{m.meetingDate}</Descriptions.Item>
        <Descriptions.Item label="地点">{dash(m.location)}</Descriptions.Item>
        <Descriptions.Item label="议程" span={2}><div style={{ whiteSpace: 'pre-wrap' }}>{dash(m.agenda)}</div></Descriptions.Item>
        <Descriptions.Item label="纪要" span={2}><div style={{ whiteSpace: 'pre-wrap' }}>{dash(m.minutes)}</div></Descriptions.Item>
        <Descriptions.Item label="材料" span={2}>{m.materials.length ? m.materials.map((f) => <a key={f.id} href={`/api/uploads/${f.id}`}>{f.name} </a>) : '—'}</Descriptions.Item>
      </Descriptions>
      <Card size="small" title="出席情况">
        <Table size="small" rowKey="memberUnitId" pagination={false} dataSource={m.invitees} columns={[
          { title: '成员单位', dataIndex: 'name' },
          { title: '出席', dataIndex: 'attendance', render: (v: MeetingAttendance, r) => (manage ? <Select size="small" style={{ width: 100 }} value={v} options={Object.entries(meetingAttendanceLabels).map(([value, label]) => ({ value, label }))} onChange={(a) => setAttendance(r.memberUnitId, a)} /> : meetingAttendanceLabels[v]) },
          { title: '参会人', dataIndex: 'attendee', render: dash },
        ]} />
      </Card>
      <Card size="small" title="议定事项和交办任务">
        {m.decisions.length === 0 && <Typography.Text type="secondary">暂无议定事项</Typography.Text>}
        {m.decisions.map((d, i) => (
          <div key={d.id} style={{ marginBottom: 12 }}>
            <b>{i + 1}. {d.content}</b>
            {d.tasks.map((t) => (<div key={t.id} style={{ paddingLeft: 24 }}>{t.ownerName}　{t.deadline}前　<TaskStatusTag task={t} /></div>))}
          </div>
        ))}
        {manage && (
          <Space orientation="vertical" style={{ width: '100%' }}>
            <Input.TextArea aria-label="议定事项" rows={2} value={decision} onChange={(e) => setDecision(e.target.value)} placeholder="议定事项" />
            <Space wrap>
              <Select aria-label="承办单位" mode="multiple" style={{ minWidth: 300 }} placeholder="承办单位" options={units.options} value={assignees} onChange={setAssignees} optionFilterProp="label" />
              <DateInput value={deadline} onChange={setDeadline} placeholder="完成时限" />
              <Button type="primary" disabled={!decision.trim() || needsDeadline} onClick={addDecision}>记录并交办</Button>
            </Space>
            {needsDeadline && <Typography.Text type="danger">已选承办单位，请选择完成时限</Typography.Text>}
          </Space>
        )}
      </Card>
    </Space>
  );
}

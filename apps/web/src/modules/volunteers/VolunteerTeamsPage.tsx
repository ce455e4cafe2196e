import { useState } from 'react';
import { Button, Descriptions, Drawer, Form, Input, List, Popconfirm, Select, Space, Table, Tag, type TableProps } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  volunteerCategoryLabels,
  volunteerTeamCreate,
  volunteerTeamKindLabels,
  volunteerTeamRoleLabels,
  type Volunteer,
  type VolunteerTeam,
  type VolunteerTeamDetail,
  type VolunteerTeamRole,
} from '@gg/shared';
import { api, type Page } from '../../app/api';
import { useAuth } from '../../app/auth';
import { showSuccess } from '../../app/feedback';
import { dash, fmtCount, fmtDate } from '../../app/format';
import { DateInput } from '../../components/DateInput';
import { ListPage } from '../../components/ListPage';
import { onMutationError } from '../../components/mutation';
import { OrgTreeSelect } from '../../components/OrgTreeSelect';
import { useSchemaForm } from '../../components/schemaForm';
import { useListQuery } from '../../components/useListQuery';
import { teamKindOptions, teamRoleOptions } from './options';

/** 队伍管理: 报告团, 宣讲团, mentoring groups and station staff; members, topics and service history. */
export default function VolunteerTeamsPage() {
  const { can } = useAuth();
  const qc = useQueryClient();
  const list = useListQuery<VolunteerTeam>({ key: 'volunteer-teams', url: '/api/volunteer-teams', filters: ['kind', 'orgUnitId'] });
  const [creating, setCreating] = useState(false);
  const [viewing, setViewing] = useState<string | null>(null);
  const columns: TableProps<VolunteerTeam>['columns'] = [
    { title: '队伍名称', dataIndex: 'name', key: 'name', sorter: true, sortOrder: list.sortOrderOf('name'), render: (v: string, r) => <a onClick={() => setViewing(r.id)}>{v}</a> },
    { title: '类型', dataIndex: 'kind', render: (k: VolunteerTeam['kind']) => volunteerTeamKindLabels[k] },
    { title: '所属组织', dataIndex: 'orgUnitName' },
    { title: '成员数', dataIndex: 'memberCount', align: 'right', render: fmtCount },
    { title: '服务时长（小时）', dataIndex: 'totalHours', align: 'right', render: (h: number) => h.toFixed(1) },
    { title: '成立日期', dataIndex: 'foundedOn', render: fmtDate },
    { title: '操作', key: 'actions', render: (_, r) => <Button type="link" onClick={() => setViewing(r.id)}>查看</Button> },
  ];
  return (
    <>
      <ListPage<VolunteerTeam>
        list={list}
        fields={[
          { name: 'q', label: '队伍名称', node: <Input allowClear maxLength={50} /> },
          { name: 'kind', label: '类型', node: <Select allowClear placeholder="全部" options={teamKindOptions} /> },
          { name: 'orgUnitId', label: '所属组织', node: <OrgTreeSelect /> },
        ]}
        title={`队伍${list.query.data ? `（${fmtCount(list.query.data.total)}）` : ''}`}
        toolbar={can('volunteer:create') && <Button type="primary" size="large" icon={<PlusOutlined />} onClick={() => setCreating(true)}>新建队伍</Button>}
        columns={columns}
        emptyText="暂无队伍，可点击“新建队伍”组建宣讲团、报告团或帮扶小组"
      />
      <Drawer open={creating} onClose={() => setCreating(false)} size={560} destroyOnHidden title="新建队伍">
        <TeamForm onSaved={async (t) => { setCreating(false); await qc.invalidateQueries({ queryKey: ['volunteer-teams'] }); setViewing(t.id); }} />
      </Drawer>
      <TeamDetailDrawer id={viewing} onClose={() => setViewing(null)} />
    </>
  );
}

function TeamForm({ onSaved }: { onSaved: (t: VolunteerTeamDetail) => void }) {
  const sf = useSchemaForm(volunteerTeamCreate);
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    const values = await sf.submitValues();
    if (!values) return;
    setBusy(true);
    try {
      const t = await api.post<VolunteerTeamDetail>('/api/volunteer-teams', values);
      showSuccess(`已新建「${t.name}」`);
      onSaved(t);
    } catch (err) {
      sf.applyServerError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Form form={sf.form} layout="vertical" onFinish={submit} name="volunteer-team" size="large">
      <Form.Item label="队伍名称" {...sf.item('name')}><Input maxLength={50} autoFocus /></Form.Item>
      <Form.Item label="类型" {...sf.item('kind')}><Select options={teamKindOptions} /></Form.Item>
      <Form.Item label="所属组织" {...sf.item('orgUnitId')}><OrgTreeSelect /></Form.Item>
      <Form.Item label="成立日期" {...sf.item('foundedOn')}><DateInput /></Form.Item>
      <Form.Item label="简介" {...sf.item('description')}><Input.TextArea rows={4} maxLength={2000} /></Form.Item>
      <Button type="primary" htmlType="submit" loading={busy}>保存</Button>
    </Form>
  );
}

function TeamDetailDrawer({ id, onClose }: { id: string | null; onClose: () => void }) {
  const qc = useQueryClient();
  const q = useQuery({ queryKey: ['volunteer-teams', 'detail', id], queryFn: () => api.get<VolunteerTeamDetail>(`/api/volunteer-teams/${id}`), enabled: Boolean(id) });
  const t = q.data;
  const [search, setSearch] = useState('');
  const [pick, setPick] = useState<string | undefined>();
  const [role, setRole] = useState<VolunteerTeamRole>('member');
  const [topic, setTopic] = useState('');
  const candidates = useQuery({
    queryKey: ['volunteers', 'pick', search],
    queryFn: () => api.get<Page<Volunteer>>('/api/volunteers', { q: search || undefined, status: 'active', pageSize: 20 }),
    enabled: Boolean(id && t?.actions.includes('manageMembers')),
  });
  const run = async (fn: () => Promise<unknown>, done: string) => {
    try {
      await fn();
      showSuccess(done);
      await qc.invalidateQueries({ queryKey: ['volunteer-teams'] });
      await qc.invalidateQueries({ queryKey: ['volunteers'] });
    } catch (err) {
      onMutationError(err);
    }
  };
  const manage = Boolean(t?.actions.includes('manageMembers'));
  return (
    <Drawer open={Boolean(id)} onClose={onClose} size={960} title={t?.name ?? '队伍'}>
      {t && (
        <Space orientation="vertical" size={16} style={{ width: '100%' }}>
          <Descriptions bordered column={2} size="middle">
            <Descriptions.Item label="类型">{volunteerTeamKindLabels[t.kind]}</Descriptions.Item>
            <Descriptions.Item label="所属组织">{t.orgUnitName}</Descriptions.Item>
            <Descriptions.Item label="成员数">{fmtCount(t.memberCount)}</Descriptions.Item>
            <Descriptions.Item label="服务时长">{t.totalHours.toFixed(1)} 小时</Descriptions.Item>
            <Descriptions.Item label="简介" span={2}>{dash(t.description)}</Descriptions.Item>
          </Descriptions>
          <h3>成员</h3>
          {manage && (
            <Space wrap>
              <Select showSearch={{ filterOption: false, onSearch: setSearch }} placeholder="输入姓名或拼音首字母查找志愿者" style={{ width: 320 }} size="large" value={pick} onChange={setPick} aria-label="选择志愿者"
                options={(candidates.data?.items ?? []).map((v) => ({ value: v.id, label: `${v.name}（${volunteerCategoryLabels[v.category]}，${v.orgUnitName}）` }))} />
              <Select value={role} onChange={setRole} options={teamRoleOptions} size="large" style={{ width: 180 }} aria-label="队内角色" />
              <Button type="primary" size="large" disabled={!pick} onClick={() => run(() => api.post(`/api/volunteer-teams/${t.id}/members`, { volunteerId: pick, role }), '已加入队伍').then(() => setPick(undefined))}>加入队伍</Button>
            </Space>
          )}
          <Table rowKey="volunteerId" dataSource={t.members} pagination={false} locale={{ emptyText: '暂无成员' }}
            columns={[
              { title: '姓名', dataIndex: 'name' },
              { title: '类别', dataIndex: 'category', render: (c: Volunteer['category']) => volunteerCategoryLabels[c] },
              { title: '所属组织', dataIndex: 'orgUnitName' },
              { title: '队内角色', dataIndex: 'role', render: (r: VolunteerTeamRole) => <Tag>{volunteerTeamRoleLabels[r]}</Tag> },
              { title: '加入日期', dataIndex: 'joinedOn', render: fmtDate },
              ...(manage ? [{ title: '操作', key: 'op', render: (_: unknown, m: { volunteerId: string; name: string }) => (
                <Popconfirm title={`确定将「${m.name}」移出队伍吗？`} onConfirm={() => run(() => api.delete(`/api/volunteer-teams/${t.id}/members/${m.volunteerId}`), '已移出')}>
                  <Button type="link" danger>移出</Button>
                </Popconfirm>
              ) }] : []),
            ]} />
          <h3>宣讲题目</h3>
          {manage && (
            <Space.Compact style={{ width: 480 }}>
              <Input value={topic} onChange={(e) => setTopic(e.target.value)} maxLength={100} placeholder="如：红色家风代代传" size="large" />
              <Button size="large" disabled={!topic.trim()} onClick={() => run(() => api.post(`/api/volunteer-teams/${t.id}/topics`, { title: topic }), '已添加').then(() => setTopic(''))}>添加</Button>
            </Space.Compact>
          )}
          <List bordered dataSource={t.topics} locale={{ emptyText: '暂无宣讲题目' }} renderItem={(p) => (
            <List.Item actions={manage ? [<Button key="d" type="link" danger onClick={() => run(() => api.delete(`/api/volunteer-teams/${t.id}/topics/${p.id}`), '已删除')}>删除</Button>] : []}>{p.title}</List.Item>
          )} />
          <h3>服务记录</h3>
          <Table rowKey="id" dataSource={t.history} pagination={{ pageSize: 10, hideOnSinglePage: true }} locale={{ emptyText: '暂无服务记录' }}
            columns={[
              { title: '日期', dataIndex: 'date', render: fmtDate },
              { title: '志愿者', dataIndex: 'volunteerName' },
              { title: '服务内容', dataIndex: 'description' },
              { title: '时长（小时）', dataIndex: 'hours', align: 'right', render: (h: number) => h.toFixed(1) },
            ]} />
        </Space>
      )}
    </Drawer>
  );
}

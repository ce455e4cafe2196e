import { useState } from 'react';
import { Button, Drawer, Form, Input, InputNumber, Select, Switch, Tag, type TableProps } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { committeeMemberCreate, committeeMemberUpdate, leadershipPostLabels, recordStatusLabels, type CommitteeMember } from '@gg/shared';
import { api } from '../../app/api';
import { useAuth } from '../../app/auth';
import { showSuccess } from '../../app/feedback';
import { dash } from '../../app/format';
import { DateInput } from '../../components/DateInput';
import { DownloadButton } from '../../components/DownloadButton';
import { ListPage } from '../../components/ListPage';
import { OrgTreeSelect } from '../../components/OrgTreeSelect';
import { useSchemaForm } from '../../components/schemaForm';
import { useListQuery } from '../../components/useListQuery';

const postOptions = Object.entries(leadershipPostLabels).map(([value, label]) => ({ value, label }));
const memberStatusLabels = { active: '在任', disabled: '离任' } as const;

/** 班子: the leadership of each committee node, with members and posts. */
export default function LeadershipPage() {
  const { can } = useAuth();
  const qc = useQueryClient();
  const list = useListQuery<CommitteeMember>({ key: 'committee-members', url: '/api/committee-members', filters: ['orgUnitId', 'status'], defaultSort: 'sortOrder' });
  const [editing, setEditing] = useState<CommitteeMember | 'new' | null>(null);
  const columns: TableProps<CommitteeMember>['columns'] = [
    { title: '组织', dataIndex: 'orgUnitName', width: 160 },
    { title: '姓名', dataIndex: 'name', key: 'name', sorter: true, sortOrder: list.sortOrderOf('name'), width: 110 },
    { title: '职务', dataIndex: 'post', key: 'sortOrder', sorter: true, sortOrder: list.sortOrderOf('sortOrder'), width: 120, render: (p: CommitteeMember['post']) => leadershipPostLabels[p] },
    { title: '工作单位及职务', dataIndex: 'workTitle', render: dash },
    { title: '五老', dataIndex: 'isElder', width: 70, render: (v: boolean) => (v ? <Tag color="orange">五老</Tag> : '—') },
    { title: '任职时间', dataIndex: 'since', width: 110, render: dash },
    { title: '状态', dataIndex: 'status', width: 80, render: (s: CommitteeMember['status']) => (s === 'active' ? <Tag color="green">在任</Tag> : <Tag>离任</Tag>) },
    { title: '操作', key: 'a', width: 80, render: (_, r) => (r.actions.includes('update') ? <Button type="link" size="small" onClick={() => setEditing(r)}>调整</Button> : null) },
  ];
  const saved = async () => {
    setEditing(null);
    await qc.invalidateQueries({ queryKey: ['committee-members'] });
  };
  return (
    <>
      <ListPage<CommitteeMember>
        list={list}
        fields={[
          { name: 'q', label: '姓名', node: <Input allowClear maxLength={20} /> },
          { name: 'orgUnitId', label: '组织', node: <OrgTreeSelect allowClear placeholder="全部" /> },
          { name: 'status', label: '状态', node: <Select allowClear placeholder="全部" options={Object.entries(memberStatusLabels).map(([value, label]) => ({ value, label }))} /> },
        ]}
        title="关工委班子"
        toolbar={
          <>
            {can('resource:manage') && <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>增补班子成员</Button>}
            {can('resource:export') && <DownloadButton url="/api/committee-members/export" query={{ q: list.filters.q, orgUnitId: list.filters.orgUnitId, status: list.filters.status }} />}
          </>
        }
        columns={columns}
        emptyText="暂无班子成员，可增补主任、常务副主任、副主任、秘书长、委员和专干"
      />
      <Drawer open={Boolean(editing)} onClose={() => setEditing(null)} size={520} destroyOnHidden title={editing === 'new' ? '增补班子成员' : '调整班子成员'}>
        {editing === 'new' && <MemberForm onSaved={saved} />}
        {editing && editing !== 'new' && <MemberEditForm member={editing} onSaved={saved} />}
      </Drawer>
    </>
  );
}

function MemberForm({ onSaved }: { onSaved: () => void }) {
  const sf = useSchemaForm(committeeMemberCreate);
  const submit = async () => {
    const values = await sf.submitValues();
    if (!values) return;
    try {
      await api.post('/api/committee-members', values);
      showSuccess('已增补班子成员');
      onSaved();
    } catch (err) {
      sf.applyServerError(err);
    }
  };
  return (
    <Form form={sf.form} layout="vertical" onFinish={submit} name="committeeMember" initialValues={{ post: 'member', isElder: false, sortOrder: 100 }}>
      <Form.Item label="组织" {...sf.item('orgUnitId')}><OrgTreeSelect /></Form.Item>
      <Form.Item label="姓名" {...sf.item('name')}><Input maxLength={20} /></Form.Item>
      <Form.Item label="职务" {...sf.item('post')}><Select options={postOptions} /></Form.Item>
      <Form.Item label="工作单位及职务" {...sf.item('workTitle')}><Input maxLength={100} placeholder="如：县委原副书记、县教育局局长" /></Form.Item>
      <Form.Item label="是否五老" {...sf.item('isElder')} valuePropName="checked"><Switch /></Form.Item>
      <Form.Item label="任职时间" {...sf.item('since')}><DateInput /></Form.Item>
      <Form.Item label="排序" {...sf.item('sortOrder')}><InputNumber min={0} max={9999} precision={0} /></Form.Item>
      <Button type="primary" htmlType="submit">保存</Button>
    </Form>
  );
}

function MemberEditForm({ member, onSaved }: { member: CommitteeMember; onSaved: () => void }) {
  const sf = useSchemaForm(committeeMemberUpdate);
  const submit = async () => {
    const values = await sf.submitValues();
    if (!values) return;
    try {
      await api.patch(`/api/committee-members/${member.id}`, values);
      showSuccess('已调整');
      onSaved();
    } catch (err) {
      sf.applyServerError(err);
    }
  };
  return (
    <Form form={sf.form} layout="vertical" onFinish={submit} name="committeeMemberEdit" initialValues={{ name: member.name, post: member.post, workTitle: member.workTitle ?? undefined, isElder: member.isElder, since: member.since ?? undefined, status: member.status, sortOrder: member.sortOrder }}>
      <Form.Item label="组织">{member.orgUnitName}</Form.Item>
      <Form.Item label="姓名" {...sf.item('name')}><Input maxLength={20} /></Form.Item>
      <Form.Item label="职务" {...sf.item('post')}><Select options={postOptions} /></Form.Item>
      <Form.Item label="工作单位及职务" {...sf.item('workTitle')}><Input maxLength={100} /></Form.Item>
      <Form.Item label="是否五老" {...sf.item('isElder')} valuePropName="checked"><Switch /></Form.Item>
      <Form.Item label="任职时间" {...sf.item('since')}><DateInput /></Form.Item>
      <Form.Item label="状态" {...sf.item('status')}><Select options={Object.entries(recordStatusLabels).map(([value]) => ({ value, label: memberStatusLabels[value as 'active'] }))} /></Form.Item>
      <Form.Item label="排序" {...sf.item('sortOrder')}><InputNumber min={0} max={9999} precision={0} /></Form.Item>
      <Button type="primary" htmlType="submit">保存</Button>
    </Form>
  );
}

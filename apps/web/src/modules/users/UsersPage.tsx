import { useState } from 'react';
import { Button, Input, Select, Space, Tag, Tooltip, type TableProps } from 'antd';
import { FileExcelOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { userStatusLabels, type User, type UserStatus } from '@gg/shared';
import { api } from '../../app/api';
import { useAuth } from '../../app/auth';
import { showSuccess } from '../../app/feedback';
import { dash, fmtCount, fmtDate, fmtDateTime } from '../../app/format';
import { ActionButtons } from '../../components/ActionButtons';
import { DownloadButton } from '../../components/DownloadButton';
import { ListPage } from '../../components/ListPage';
import { onMutationError } from '../../components/mutation';
import { OrgTreeSelect } from '../../components/OrgTreeSelect';
import { useMemberUnitOptions, useRoles } from '../../components/options';
import { useListQuery } from '../../components/useListQuery';
import { RolesModal, showOneTimePassword, UnmaskModal } from './dialogs';
import { UserFormDrawer } from './UserFormDrawer';
import { UserImportModal } from './UserImportModal';

const statusOptions = (Object.keys(userStatusLabels) as UserStatus[]).map((s) => ({ value: s, label: userStatusLabels[s] }));
const filterKeys = ['orgUnitId', 'memberUnitId', 'roleId', 'status'] as const;

/** 用户管理: accounts, with placement, roles and status; every button only where the server allows it. */
export default function UsersPage() {
  const { can } = useAuth();
  const qc = useQueryClient();
  const list = useListQuery<User>({ key: 'users', url: '/api/users', filters: filterKeys, defaultSort: '-createdAt' });
  const memberUnits = useMemberUnitOptions();
  const roles = useRoles();
  const [editing, setEditing] = useState<User | 'new' | null>(null);
  const [granting, setGranting] = useState<User | null>(null);
  const [unmasking, setUnmasking] = useState<User | null>(null);
  const [importing, setImporting] = useState(false);

  const refresh = () => qc.invalidateQueries({ queryKey: ['users'] });
  const act = async (fn: () => Promise<unknown>, done: string) => {
    try {
      await fn();
      showSuccess(done);
      await refresh();
    } catch (err) {
      onMutationError(err);
    }
  };

  const columns: TableProps<User>['columns'] = [
    { title: '用户名', dataIndex: 'username', key: 'username', sorter: true, sortOrder: list.sortOrderOf('username') },
    { title: '姓名', dataIndex: 'displayName', key: 'displayName', sorter: true, sortOrder: list.sortOrderOf('displayName') },
    {
      title: '手机号',
      dataIndex: 'phone',
      render: (v: string | null, r) => (
        <Space size={4}>
          {dash(v)}
          {r.actions.includes('unmask') && (
            <Button type="link" size="small" onClick={() => setUnmasking(r)}>
              显示
            </Button>
          )}
        </Space>
      ),
    },
    { title: '所属', key: 'placement', render: (_, r) => (r.memberUnit ? <span><Tag>成员单位</Tag>{r.memberUnit.name}</span> : dash(r.orgUnit?.name)) },
    { title: '角色', dataIndex: 'roles', render: (rs: User['roles']) => (rs.length ? rs.map((x) => <Tag key={x.id} color="red">{x.name}</Tag>) : <span style={{ color: '#999' }}>未分配</span>) },
    {
      title: '状态',
      dataIndex: 'status',
      render: (s: UserStatus, r) => (
        <Space size={4} wrap>
          <Tag color={s === 'active' ? 'success' : 'default'}>{userStatusLabels[s]}</Tag>
          {r.locked && (
            <Tooltip title={`锁定至 ${fmtDateTime(r.lockedUntil)}`}>
              <Tag color="warning">已锁定</Tag>
            </Tooltip>
          )}
          {r.mustChangePassword && <Tag color="gold">待改密</Tag>}
        </Space>
      ),
    },
    { title: '最近登录', dataIndex: 'lastLoginAt', key: 'lastLoginAt', sorter: true, sortOrder: list.sortOrderOf('lastLoginAt'), render: fmtDateTime },
    { title: '创建日期', dataIndex: 'createdAt', key: 'createdAt', sorter: true, sortOrder: list.sortOrderOf('createdAt'), render: fmtDate },
    {
      title: '操作',
      key: 'actions',
      fixed: 'right',
      render: (_, r) => (
        <ActionButtons
          actions={r.actions}
          order={['update', 'grantRoles', 'resetPassword', 'unlock', 'disable', 'enable']}
          specs={{
            update: { label: '编辑', onClick: () => setEditing(r) },
            grantRoles: { label: '分配角色', onClick: () => setGranting(r) },
            resetPassword: {
              label: '重置密码',
              confirm: `确定重置「${r.displayName}」的密码吗？将生成新的一次性密码，并结束其登录。`,
              onClick: async () => {
                try {
                  const reply = await api.post<{ user: User; oneTimePassword: string }>(`/api/users/${r.id}/reset-password`);
                  showOneTimePassword(reply.user, reply.oneTimePassword, '密码已重置');
                  await refresh();
                } catch (err) {
                  onMutationError(err);
                }
              },
            },
            unlock: { label: '解锁', onClick: () => act(() => api.post(`/api/users/${r.id}/unlock`), '已解除锁定') },
            disable: {
              label: '停用',
              danger: true,
              confirm: `确定停用「${r.displayName}」吗？停用后该账号不能登录，并立即下线。`,
              onClick: () => act(() => api.post(`/api/users/${r.id}/status`, { status: 'disabled' }), '已停用'),
            },
            enable: { label: '启用', onClick: () => act(() => api.post(`/api/users/${r.id}/status`, { status: 'active' }), '已启用') },
          }}
        />
      ),
    },
  ];

  const exportQuery = { q: list.filters.q, ...Object.fromEntries(filterKeys.map((k) => [k, list.filters[k]])), sort: list.params.sort as string | undefined };

  return (
    <>
      <ListPage<User>
        list={list}
        fields={[
          { name: 'q', label: '关键词', node: <Input allowClear placeholder="用户名或姓名" maxLength={50} /> },
          { name: 'orgUnitId', label: '所属组织', node: <OrgTreeSelect placeholder="全部组织" /> },
          { name: 'status', label: '状态', node: <Select allowClear placeholder="全部" options={statusOptions} /> },
          ...(can('memberUnit:read') ? [{ name: 'memberUnitId', label: '成员单位', node: <Select allowClear placeholder="全部" options={memberUnits.options} showSearch={{ optionFilterProp: 'label' }} /> }] : []),
          ...(can('role:read') ? [{ name: 'roleId', label: '角色', node: <Select allowClear placeholder="全部" options={roles.options} /> }] : []),
        ]}
        title={`用户账号${list.query.data ? `（${fmtCount(list.query.data.total)}）` : ''}`}
        toolbar={
          <>
            {can('user:create') && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
                新建
              </Button>
            )}
            {can('user:import') && (
              <Button icon={<UploadOutlined />} onClick={() => setImporting(true)}>
                导入
              </Button>
            )}
            {can('user:import') && (
              <DownloadButton url="/api/users/import/template" icon={<FileExcelOutlined />}>
                下载模板
              </DownloadButton>
            )}
            {can('user:export') && <DownloadButton url="/api/users/export" query={exportQuery} />}
          </>
        }
        columns={columns}
        emptyText={can('user:create') ? '暂无用户，可点击“新建”或“导入”添加账号' : '暂无用户'}
      />
      <UserFormDrawer
        target={editing}
        onClose={() => setEditing(null)}
        onSaved={async () => {
          setEditing(null);
          await refresh();
        }}
      />
      <RolesModal
        user={granting}
        onClose={() => setGranting(null)}
        onSaved={async () => {
          setGranting(null);
          await refresh();
        }}
      />
      <UnmaskModal user={unmasking} onClose={() => setUnmasking(null)} />
      <UserImportModal open={importing} onClose={() => setImporting(false)} onDone={() => void refresh()} />
    </>
  );
}

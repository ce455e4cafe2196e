import { useEffect, useMemo, useState } from 'react';
import { Alert, Button, Card, Drawer, Form, Input, Select, Space, Table, Tag, Tree, type TableProps } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { dataScopeLabels, dataScopes, dutyLabels, roleCreate, roleUpdate, separatedDuties, type PermissionTree, type RoleItem, type SeparatedDuty } from '@gg/shared';
import { api } from '../../app/api';
import { useAuth } from '../../app/auth';
import { showSuccess } from '../../app/feedback';
import { dash, fmtCount } from '../../app/format';
import { ErrorResult } from '../../app/ErrorPage';
import { ActionButtons } from '../../components/ActionButtons';
import { useSchemaForm } from '../../components/schemaForm';
import { useRoles } from '../../components/options';

const scopeOptions = dataScopes.map((s) => ({ value: s, label: dataScopeLabels[s] }));

/** 角色权限: roles with their permissions (menu and button) and data scope. */
export default function RolesPage() {
  const { can } = useAuth();
  const qc = useQueryClient();
  const { roles, query } = useRoles();
  const [editing, setEditing] = useState<RoleItem | 'new' | null>(null);

  const columns: TableProps<RoleItem>['columns'] = [
    { title: '角色名称', dataIndex: 'name', render: (v: string, r) => <Space>{v}{r.builtin && <Tag>内置</Tag>}</Space> },
    { title: '角色编码', dataIndex: 'code' },
    { title: '数据范围', dataIndex: 'dataScope', render: (s: RoleItem['dataScope']) => dataScopeLabels[s] },
    { title: '三员', dataIndex: 'separatedDuty', render: (d: string | null) => (d ? <Tag color="purple">{dutyLabels[d as SeparatedDuty] ?? d}</Tag> : '—') },
    { title: '动态验证码', dataIndex: 'requiresSecondFactor', render: (v: boolean) => (v ? '须使用' : '—') },
    { title: '权限数', dataIndex: 'permissions', align: 'right', render: (p: string[]) => fmtCount(p.length) },
    { title: '用户数', dataIndex: 'userCount', align: 'right', render: fmtCount },
    { title: '说明', dataIndex: 'description', render: dash, ellipsis: true },
    { title: '操作', key: 'actions', fixed: 'right', render: (_, r) => <ActionButtons actions={r.actions} specs={{ update: { label: '编辑', onClick: () => setEditing(r) } }} /> },
  ];

  return (
    <Card
      title={`角色（${fmtCount(roles.length)}）`}
      extra={
        can('role:create') && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
            新建
          </Button>
        )
      }
    >
      {query.error ? (
        <ErrorResult error={query.error} onRetry={() => void query.refetch()} />
      ) : (
        <Table<RoleItem> rowKey="id" columns={columns} dataSource={roles} loading={query.isFetching} pagination={false} scroll={{ x: 'max-content' }} />
      )}
      <Drawer open={Boolean(editing)} onClose={() => setEditing(null)} size={640} destroyOnHidden title={editing === 'new' ? '新建角色' : `编辑角色 · ${editing?.name ?? ''}`}>
        {editing && (
          <RoleForm
            role={editing === 'new' ? null : editing}
            onClose={() => setEditing(null)}
            onSaved={async () => {
              setEditing(null);
              await qc.invalidateQueries({ queryKey: ['roles'] });
            }}
          />
        )}
      </Drawer>
    </Card>
  );
}

function RoleForm({ role, onClose, onSaved }: { role: RoleItem | null; onClose: () => void; onSaved: () => void }) {
  const sf = useSchemaForm(role ? roleUpdate : roleCreate);
  const [busy, setBusy] = useState(false);
  const tree = useQuery({ queryKey: ['permissions'], queryFn: () => api.get<PermissionTree>('/api/permissions'), staleTime: Infinity });
  const duty = (Form.useWatch('separatedDuty', sf.form) as SeparatedDuty | null | undefined) ?? role?.separatedDuty ?? null;
  const canAccess = !role || role.actions.includes('changeAccess');
  const canCode = !role || role.actions.includes('changeCode');

  useEffect(() => {
    if (role) sf.form.setFieldsValue({ code: role.code, name: role.name, description: role.description ?? '', dataScope: role.dataScope, permissions: role.permissions });
    else sf.form.setFieldsValue({ dataScope: 'node', permissions: [], separatedDuty: null });
  }, [sf.form, role]);

  const treeData = useMemo(
    () =>
      (tree.data ?? []).map((g) => ({
        key: `group:${g.module}`,
        title: g.label,
        disabled: !canAccess,
        children: g.actions.map((a) => ({
          key: a.permission,
          title: a.onlyFor ? `${a.label}（仅${dutyLabels[a.onlyFor]}）` : a.label,
          disabled: !canAccess || (a.onlyFor !== null && a.onlyFor !== duty),
        })),
      })),
    [tree.data, canAccess, duty],
  );

  const submit = async () => {
    const values = await sf.submitValues();
    if (!values) return;
    const body: Record<string, unknown> = { ...values };
    if (role) {
      if (!canCode || body.code === role.code) delete body.code;
      if (!canAccess) {
        delete body.permissions;
        delete body.dataScope;
      }
      delete body.separatedDuty;
    }
    setBusy(true);
    try {
      role ? await api.patch(`/api/roles/${role.id}`, body) : await api.post('/api/roles', body);
      showSuccess('已保存');
      onSaved();
    } catch (err) {
      sf.applyServerError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Form form={sf.form} layout="vertical" onFinish={submit} name="role">
      {role && !canAccess && <Alert type="warning" showIcon style={{ marginBottom: 16 }} title="这是您本人持有的角色，不能修改它的权限和数据范围。" />}
      <Form.Item label="角色名称" {...sf.item('name')} required>
        <Input maxLength={30} />
      </Form.Item>
      <Form.Item label="角色编码" {...sf.item('code')} required extra={canCode ? '字母开头，字母、数字和下划线' : '内置角色的编码不能修改'}>
        <Input maxLength={32} disabled={!canCode} />
      </Form.Item>
      {!role && (
        <Form.Item label="三员类型" {...sf.item('separatedDuty')} extra="三员角色创建后不能更改类型">
          <Select allowClear placeholder="不属于三员" options={separatedDuties.map((d) => ({ value: d, label: dutyLabels[d] }))} onChange={(v) => sf.form.setFieldValue('separatedDuty', v ?? null)} />
        </Form.Item>
      )}
      <Form.Item label="数据范围" {...sf.item('dataScope')}>
        <Select options={scopeOptions} disabled={!canAccess} />
      </Form.Item>
      <Form.Item label="说明" {...sf.item('description')}>
        <Input.TextArea rows={2} maxLength={200} />
      </Form.Item>
      <Form.Item label="功能权限" {...sf.item('permissions')} valuePropName="checkedKeys" trigger="onCheck" getValueFromEvent={(checked: string[] | { checked: string[] }) => (Array.isArray(checked) ? checked : checked.checked).filter((k) => !k.startsWith('group:'))}>
        <Tree key={tree.data ? "ready" : "loading"} checkable selectable={false} defaultExpandAll treeData={treeData} style={{ border: '1px solid #f0f0f0', padding: 8, maxHeight: 420, overflow: 'auto' }} />
      </Form.Item>
      <Form.Item>
        <Space>
          <Button type="primary" htmlType="submit" loading={busy}>
            保存
          </Button>
          <Button onClick={onClose}>取消</Button>
        </Space>
      </Form.Item>
    </Form>
  );
}

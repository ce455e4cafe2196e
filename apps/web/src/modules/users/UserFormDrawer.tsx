import { useEffect, useState } from 'react';
import { Button, Drawer, Form, Input, Radio, Select, Space } from 'antd';
import { userCreate, userUpdate, type User } from '@gg/shared';
import { api } from '../../app/api';
import { useAuth } from '../../app/auth';
import { showSuccess } from '../../app/feedback';
import { OrgTreeSelect } from '../../components/OrgTreeSelect';
import { useMemberUnitOptions, useRoles } from '../../components/options';
import { useSchemaForm } from '../../components/schemaForm';
import { showOneTimePassword } from './dialogs';

type Placement = 'org' | 'member';

interface Props {
  target: User | 'new' | null;
  onClose: () => void;
  onSaved: () => void;
}

export function UserFormDrawer({ target, onClose, onSaved }: Props) {
  return (
    <Drawer open={Boolean(target)} onClose={onClose} size={600} destroyOnHidden title={target === 'new' ? '新建用户' : `编辑用户 · ${target?.displayName ?? ''}`}>
      {target && <UserForm user={target === 'new' ? null : target} onClose={onClose} onSaved={onSaved} />}
    </Drawer>
  );
}

function UserForm({ user, onClose, onSaved }: { user: User | null; onClose: () => void; onSaved: () => void }) {
  const { can, me } = useAuth();
  const sf = useSchemaForm(user ? userUpdate : userCreate);
  const [busy, setBusy] = useState(false);
  const memberUnits = useMemberUnitOptions();
  const { options: roleOptions } = useRoles();
  const placement = (Form.useWatch('placement', sf.form) as Placement | undefined) ?? 'org';
  const isSelf = user?.id === me?.id;

  useEffect(() => {
    if (user) {
      sf.form.setFieldsValue({
        displayName: user.displayName,
        remark: user.remark ?? '',
        placement: user.memberUnit ? 'member' : 'org',
        orgUnitId: user.orgUnit?.id,
        memberUnitId: user.memberUnit?.id,
      });
    } else sf.form.setFieldsValue({ placement: 'org', roleIds: [] });
  }, [sf.form, user]);

  const submit = async () => {
    const values = await sf.submitValues();
    if (!values) return;
    const body: Record<string, unknown> = { ...values };
    if (placement === 'org') delete body.memberUnitId;
    else delete body.orgUnitId;
    setBusy(true);
    try {
      if (user) {
        if (!body.phone) delete body.phone;
        if (body.orgUnitId === user.orgUnit?.id) delete body.orgUnitId;
        if (body.memberUnitId === user.memberUnit?.id) delete body.memberUnitId;
        await api.patch<User>(`/api/users/${user.id}`, body);
        showSuccess('已保存');
      } else {
        if (!can('role:grant')) delete body.roleIds;
        const reply = await api.post<{ user: User; oneTimePassword: string }>('/api/users', body);
        showOneTimePassword(reply.user, reply.oneTimePassword);
      }
      onSaved();
    } catch (err) {
      sf.applyServerError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Form form={sf.form} layout="vertical" onFinish={submit} name="user">
      {user ? (
        <Form.Item label="用户名">
          <Input value={user.username} disabled />
        </Form.Item>
      ) : (
        <Form.Item label="用户名" {...sf.item('username')} extra="用于登录，字母、数字和 _ . @ -，创建后不能修改">
          <Input maxLength={32} autoComplete="off" autoFocus />
        </Form.Item>
      )}
      <Form.Item label="姓名" {...sf.item('displayName')} required>
        <Input maxLength={20} autoComplete="off" />
      </Form.Item>
      <Form.Item label="手机号" {...sf.item('phone')} extra={user?.phone ? `当前：${user.phone}；不修改请留空` : undefined}>
        <Input maxLength={20} inputMode="tel" autoComplete="off" />
      </Form.Item>
      <Form.Item label="所属" name="placement" required>
        <Radio.Group
          disabled={isSelf}
          options={[
            { value: 'org', label: '组织（县、乡镇、村社区、学校）' },
            { value: 'member', label: '成员单位' },
          ]}
          onChange={() => sf.form.setFieldsValue({ orgUnitId: undefined, memberUnitId: undefined })}
        />
      </Form.Item>
      {placement === 'org' ? (
        <Form.Item label="所属组织" {...sf.item('orgUnitId')} required>
          <OrgTreeSelect disabled={isSelf} />
        </Form.Item>
      ) : (
        <Form.Item label="所属成员单位" {...sf.item('memberUnitId')} required>
          <Select options={memberUnits.options} loading={memberUnits.loading} showSearch={{ optionFilterProp: 'label' }} placeholder="请选择成员单位" disabled={isSelf} />
        </Form.Item>
      )}
      {!user && can('role:grant') && (
        <Form.Item label="角色" {...sf.item('roleIds')}>
          <Select mode="multiple" options={roleOptions} optionFilterProp="label" placeholder="请选择角色" />
        </Form.Item>
      )}
      <Form.Item label="备注" {...sf.item('remark')}>
        <Input.TextArea rows={3} maxLength={200} showCount />
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

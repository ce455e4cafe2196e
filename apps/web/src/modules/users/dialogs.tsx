import { useState } from 'react';
import { Alert, Form, Input, Modal, Select, Typography } from 'antd';
import { unmaskReason, userRolesBody, type User } from '@gg/shared';
import { api } from '../../app/api';
import { feedback, showSuccess } from '../../app/feedback';
import { OrgTreeSelect } from '../../components/OrgTreeSelect';
import { applyFieldErrors, useSchemaForm } from '../../components/schemaForm';
import { useRoles } from '../../components/options';

/** The one-time password, shown once: the user must change it at first sign-in. */
export function showOneTimePassword(user: { username: string; displayName: string }, password: string, title = '账号已创建') {
  feedback.modal?.success({
    title,
    width: 480,
    okText: '我已记下',
    content: (
      <div>
        <p>
          {user.displayName}（{user.username}）的一次性密码如下，<b>只显示这一次</b>，请当面或通过安全渠道告知本人。首次登录须修改密码。
        </p>
        <Typography.Paragraph copyable={{ text: password, tooltips: ['复制', '已复制'] }} className="gg-secret" style={{ background: '#fafafa', padding: '8px 12px', border: '1px dashed #d9d9d9' }}>
          {password}
        </Typography.Paragraph>
      </div>
    ),
  });
}

/** 分配角色: roles and, for 自定义组织 roles, the org nodes of the data scope. */
export function RolesModal({ user, onClose, onSaved }: { user: User | null; onClose: () => void; onSaved: () => void }) {
  const { roles, options } = useRoles();
  const sf = useSchemaForm(userRolesBody);
  const [busy, setBusy] = useState(false);
  const roleIds = (Form.useWatch('roleIds', sf.form) as string[] | undefined) ?? [];
  const needsCustom = roles.some((r) => roleIds.includes(r.id) && r.dataScope === 'custom');
  return (
    <Modal
      open={Boolean(user)}
      title={`分配角色 · ${user?.displayName ?? ''}`}
      okText="保存"
      cancelText="取消"
      confirmLoading={busy}
      destroyOnHidden
      onCancel={onClose}
      afterOpenChange={(open) => open && user && sf.form.setFieldsValue({ roleIds: user.roles.map((r) => r.id), customScopeOrgUnitIds: user.customScopeOrgUnitIds })}
      onOk={async () => {
        if (!user) return;
        const values = await sf.submitValues();
        if (!values) return;
        setBusy(true);
        try {
          await api.put(`/api/users/${user.id}/roles`, { roleIds: values.roleIds, ...(needsCustom ? { customScopeOrgUnitIds: values.customScopeOrgUnitIds ?? [] } : {}) });
          showSuccess('角色已分配');
          onSaved();
        } catch (err) {
          applyFieldErrors(sf.form, err);
        } finally {
          setBusy(false);
        }
      }}
    >
      <Alert type="info" showIcon style={{ marginBottom: 16 }} title="系统管理员、安全管理员、审计管理员（三员）不能由同一账号兼任。" />
      <Form form={sf.form} layout="vertical" name="user-roles">
        <Form.Item label="角色" {...sf.item('roleIds')}>
          <Select mode="multiple" options={options} placeholder="请选择角色" optionFilterProp="label" />
        </Form.Item>
        {needsCustom && (
          <Form.Item label="自定义数据范围（所选组织及其下级）" {...sf.item('customScopeOrgUnitIds')}>
            <OrgTreeSelect multiple treeCheckable={false} placeholder="请选择组织" />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}

/** 显示: the full phone number, after the reason is given (logged). */
export function UnmaskModal({ user, onClose }: { user: User | null; onClose: () => void }) {
  const [form] = Form.useForm<{ reason: string }>();
  const [value, setValue] = useState<string | null | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const close = () => {
    setValue(undefined);
    onClose();
  };
  return (
    <Modal
      open={Boolean(user)}
      title={`查看完整手机号 · ${user?.displayName ?? ''}`}
      okText={value === undefined ? '查看' : '关闭'}
      cancelText="取消"
      confirmLoading={busy}
      destroyOnHidden
      onCancel={close}
      onOk={async () => {
        if (!user) return;
        if (value !== undefined) return close();
        const { reason } = await form.validateFields();
        setBusy(true);
        try {
          const reply = await api.post<{ value: string | null }>(`/api/users/${user.id}/unmask`, { field: 'phone', reason });
          setValue(reply.value);
        } catch (err) {
          applyFieldErrors(form, err);
        } finally {
          setBusy(false);
        }
      }}
    >
      {value === undefined ? (
        <Form form={form} layout="vertical" name="unmask">
          <p>查看完整信息会记入审计日志，请写明原因。</p>
          <Form.Item
            name="reason"
            label="查看原因"
            required
            rules={[{ validator: async (_, v) => { const r = unmaskReason.safeParse(v ?? ''); if (!r.success) throw new Error(r.error.issues[0].message); } }]}
          >
            <Input.TextArea rows={3} maxLength={200} showCount placeholder="如：核实联系方式，通知参加培训" />
          </Form.Item>
        </Form>
      ) : (
        <Typography.Paragraph copyable={value ? { text: value } : false} style={{ fontSize: 20 }}>
          {value ?? '未登记手机号'}
        </Typography.Paragraph>
      )}
    </Modal>
  );
}

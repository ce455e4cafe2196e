import { useState } from 'react';
import { Link, Navigate, useNavigate } from 'react-router';
import { Alert, Button, Form, Input, Space } from 'antd';
import { CheckCircleFilled, CloseCircleOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { changePasswordBody, defaultSecuritySettings, passwordClasses, type PendingAction } from '@gg/shared';
import { request } from '../../app/api';
import { meKey, pendingPath, useAuth } from '../../app/auth';
import { showSuccess } from '../../app/feedback';
import { PageLoading } from '../../app/PageLoading';
import { useSchemaForm } from '../../components/schemaForm';
import { AuthShell } from './AuthShell';

const { passwordMinLength: minLength, passwordMinClasses: minClasses } = defaultSecuritySettings;

/** The policy as the user types: each rule ticks green when met. */
function PolicyHints({ password, username }: { password: string; username: string }) {
  const rules = [
    { ok: password.length >= minLength, text: `至少 ${minLength} 个字符` },
    { ok: passwordClasses(password) >= minClasses, text: `至少包含大写字母、小写字母、数字、符号中的 ${minClasses} 类` },
    { ok: password.length > 0 && !password.toLowerCase().includes(username.toLowerCase()), text: '不包含用户名' },
  ];
  return (
    <ul aria-label="密码要求" style={{ listStyle: 'none', padding: 0, margin: '0 0 16px' }}>
      {rules.map((r) => (
        <li key={r.text} style={{ color: r.ok ? '#389e0d' : '#595959', lineHeight: '28px' }}>
          {r.ok ? <CheckCircleFilled aria-hidden /> : <CloseCircleOutlined aria-hidden />} <span>{r.text}</span>
          <span className="sr-only" style={{ position: 'absolute', left: -9999 }}>
            {r.ok ? '（已满足）' : '（未满足）'}
          </span>
        </li>
      ))}
    </ul>
  );
}

export default function ChangePasswordPage() {
  const { me, loading } = useAuth();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const [busy, setBusy] = useState(false);
  const schemaForm = useSchemaForm(changePasswordBody);
  const { form, item } = schemaForm;
  const newPassword = (Form.useWatch('newPassword', form) as string | undefined) ?? '';

  if (loading) return <PageLoading full />;
  if (!me) return <Navigate to="/login" replace />;
  const forced = me.pending.includes('changePassword');

  const submit = async () => {
    const values = await schemaForm.submitValues();
    if (!values) return;
    if (form.getFieldValue('confirm') !== values.newPassword) {
      form.setFields([{ name: 'confirm', errors: ['两次输入的新密码不一致'] }]);
      return;
    }
    setBusy(true);
    try {
      const reply = await request<{ pending: PendingAction[] }>('POST', '/api/auth/password', { body: values });
      qc.setQueryData(meKey, { ...me, pending: reply.pending });
      showSuccess('密码已修改');
      navigate(pendingPath(reply.pending) ?? '/', { replace: true });
    } catch (err) {
      schemaForm.applyServerError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <AuthShell title={forced ? '请先修改密码' : '修改密码'} width={500}>
      {forced && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 20 }}
          title="为了账号安全，首次登录或密码过期后须修改密码，修改后才能继续使用。"
        />
      )}
      <Form form={form} layout="vertical" size="large" onFinish={submit} name="change-password">
        <input type="text" name="username" autoComplete="username" value={me.username} readOnly hidden />
        <Form.Item label="原密码" {...item('oldPassword')}>
          <Input.Password autoComplete="current-password" autoFocus />
        </Form.Item>
        <Form.Item label="新密码" {...item('newPassword')}>
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <PolicyHints password={newPassword} username={me.username} />
        <Form.Item
          label="确认新密码"
          name="confirm"
          required
          dependencies={['newPassword']}
          rules={[
            ({ getFieldValue }) => ({
              validator: async (_, v) => {
                if (!v) throw new Error('请再次输入新密码');
                if (v !== getFieldValue('newPassword')) throw new Error('两次输入的新密码不一致');
              },
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item>
          <Space style={{ width: '100%', justifyContent: 'space-between' }}>
            {!forced ? <Link to="/">返回</Link> : <span />}
            <Button type="primary" htmlType="submit" loading={busy} style={{ minWidth: 140 }}>
              确认修改
            </Button>
          </Space>
        </Form.Item>
      </Form>
    </AuthShell>
  );
}

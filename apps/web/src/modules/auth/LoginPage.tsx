import { useCallback, useRef, useState } from 'react';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { Alert, Button, Form, Input } from 'antd';
import { LockOutlined, SafetyOutlined, UserOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { loginBody, type Me, type PendingAction } from '@gg/shared';
import { ApiError, request } from '../../app/api';
import { forgetOthers, meKey, pendingPath, useAuth } from '../../app/auth';
import { useSchemaForm } from '../../components/schemaForm';
import { AuthShell } from './AuthShell';

/** Only same-site paths are followed after sign-in. */
function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/login') ? next : '/';
}

export default function LoginPage() {
  const { me } = useAuth();
  const navigate = useNavigate();
  const [sp] = useSearchParams();
  const qc = useQueryClient();
  const [needOtp, setNeedOtp] = useState(false);
  const [problem, setProblem] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const otpRef = useRef<{ focus: () => void } | null>(null);
  const schemaForm = useSchemaForm(loginBody);
  const { form, item } = schemaForm;

  const submit = useCallback(async () => {
    const values = await schemaForm.submitValues();
    if (!values) return;
    setBusy(true);
    setProblem(null);
    try {
      const reply = await request<{ user: Me; pending: PendingAction[] }>('POST', '/api/auth/login', { body: values, quiet: true });
      forgetOthers(qc);
      qc.setQueryData(meKey, { ...reply.user, pending: reply.pending });
      navigate(pendingPath(reply.pending) ?? safeNext(sp.get('next')), { replace: true });
    } catch (err) {
      if (err instanceof ApiError && err.code === 'SECOND_FACTOR_REQUIRED') {
        setNeedOtp(true);
        setTimeout(() => otpRef.current?.focus(), 50);
      } else if (err instanceof ApiError && err.code === 'SECOND_FACTOR_INVALID') {
        form.setFields([{ name: 'otp', errors: [err.message] }]);
      } else if (err instanceof ApiError) {
        setProblem(err);
        form.setFieldValue('password', '');
      } else {
        setProblem(new ApiError(0, 'NETWORK', '无法连接服务器，请检查网络后重试', null));
      }
    } finally {
      setBusy(false);
    }
  }, [schemaForm, qc, navigate, sp, form]);

  if (me && !pendingPath(me.pending)) return <Navigate to={safeNext(sp.get('next'))} replace />;

  return (
    <AuthShell title="用户登录">
      {problem && (
        <Alert
          type="error"
          showIcon
          role="alert"
          style={{ marginBottom: 20 }}
          title={problem.message}
          description={problem.status >= 500 && problem.requestId ? `请求编号：${problem.requestId}` : undefined}
        />
      )}
      {needOtp && !problem && <Alert type="info" showIcon style={{ marginBottom: 20 }} title="该账号已开启动态验证码，请输入验证器应用上显示的6位数字。" />}
      <Form form={form} layout="vertical" size="large" requiredMark={false} onFinish={submit} name="login">
        <Form.Item label="用户名" {...item('username')}>
          <Input prefix={<UserOutlined />} autoComplete="username" autoFocus placeholder="请输入用户名" />
        </Form.Item>
        <Form.Item label="密码" {...item('password')}>
          <Input.Password prefix={<LockOutlined />} autoComplete="current-password" placeholder="请输入密码" />
        </Form.Item>
        {needOtp && (
          <Form.Item label="动态验证码" {...item('otp')} extra="打开手机上的验证器应用，输入“关工通”对应的6位数字">
            <Input
              ref={(el) => {
                otpRef.current = el;
              }}
              prefix={<SafetyOutlined />}
              autoComplete="one-time-code"
              inputMode="numeric"
              maxLength={6}
              placeholder="6位数字"
            />
          </Form.Item>
        )}
        <Form.Item style={{ marginTop: 8 }}>
          <Button type="primary" htmlType="submit" block loading={busy}>
            登录
          </Button>
        </Form.Item>
      </Form>
      <p style={{ color: '#8c8c8c', fontSize: 13, margin: 0 }}>连续多次输错密码，账号将被临时锁定。忘记密码请联系系统管理员重置。</p>
    </AuthShell>
  );
}

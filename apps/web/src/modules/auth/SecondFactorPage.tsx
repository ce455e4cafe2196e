import { useEffect, useState } from 'react';
import { Navigate, useNavigate } from 'react-router';
import { Alert, Button, Col, Form, Input, QRCode, Row, Steps, Typography } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { PendingAction } from '@gg/shared';
import { z } from 'zod';
import { ApiError, request } from '../../app/api';
import { meKey, pendingPath, useAuth } from '../../app/auth';
import { showSuccess } from '../../app/feedback';
import { PageLoading } from '../../app/PageLoading';
import { useSchemaForm } from '../../components/schemaForm';
import { onMutationError } from '../../components/mutation';
import { AuthShell } from './AuthShell';

// The same rule as the confirm route's body.
const confirmBody = z.strictObject({ otp: z.string({ error: '请输入动态验证码' }).trim().regex(/^\d{6}$/, { error: '动态验证码为6位数字' }) });

interface Setup {
  secret: string;
  uri: string;
  algorithm: string;
}

/** The secret in groups of four, easy to read aloud and type. */
export function groupSecret(secret: string): string {
  return secret.replace(/(.{4})/g, '$1 ').trim();
}

export default function SecondFactorPage() {
  const { me, loading } = useAuth();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const schemaForm = useSchemaForm(confirmBody);
  const [busy, setBusy] = useState(false);
  const setup = useMutation({ mutationFn: () => request<Setup>('POST', '/api/auth/second-factor/setup'), onError: onMutationError });
  const needsSetup = Boolean(me && !me.secondFactorEnabled);

  useEffect(() => {
    if (needsSetup && setup.isIdle) setup.mutate();
  }, [needsSetup, setup]);

  if (loading) return <PageLoading full />;
  if (!me) return <Navigate to="/login" replace />;
  if (me.pending.includes('changePassword')) return <Navigate to="/change-password" replace />;
  if (me.secondFactorEnabled && !me.pending.includes('setupSecondFactor')) return <Navigate to="/" replace />;

  const confirm = async () => {
    const values = await schemaForm.submitValues();
    if (!values) return;
    setBusy(true);
    try {
      const reply = await request<{ pending: PendingAction[] }>('POST', '/api/auth/second-factor/confirm', { body: values });
      qc.setQueryData(meKey, { ...me, pending: reply.pending, secondFactorEnabled: true });
      showSuccess('动态验证码已绑定，以后登录时须输入');
      navigate(pendingPath(reply.pending) ?? '/', { replace: true });
    } catch (err) {
      if (err instanceof ApiError && err.code === 'SECOND_FACTOR_INVALID') schemaForm.form.setFields([{ name: 'otp', errors: ['动态验证码错误，请核对手机时间后输入最新的6位数字'] }]);
      else schemaForm.applyServerError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <AuthShell title="绑定动态验证码" width={680}>
      <Alert type="info" showIcon style={{ marginBottom: 20 }} title="您的账号可管理系统或查看敏感信息，登录时除密码外还须输入手机验证器上的动态验证码。" />
      <Steps
        size="small"
        style={{ marginBottom: 24 }}
        items={[{ title: '安装验证器应用' }, { title: '扫码或输入密钥' }, { title: '输入6位验证码' }]}
        current={1}
      />
      {setup.isPending && <PageLoading />}
      {setup.data && (
        <Row gutter={32} align="middle">
          <Col xs={24} sm={10} style={{ textAlign: 'center' }}>
            <QRCode value={setup.data.uri} size={200} bordered aria-label="绑定二维码" />
            <div style={{ color: '#8c8c8c', marginTop: 8 }}>用验证器应用扫描二维码</div>
          </Col>
          <Col xs={24} sm={14}>
            <Typography.Paragraph>无法扫码时，在验证器中选择“输入密钥”，账号填写 {me.username}，密钥为：</Typography.Paragraph>
            <Typography.Paragraph copyable={{ text: setup.data.secret }} className="gg-secret" data-testid="totp-secret">
              {groupSecret(setup.data.secret)}
            </Typography.Paragraph>
            <Typography.Paragraph type="secondary">类型：基于时间，6位数字，每30秒更新（算法 {setup.data.algorithm}）。</Typography.Paragraph>
            <Form form={schemaForm.form} layout="vertical" size="large" onFinish={confirm} name="second-factor">
              <Form.Item label="动态验证码" {...schemaForm.item('otp')}>
                <Input autoComplete="one-time-code" inputMode="numeric" maxLength={6} placeholder="6位数字" />
              </Form.Item>
              <Button type="primary" htmlType="submit" loading={busy} block>
                完成绑定
              </Button>
            </Form>
          </Col>
        </Row>
      )}
      {setup.isError && (
        <Button type="primary" onClick={() => setup.mutate()}>
          重新获取绑定密钥
        </Button>
      )}
    </AuthShell>
  );
}

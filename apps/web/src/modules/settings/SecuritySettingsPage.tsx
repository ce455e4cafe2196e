import { useEffect, useState } from 'react';
import { Alert, Button, Card, Col, Form, InputNumber, Row, Select, Space, Switch, Typography } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { securitySettingLabels, securitySettings, type SecuritySettings, type SecuritySettingsView } from '@gg/shared';
import { api } from '../../app/api';
import { showSuccess } from '../../app/feedback';
import { fmtDateTime } from '../../app/format';
import { ErrorResult } from '../../app/ErrorPage';
import { PageLoading } from '../../app/PageLoading';
import { useSchemaForm } from '../../components/schemaForm';

type Key = keyof SecuritySettings;
const sections: { title: string; keys: Key[] }[] = [
  { title: '密码策略', keys: ['passwordMinLength', 'passwordMinClasses', 'passwordMaxAgeDays', 'passwordHistory'] },
  { title: '登录与锁定', keys: ['lockoutThreshold', 'lockoutMinutes', 'loginRatePerMinute', 'secondFactorForPrivileged'] },
  { title: '会话', keys: ['sessionIdleMinutes', 'sessionAbsoluteHours'] },
  { title: '审计与访问控制', keys: ['auditRetentionDays', 'ipBlocklist'] },
];

/** 安全策略: the 等保 settings, validated with the shared schema; only the changed items are sent. */
export default function SecuritySettingsPage() {
  const qc = useQueryClient();
  const view = useQuery({ queryKey: ['settings', 'security'], queryFn: () => api.get<SecuritySettingsView>('/api/settings/security') });
  const sf = useSchemaForm(securitySettings);
  const [busy, setBusy] = useState(false);
  const editable = Boolean(view.data?.actions.includes('update'));

  useEffect(() => {
    if (view.data) sf.form.setFieldsValue(view.data.settings);
  }, [sf.form, view.data]);

  if (view.isLoading) return <PageLoading />;
  if (view.error || !view.data) return <Card><ErrorResult error={view.error} onRetry={() => void view.refetch()} /></Card>;
  const { settings, defaults } = view.data;

  const submit = async () => {
    const values = (await sf.submitValues()) as SecuritySettings | null;
    if (!values) return;
    const changed = Object.fromEntries(Object.entries(values).filter(([k, v]) => JSON.stringify(v) !== JSON.stringify(settings[k as Key])));
    if (!Object.keys(changed).length) {
      showSuccess('没有需要保存的修改');
      return;
    }
    setBusy(true);
    try {
      const saved = await api.put<SecuritySettingsView>('/api/settings/security', changed);
      qc.setQueryData(['settings', 'security'], saved);
      showSuccess('安全策略已保存');
    } catch (err) {
      sf.applyServerError(err);
    } finally {
      setBusy(false);
    }
  };

  const field = (k: Key) => {
    const hint = `默认：${Array.isArray(defaults[k]) ? '无' : typeof defaults[k] === 'boolean' ? (defaults[k] ? '开启' : '关闭') : String(defaults[k])}`;
    if (k === 'secondFactorForPrivileged') {
      return (
        <Form.Item key={k} label={securitySettingLabels[k]} {...sf.item(k)} valuePropName="checked" extra={hint}>
          <Switch checkedChildren="开启" unCheckedChildren="关闭" disabled={!editable} />
        </Form.Item>
      );
    }
    if (k === 'ipBlocklist') {
      return (
        <Form.Item key={k} label={securitySettingLabels[k]} {...sf.item(k)} extra="输入 IP 地址后按回车，可填多个">
          <Select mode="tags" tokenSeparators={[',', ' ', '，']} placeholder="如 192.168.1.100" disabled={!editable} open={false} suffixIcon={null} />
        </Form.Item>
      );
    }
    return (
      <Form.Item key={k} label={securitySettingLabels[k]} {...sf.item(k)} extra={hint}>
        <InputNumber precision={0} style={{ width: 200 }} disabled={!editable} />
      </Form.Item>
    );
  };

  return (
    <Card>
      {!editable && <Alert type="info" showIcon style={{ marginBottom: 16 }} title="您可以查看安全策略；修改须由安全管理员进行。" />}
      <Form form={sf.form} layout="vertical" onFinish={submit} name="security-settings">
        <Row gutter={32}>
          {sections.map((s) => (
            <Col key={s.title} xs={24} lg={12}>
              <Typography.Title level={5} style={{ borderLeft: '3px solid #a8201a', paddingLeft: 8 }}>
                {s.title}
              </Typography.Title>
              {s.keys.map(field)}
            </Col>
          ))}
        </Row>
        <Space style={{ width: '100%', justifyContent: 'space-between' }} wrap>
          <Typography.Text type="secondary">
            {view.data.updatedAt ? `最近修改：${fmtDateTime(view.data.updatedAt)}${view.data.updatedBy ? `，${view.data.updatedBy.displayName}` : ''}` : '尚未修改过，使用默认值'}
          </Typography.Text>
          {editable && (
            <Space>
              <Button onClick={() => sf.form.setFieldsValue(settings)}>撤销修改</Button>
              <Button type="primary" htmlType="submit" loading={busy}>
                保存
              </Button>
            </Space>
          )}
        </Space>
      </Form>
    </Card>
  );
}

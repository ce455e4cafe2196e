import { lazy, Suspense } from 'react';
import { Link } from 'react-router';
import { Card, Col, Descriptions, Row, Skeleton, Space, Statistic, Tag, Typography } from 'antd';
import { useQueries } from '@tanstack/react-query';
import { dataScopeLabels, orgUnitKindLabels, type OrgUnitKind } from '@gg/shared/enums';
import { api, type Page } from '../../app/api';
import { useAuth } from '../../app/auth';
import { useApiPaths } from '../../app/apiPaths';
import { useVisiblePages } from '../../app/AppLayout';
import { fmtCount } from '../../app/format';
import { useAfterFirstPaint } from '../../app/useAfterFirstPaint';
// The county overview is part of this chunk (3.6 KB br; its charts and table load on their own): one lazy part less
// between signing in and the figures (issue 10). Only those who may read it render it.
import Dashboard from './Dashboard';

const InboxCard = lazy(() => import('./InboxCard'));

const countedKinds: OrgUnitKind[] = ['township', 'village', 'community', 'school', 'enterprise'];

interface Count {
  key: string;
  title: string;
  suffix: string;
  url: string;
  query: Record<string, string | number>;
  link: string;
}

/**
 * 工作概览: who I am, the county (or township) overview for those with dashboard:read, where I can go, and the
 * counts the API gives cheaply (a list's total). Nothing invented.
 */
export default function HomePage() {
  const { me, can } = useAuth();
  const apiPaths = useApiPaths();
  const { groups } = useVisiblePages();

  const counts: Count[] = [];
  if (me && can('orgUnit:read') && apiPaths.has('/api/org-units')) {
    for (const kind of countedKinds) {
      counts.push({ key: `org-${kind}`, title: orgUnitKindLabels[kind], suffix: '个', url: '/api/org-units', query: { kind, status: 'active', pageSize: 1 }, link: '/org-units' });
    }
  }
  if (me && can('memberUnit:read') && apiPaths.has('/api/member-units')) {
    counts.push({ key: 'member-units', title: '成员单位', suffix: '家', url: '/api/member-units', query: { status: 'active', pageSize: 1 }, link: '/member-units' });
  }
  if (me && can('user:read') && apiPaths.has('/api/users')) {
    counts.push({ key: 'users', title: '用户账号', suffix: '个', url: '/api/users', query: { status: 'active', pageSize: 1 }, link: '/users' });
  }
  // Below the overview (off screen at first), the counts and the shortcuts come a frame after the rest.
  const later = useAfterFirstPaint();
  const results = useQueries({
    queries: (later ? counts : []).map((c) => ({ queryKey: ['count', c.url, c.query], queryFn: () => api.get<Page<unknown>>(c.url, c.query), staleTime: 60_000 })),
  });

  if (!me) return null;
  const where = me.memberUnit?.name ?? me.orgUnit?.name ?? '—';

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card>
        <Row gutter={24} align="middle">
          <Col xs={24} lg={14}>
            <Typography.Title level={3} style={{ marginTop: 0 }}>
              {me.displayName}，您好！
            </Typography.Title>
            <Descriptions column={1} size="small" styles={{ label: { width: 96 } }}>
              <Descriptions.Item label={me.memberUnit ? '成员单位' : '所属组织'}>
                {where}
                {me.orgUnit && !me.memberUnit && <Tag style={{ marginLeft: 8 }}>{orgUnitKindLabels[me.orgUnit.kind]}</Tag>}
              </Descriptions.Item>
              <Descriptions.Item label="角色">
                {me.roles.length ? me.roles.map((r) => <Tag key={r.code} color="red">{r.name}（{dataScopeLabels[r.dataScope]}）</Tag>) : '—'}
              </Descriptions.Item>
              <Descriptions.Item label="动态验证码">{me.secondFactorEnabled ? '已绑定' : '未绑定'}</Descriptions.Item>
            </Descriptions>
          </Col>
          <Col xs={24} lg={10}>
            <div style={{ borderLeft: '3px solid #a8201a', padding: '4px 16px', background: '#fdf6f5', color: '#5c0b07' }}>
              <div style={{ fontWeight: 600, marginBottom: 4 }}>立德树人 · 助弱帮困 · 固本强基</div>
              <div style={{ fontSize: 13, lineHeight: 1.8 }}>心往一处想，劲往一处使，切实构建“组织联体、工作联动、阵地联建、优势互补”的良好局面。</div>
            </div>
          </Col>
        </Row>
      </Card>

      {apiPaths.has('/api/inbox') && (
        <Suspense fallback={null}>
          <InboxCard />
        </Suspense>
      )}

      {can('dashboard:read') && apiPaths.has('/api/dashboard/overview') && <Dashboard />}

      {later && counts.length > 0 && (
        <Card title="基本情况">
          <Row gutter={[16, 16]}>
            {counts.map((c, i) => {
              const r = results[i];
              return (
                <Col key={c.key} xs={12} md={8} xl={4}>
                  <Link to={c.link} aria-label={`${c.title}：查看详情`}>
                    <Card size="small" hoverable>
                      {r.isLoading ? (
                        <Skeleton active paragraph={false} />
                      ) : (
                        <Statistic title={c.title} value={r.data ? fmtCount(r.data.total) : '—'} suffix={r.data ? c.suffix : undefined} />
                      )}
                    </Card>
                  </Link>
                </Col>
              );
            })}
          </Row>
          <Typography.Paragraph type="secondary" style={{ margin: '12px 0 0' }}>
            以上为您数据范围内启用状态的数量。
          </Typography.Paragraph>
        </Card>
      )}

      {later && (
        <Card title="常用功能">
          {groups.length === 0 ? (
            <Typography.Text type="secondary">您的账号暂无可用的业务功能，如需开通请联系系统管理员。</Typography.Text>
          ) : (
            <Row gutter={[16, 16]}>
              {groups.flatMap((g) =>
                g.pages.map((p) => (
                  <Col key={p.path} xs={12} md={8} xl={6}>
                    <Link to={p.path}>
                      <Card size="small" hoverable>
                        <Space>
                          <span style={{ fontSize: 22, color: '#a8201a' }}>{p.icon}</span>
                          <span>
                            <div style={{ fontSize: 16, color: '#1f1f1f' }}>{p.title}</div>
                            <div style={{ fontSize: 12, color: '#8c8c8c' }}>{g.label}</div>
                          </span>
                        </Space>
                      </Card>
                    </Link>
                  </Col>
                )),
              )}
            </Row>
          )}
        </Card>
      )}
    </Space>
  );
}

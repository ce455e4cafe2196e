import { Suspense, useMemo, useState } from 'react';
import { Link, Navigate, Outlet, useLocation, useNavigate } from 'react-router';
import { Avatar, Breadcrumb, Button, Dropdown, Layout, Result, Space, Tooltip, type MenuProps } from 'antd';
import { ApartmentOutlined, BankOutlined, DownOutlined, KeyOutlined, LogoutOutlined, MenuFoldOutlined, MenuUnfoldOutlined, UserOutlined } from '@ant-design/icons';
// Labels from the zod-free part of @gg/shared: the first screen after signing in need not evaluate every schema.
import { orgUnitKindLabels } from '@gg/shared/enums';
import { pendingPath, useAuth } from './auth';
import { allPages, groupOf, homePage, menuGroups, type PageDef } from './pages';
import { useApiPaths } from './apiPaths';
import { PageLoading } from './PageLoading';
import { NoticeBell } from './NoticeBell';
import { TaskCentre } from '../modules/tasks/TaskCentre';
import { showError } from './feedback';
import { SideNav } from './SideNav';

const { Header, Sider, Content } = Layout;

/** Pages this user may open: the page exists on the server and the user holds its read permission. */
export function useVisiblePages() {
  const { can } = useAuth();
  const api = useApiPaths();
  return useMemo(() => {
    const visible = (p: PageDef) => (!p.permission || can(p.permission)) && api.has(p.api);
    const inGroup = (p: PageDef) => visible(p) && (!p.menuPermission || can(p.menuPermission));
    const groups = menuGroups.map((g) => ({ ...g, pages: g.pages.filter(inGroup) })).filter((g) => g.pages.length > 0);
    const topLevel = allPages.filter((p) => p.topLevelForReaders && visible(p) && !inGroup(p));
    return { visible, groups, topLevel, ready: api.ready };
  }, [can, api]);
}

export function AppLayout() {
  const { me, loading, logout } = useAuth();
  const location = useLocation();
  const navigate = useNavigate();
  const [collapsed, setCollapsed] = useState(false);
  const { groups, topLevel } = useVisiblePages();

  if (loading) return <PageLoading full />;
  if (!me) {
    const here = location.pathname + location.search;
    return <Navigate to={here === '/' ? '/login' : `/login?next=${encodeURIComponent(here)}`} replace />;
  }
  const pending = pendingPath(me.pending);
  if (pending) return <Navigate to={pending} replace />;

  const navItem = (p: PageDef) => ({ path: p.path, title: p.title, icon: p.icon });
  const navGroups = groups.map((g) => ({ key: g.key, label: g.label, items: g.pages.map(navItem) }));

  const current = allPages.find((p) => p.path === location.pathname);
  const group = current && !topLevel.includes(current) ? groupOf(current.path) : undefined;
  const where = me.memberUnit ? me.memberUnit.name : me.orgUnit ? me.orgUnit.name : '';
  const whereKind = me.memberUnit ? '成员单位' : me.orgUnit ? orgUnitKindLabels[me.orgUnit.kind] : '';

  const userMenu: MenuProps['items'] = [
    { key: 'password', icon: <KeyOutlined />, label: '修改密码' },
    { type: 'divider' },
    { key: 'logout', icon: <LogoutOutlined />, label: '退出登录', danger: true },
  ];

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Header style={{ display: 'flex', alignItems: 'center', justifyContent: 'space-between', position: 'sticky', top: 0, zIndex: 20, background: 'linear-gradient(90deg, #7f1410, #a8201a)' }}>
        <Link to="/" className="gg-brand" aria-label="关工通 首页">
          <span className="gg-brand-mark" aria-hidden>
            关
          </span>
          <span className="gg-brand-name">关工通</span>
          <span className="gg-brand-sub">关心下一代工作平台</span>
        </Link>
        <div className="gg-header-right">
          {where && (
            <Tooltip title={whereKind}>
              <Space size={6} style={{ color: '#f3d28b' }}>
                {me.memberUnit ? <BankOutlined /> : <ApartmentOutlined />}
                <span>{where}</span>
              </Space>
            </Tooltip>
          )}
          <NoticeBell />
          <TaskCentre />
          <Dropdown
            menu={{
              items: userMenu,
              onClick: async ({ key }) => {
                if (key === 'password') navigate('/change-password');
                if (key === 'logout') {
                  try {
                    await logout();
                  } catch (err) {
                    showError(err);
                  }
                  navigate('/login', { replace: true });
                }
              },
            }}
          >
            <Button type="text" aria-label="用户菜单">
              <Space>
                <Avatar size="small" icon={<UserOutlined />} style={{ background: '#f3d28b', color: '#7f1410' }} />
                <span>{me.displayName}</span>
                <DownOutlined />
              </Space>
            </Button>
          </Dropdown>
        </div>
      </Header>
      <Layout>
        <Sider width={232} collapsible collapsed={collapsed} trigger={null} theme="light" style={{ borderRight: '1px solid #eee' }}>
          <SideNav top={[homePage, ...topLevel].map(navItem)} groups={navGroups} current={current?.path ?? location.pathname} collapsed={collapsed} />
          <div style={{ padding: '8px 16px' }}>
            <Button type="text" aria-label={collapsed ? '展开菜单' : '收起菜单'} icon={collapsed ? <MenuUnfoldOutlined /> : <MenuFoldOutlined />} onClick={() => setCollapsed((v) => !v)} />
          </div>
        </Sider>
        <Content style={{ padding: '16px 24px 24px' }}>
          <main>
            <Breadcrumb
              style={{ marginBottom: 8 }}
              items={[
                { title: <Link to="/">首页</Link> },
                ...(group ? [{ title: group.label }] : []),
                ...(current && current !== homePage ? [{ title: current.title }] : []),
              ]}
            />
            <Suspense fallback={<PageLoading />}>
              <Outlet />
            </Suspense>
          </main>
          <footer className="gg-footer">关工通 · 关心下一代工作平台 · 关工委搭台、部门唱戏</footer>
        </Content>
      </Layout>
    </Layout>
  );
}

/** Opens a page only for users who hold its read permission; everyone else sees why not. */
export function PageGate({ page }: { page: PageDef }) {
  const { can } = useAuth();
  const { visible, ready } = useVisiblePages();
  if (!ready) return <PageLoading />;
  if (page.permission && !can(page.permission)) {
    return <Result status="403" title="没有权限" subTitle={`您的账号没有「${page.title}」的查看权限，如需使用请联系系统管理员。`} />;
  }
  if (!visible(page)) return <Result status="404" title="功能尚未开通" subTitle={`「${page.title}」暂未开通。`} />;
  const Component = page.component;
  return (
    <>
      <h1 className="gg-page-title">{page.title}</h1>
      <Component />
    </>
  );
}

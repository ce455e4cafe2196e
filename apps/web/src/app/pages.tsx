import { lazy, type ComponentType, type LazyExoticComponent, type ReactNode } from 'react';
import {
  ApartmentOutlined,
  AuditOutlined,
  BankOutlined,
  BookOutlined,
  DesktopOutlined,
  HomeOutlined,
  LoginOutlined,
  NotificationOutlined,
  SafetyCertificateOutlined,
  TeamOutlined,
  UserSwitchOutlined,
} from '@ant-design/icons';
import type { Permission } from '@gg/shared';

export interface PageDef {
  path: string;
  title: string;
  icon: ReactNode;
  /** The read permission a user must hold to see the page in the menu (none: every signed-in user). */
  permission?: Permission;
  /** The API path the page reads; the page appears only once the server offers it. */
  api: string;
  component: LazyExoticComponent<ComponentType>;
}

export interface MenuGroup {
  key: string;
  label: string;
  pages: PageDef[];
}

const page = (def: Omit<PageDef, 'component'>, load: () => Promise<{ default: ComponentType }>): PageDef => ({ ...def, component: lazy(load) });

export const homePage = page({ path: '/', title: '工作概览', icon: <HomeOutlined />, api: '/api/auth/me' }, () => import('../modules/dashboard/HomePage'));

/**
 * The side menu, grouped by the work areas of the 2023 joint-meeting speech. The later modules
 * (五老队伍, 关爱帮扶, 宣讲教育, 技能培训, 目标考核) join their groups here as their pages are built.
 */
export const menuGroups: MenuGroup[] = [
  {
    key: 'org',
    label: '组织体系',
    pages: [
      page({ path: '/org-units', title: '组织架构', icon: <ApartmentOutlined />, permission: 'orgUnit:read', api: '/api/org-units' }, () => import('../modules/orgUnits/OrgUnitsPage')),
      page({ path: '/member-units', title: '成员单位', icon: <BankOutlined />, permission: 'memberUnit:read', api: '/api/member-units' }, () => import('../modules/memberUnits/MemberUnitsPage')),
    ],
  },
  {
    key: 'system',
    label: '系统管理',
    pages: [],
  },
  {
    key: 'security',
    label: '安全管理',
    pages: [],
  },
  {
    key: 'audit',
    label: '安全审计',
    pages: [],
  },
];

export const allPages: PageDef[] = [homePage, ...menuGroups.flatMap((g) => g.pages)];

export function groupOf(path: string): MenuGroup | undefined {
  return menuGroups.find((g) => g.pages.some((p) => p.path === path));
}

// Icons reserved for the pages of the system, security and audit groups.
export const icons = { TeamOutlined, UserSwitchOutlined, BookOutlined, NotificationOutlined, SafetyCertificateOutlined, DesktopOutlined, LoginOutlined, AuditOutlined };

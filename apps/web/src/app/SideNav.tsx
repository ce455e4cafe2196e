import type { ReactNode } from 'react';
import { Link } from 'react-router';

export interface SideNavItem {
  path: string;
  title: string;
  icon: ReactNode;
}

export interface SideNavGroup {
  key: string;
  label: string;
  items: SideNavItem[];
}

/**
 * The sider's navigation: plain links in lists, styled like antd's inline menu. Site navigation is links (Tab moves
 * between them, the screen reader announces "link, current page"), and the first render after signing in stays light —
 * antd's Menu made ~600 of the dashboard's 1,450 fibers (docs/decisions.md, "The sider is plain links").
 */
export function SideNav({ top, groups, current, collapsed }: { top: SideNavItem[]; groups: SideNavGroup[]; current: string; collapsed: boolean }) {
  const link = (item: SideNavItem) => (
    <li key={item.path}>
      <Link
        to={item.path}
        className="gg-nav-item"
        aria-current={item.path === current ? 'page' : undefined}
        title={collapsed ? item.title : undefined}
      >
        <span className="gg-nav-icon" aria-hidden>
          {item.icon}
        </span>
        <span className="gg-nav-label">{item.title}</span>
      </Link>
    </li>
  );
  return (
    <nav aria-label="主菜单" className={collapsed ? 'gg-nav gg-nav-collapsed' : 'gg-nav'}>
      <ul className="gg-nav-list">
        {top.map(link)}
        {groups.map((g) => (
          <li key={g.key} className="gg-nav-group">
            <div className="gg-nav-group-title" id={`gg-nav-${g.key}`}>
              {g.label}
            </div>
            <ul className="gg-nav-list" aria-labelledby={`gg-nav-${g.key}`}>
              {g.items.map(link)}
            </ul>
          </li>
        ))}
      </ul>
    </nav>
  );
}

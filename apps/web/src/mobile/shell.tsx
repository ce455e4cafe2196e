import { createContext, useContext, type ReactNode } from 'react';
import { NavLink } from 'react-router';

interface Prefs {
  large: boolean;
  toggleLarge: () => void;
  logout: () => void;
}
export const PrefsContext = createContext<Prefs>({ large: false, toggleLarge: () => {}, logout: () => {} });
export const usePrefs = () => useContext(PrefsContext);

/** One phone screen: a title bar with the 大字 switch, the content, and (when signed in) the bottom menu. */
export function Screen({ title, children, nav = true }: { title: string; children: ReactNode; nav?: boolean }) {
  const { large, toggleLarge, logout } = usePrefs();
  return (
    <>
      <header className="m-header">
        <h1>{title}</h1>
        <button type="button" className="m-small-btn" aria-pressed={large} onClick={toggleLarge}>
          {large ? '标准字' : '大字'}
        </button>
      </header>
      <main className="m-main">{children}</main>
      {nav && (
        <nav className="m-nav" aria-label="手机版菜单">
          <NavLink to="/m" end>
            我的工作
          </NavLink>
          <NavLink to="/m/service">我的服务</NavLink>
          <button type="button" onClick={logout}>
            退出
          </button>
        </nav>
      )}
    </>
  );
}

export function ErrorText({ id, children }: { id?: string; children: ReactNode }) {
  if (!children) return null;
  return (
    <p id={id} className="m-error" role="alert">
      {children}
    </p>
  );
}

/** 2026-11-29 → 11月29日 (plain words for a date); keeps the ISO date for screen readers in `title`. */
export function day(iso: string | null | undefined): string {
  if (!iso) return '未定';
  const [y, m, d] = iso.split('-').map(Number);
  const thisYear = new Date().getFullYear();
  return `${y === thisYear ? '' : `${y}年`}${m}月${d}日`;
}

export const todayLocal = () => {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
};

import type { ReactNode } from 'react';
import { Card } from 'antd';

/** The frame of the sign-in, change-password and second-factor pages: brand on top, one clear card. */
export function AuthShell({ title, width = 460, children }: { title: string; width?: number; children: ReactNode }) {
  return (
    <div className="gg-auth-bg">
      <header className="gg-auth-title">
        <h1>关工通</h1>
        <p>关心下一代工作平台 · 关工委搭台、部门唱戏</p>
      </header>
      <main style={{ width: '100%', maxWidth: width }}>
        <Card title={<h2 style={{ margin: 0, fontSize: 20 }}>{title}</h2>} styles={{ body: { padding: '24px 32px 16px' } }} style={{ boxShadow: '0 8px 30px rgba(0,0,0,0.12)' }}>
          {children}
        </Card>
      </main>
      <footer className="gg-footer">县关心下一代工作委员会办公室</footer>
    </div>
  );
}

import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import type { Plugin } from 'vite';
import { theme } from './src/app/theme.ts';

/**
 * The first screen's antd styles as a style sheet written at build time (issue 10: dashboard usable ≤ 1.5 s). antd
 * builds each component's CSS in the browser the first time the component renders (CSS-in-JS: style objects from the
 * theme's tokens, serialised, hashed, put in a <style>): ~0.1–0.2 s of the main thread on the first screen. Here the
 * components of the sign-in page, the layout and the dashboard are rendered once on the server side of the build
 * (react-dom/server, the app's theme) and their styles extracted by @ant-design/cssinjs (antd's own engine, so the
 * same CSS and class hashes as in the browser). The sheet ends with antd's marker rule listing what it holds; antd reads
 * it at the first render and skips building those styles. Components of other pages still build theirs as before.
 * The sheet is linked before the app's own (global.css), where antd's styles came before.
 */
export function antdStaticStyle(): Plugin {
  let css = '';
  let fileName = '';
  return {
    name: 'gg-antd-static-style',
    apply: 'build',
    buildStart() {
      css = extract();
      fileName = `assets/antd-${createHash('sha256').update(css).digest('hex').slice(0, 8)}.css`;
    },
    generateBundle() {
      this.emitFile({ type: 'asset', fileName, source: css });
    },
    transformIndexHtml: {
      order: 'post',
      handler(html) {
        const link = `<link rel="stylesheet" crossorigin href="/${fileName}">`;
        const at = html.indexOf('<link rel="stylesheet"');
        return at >= 0 ? `${html.slice(0, at)}${link}\n    ${html.slice(at)}` : html.replace('</head>', `  ${link}\n  </head>`);
      },
    },
  };
}

/** The antd components the first screens render, in the order they first render there (the sheet keeps that order). */
function extract(): string {
  const require = createRequire(import.meta.url);
  // antd names its hashes for production builds only ("css-…" rather than "css-dev-only-…"): as in the bundle.
  const env = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    const { createElement: h, Fragment } = require('react') as typeof import('react');
    const { renderToString } = require('react-dom/server') as typeof import('react-dom/server');
    const antd = require('antd') as typeof import('antd');
    const { StyleProvider, createCache, extractStyle } = require('@ant-design/cssinjs') as typeof import('@ant-design/cssinjs');
    const { App, Layout, Menu, Space, Tooltip, Badge, Button, Dropdown, Avatar, Breadcrumb, Card, Row, Col, Typography, Descriptions, Tag, Select, Skeleton, Statistic, Empty, Spin, Result, List, Drawer, Progress, Popover, Alert, Form, Input } = antd;
    const cache = createCache();
    const tree = h(
      Fragment,
      null,
      // sign-in page
      h(Form, null, h(Form.Item, { label: 'a', name: 'a' }, h(Input, null)), h(Input.Password, null)),
      h(Alert, { title: 'a' }),
      // layout
      h(Layout, null, h(Layout.Header, null), h(Layout.Sider, { collapsible: true, trigger: null }, h(Menu, { mode: 'inline', items: [{ key: 'a', label: 'a' }, { key: 'g', type: 'group', label: 'g', children: [{ key: 'b', label: 'b' }] }] })), h(Layout.Content, null)),
      h(Tooltip, { title: 'a' }, h('span', null)),
      h(Space, null, h(Badge, { count: 1 }, h(Button, null)), h(Dropdown, { menu: { items: [] } }, h(Button, null)), h(Avatar, null)),
      h(Breadcrumb, { items: [{ title: 'a' }] }),
      h(Spin, null),
      // home page and dashboard
      h(Card, { title: 'a' }, h(Row, null, h(Col, { span: 12 }, h(Typography.Title, null), h(Typography.Paragraph, null), h(Typography.Text, null)))),
      h(Descriptions, { items: [{ label: 'a', children: 'b' }] }),
      h(Tag, { color: 'red' }),
      h(Select, null),
      h(Space.Compact, null, h(Select, null), h(Button, null)),
      h(Skeleton, { active: true }),
      h(Statistic, { value: 1 }),
      h(Empty, null),
      h(Result, { status: '404' }),
      // task centre, notices, inbox
      h(List, { dataSource: [1], renderItem: () => h(List.Item, null, h(List.Item.Meta, { title: 'a' })) }),
      h(Drawer, { open: true }),
      h(Progress, { percent: 1 }),
      h(Popover, { content: 'a' }, h('span', null)),
    );
    renderToString(h(StyleProvider, { cache }, h(antd.ConfigProvider, { theme }, h(App, null, tree))));
    // Component styles only: the theme's and components' CSS variables are keyed by a React id that differs from the
    // browser's, and antd writes them there anyway (they are cheap).
    return extractStyle(cache, { plain: true, types: 'style' });
  } finally {
    process.env.NODE_ENV = env;
  }
}

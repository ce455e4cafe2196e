import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { hasChromium, launchBrowser, newPage, shot, signIn, startTestServer, type TestServer } from './support';

/** Opens a page from the menu and checks it rendered its title and no error page. */
async function visit(page: Page, s: TestServer, menuLabel: string, name: string) {
  await page.getByRole('navigation', { name: '主菜单' }).getByRole('link', { name: menuLabel }).click();
  await page.getByRole('heading', { level: 1, name: menuLabel }).waitFor();
  await page.waitForLoadState('networkidle');
  expect(await page.getByText('出错了').count()).toBe(0);
  await shot(page, name);
}

describe.skipIf(!hasChromium)('administration pages', () => {
  let s: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    s = await startTestServer();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await s?.close();
  });

  it('the system administrator manages users, member units, dictionaries and notices', async () => {
    await s.createUser({ username: 'sysadmin1', role: 'systemAdmin' });
    const page = await newPage(browser);
    await signIn(page, s, 'sysadmin1');
    const menu = page.getByRole('navigation', { name: '主菜单' });
    expect(await menu.getByText('审计日志').count()).toBe(0);

    await visit(page, s, '用户管理', '10-users');
    await page.getByRole('button', { name: /新\s*建/ }).click();
    const drawer = page.getByRole('dialog');
    await drawer.getByLabel('用户名').fill('liaison01');
    await drawer.getByLabel('姓名').fill('张三');
    await drawer.getByRole('button', { name: /保\s*存/ }).click();
    await drawer.getByText('请选择所属组织或成员单位').waitFor();
    await shot(page, '11-user-form-error');
    await drawer.getByRole('combobox', { name: '所属组织' }).click();
    await page.getByRole('tree').last().getByText('东风镇', { exact: false }).first().click();
    await drawer.getByRole('button', { name: /保\s*存/ }).click();
    await page.getByText('一次性密码如下').waitFor();
    await shot(page, '12-user-one-time-password');
    await page.getByRole('button', { name: '我已记下' }).click();
    await page.getByRole('cell', { name: 'liaison01' }).waitFor();

    await visit(page, s, '成员单位', '13-member-units');
    await visit(page, s, '数据字典', '14-dictionaries');
    await visit(page, s, '通知公告', '15-notices');
    await visit(page, s, '角色权限', '16-roles');
    await page.context().close();
  });

  it('the security administrator sees the policy, online users and the sign-in log', async () => {
    await s.createUser({ username: 'secadmin1', role: 'securityAdmin' });
    const page = await newPage(browser);
    await signIn(page, s, 'secadmin1');
    await visit(page, s, '安全策略', '17-security-settings');
    await visit(page, s, '在线用户', '18-sessions');
    await visit(page, s, '登录日志', '19-login-logs');
    await page.context().close();
  });

  it('the audit administrator reads and verifies the trail', async () => {
    await s.createUser({ username: 'auditadmin1', role: 'auditAdmin' });
    const page = await newPage(browser);
    await signIn(page, s, 'auditadmin1');
    await visit(page, s, '审计日志', '20-audit-events');
    await page.getByRole('button', { name: /校\s*验/ }).click();
    await page.getByText('审计记录完整').waitFor();
    await shot(page, '21-audit-verify');
    await page.context().close();
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import AxeBuilder from '@axe-core/playwright';
import { ADMIN_PASSWORD, hasChromium, launchBrowser, newPage, shot, signIn, startTestServer, totpCode, type TestServer } from './support';

const NEW_ADMIN_PASSWORD = 'Guan@Gong2026#New';

describe.skipIf(!hasChromium)('browser journeys', () => {
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

  it('the first administrator changes the password, binds the second factor and reaches the home page', async () => {
    const page = await newPage(browser);
    await page.goto(`${s.baseUrl}/`);
    await page.waitForURL(/\/login/, { waitUntil: 'commit' });
    await shot(page, '01-login');
    await page.getByLabel('用户名').fill('admin');
    await page.getByLabel('密码', { exact: true }).fill(ADMIN_PASSWORD);
    await page.getByRole('button', { name: /登\s*录/ }).click();

    await page.waitForURL(/\/change-password$/, { waitUntil: 'commit' });
    await page.getByLabel('原密码').fill(ADMIN_PASSWORD);
    await page.getByLabel('新密码', { exact: true }).fill(NEW_ADMIN_PASSWORD);
    await page.getByLabel('确认新密码').fill(NEW_ADMIN_PASSWORD);
    await shot(page, '02-change-password');
    await page.getByRole('button', { name: '确认修改' }).click();

    await page.waitForURL(/\/second-factor$/, { waitUntil: 'commit' });
    const secretText = await page.getByTestId('totp-secret').innerText();
    const secret = secretText.replace(/\s+/g, '');
    expect(secret).toMatch(/^[A-Z2-7]{16,}$/);
    await shot(page, '03-second-factor');
    await page.getByRole('textbox', { name: '动态验证码' }).fill(totpCode(secret, 'sha1'));
    await page.getByRole('button', { name: '完成绑定' }).click();

    await page.waitForURL(`${s.baseUrl}/`, { waitUntil: 'commit' });
    await page.getByText('系统管理员，您好！').waitFor();
    await expect(page.getByRole('navigation', { name: '主菜单' }).getByText('工作概览')).toBeTruthy();
    await shot(page, '04-home-admin');

    // The new password and the bound factor work for a fresh sign-in through the API.
    const c = s.client();
    const res = await c.post('/api/auth/login', { username: 'admin', password: NEW_ADMIN_PASSWORD });
    expect(res.status).toBe(401);
    expect(res.body.code).toBe('SECOND_FACTOR_REQUIRED');
    await page.context().close();
  });

  it('a county office user adds a township under the root through the drawer form', async () => {
    await s.createUser({ username: 'office1', role: 'countyOffice' });
    const page = await newPage(browser);
    await signIn(page, s, 'office1');
    await shot(page, '05-home-office');
    await page.getByRole('navigation', { name: '主菜单' }).getByRole('link', { name: '组织架构' }).click();
    await page.waitForURL(/\/org-units/, { waitUntil: 'commit' });
    const tree = page.getByRole('tree');
    await tree.getByText('东风镇').waitFor();
    await shot(page, '06-org-units');
    // The sider's links say which one is the page shown; collapsed to icons, they keep their names.
    const nav = page.getByRole('navigation', { name: '主菜单' });
    expect(await nav.getByRole('link', { name: '组织架构' }).getAttribute('aria-current')).toBe('page');
    expect(await nav.getByRole('link', { name: '工作概览' }).getAttribute('aria-current')).toBeNull();
    await page.getByRole('button', { name: '收起菜单' }).click();
    expect(await nav.getByRole('link', { name: '成员单位' }).getAttribute('title')).toBe('成员单位');
    await page.getByRole('button', { name: '展开菜单' }).click();
    expect(await nav.getByRole('link', { name: '成员单位' }).getAttribute('title')).toBeNull();

    await page.getByRole('button', { name: '新增下级' }).click();
    const drawer = page.getByRole('dialog');
    await drawer.getByText('新增下级组织').waitFor();
    // An empty name is refused in Chinese, before anything is sent.
    await drawer.getByRole('button', { name: /保\s*存/ }).click();
    await drawer.getByText('请填写组织名称').waitFor();
    await shot(page, '07-org-unit-form-error');
    await drawer.getByLabel('组织名称').fill('南山镇');
    await drawer.getByLabel('联系电话').fill('0797-1234567');
    await drawer.getByRole('button', { name: /保\s*存/ }).click();
    await page.getByText('已新增「南山镇」').waitFor();
    await tree.getByText('南山镇').waitFor();
    await shot(page, '08-org-unit-created');

    const api = await s.login('office1').catch(async () => {
      // The code may have been used a moment ago in the browser; wait for the next one.
      await new Promise((r) => setTimeout(r, 31_000));
      return s.login('office1');
    });
    const res = await api.get(`/api/org-units?parentId=${s.tree.root}&q=${encodeURIComponent('南山镇')}`);
    expect(res.status).toBe(200);
    expect(res.body.total).toBe(1);
    expect(res.body.items[0]).toMatchObject({ name: '南山镇', kind: 'township', parentId: s.tree.root, contactPhone: '0797-1234567' });
    await page.context().close();
  });

  it('the login page and the org page have no critical accessibility violations', async () => {
    const page = await newPage(browser);
    await page.goto(`${s.baseUrl}/login`);
    await page.getByLabel('用户名').waitFor();
    const login = await new AxeBuilder({ page }).analyze();
    const criticalLogin = login.violations.filter((v) => v.impact === 'critical');
    expect(criticalLogin.map((v) => `${v.id}: ${v.help}`)).toEqual([]);

    await s.createUser({ username: 'office2', role: 'countyOffice' });
    await signIn(page, s, 'office2');
    await page.goto(`${s.baseUrl}/org-units`);
    await page.getByRole('tree').getByText('东风镇').waitFor();
    const org = await new AxeBuilder({ page }).analyze();
    const criticalOrg = org.violations.filter((v) => v.impact === 'critical');
    expect(criticalOrg.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
    await page.context().close();
  });

  it('a township officer does not see 系统管理 in the menu', async () => {
    await s.createUser({ username: 'township1', role: 'townshipOfficer', at: 'townshipA' });
    const page = await newPage(browser);
    await signIn(page, s, 'township1');
    const menu = page.getByRole('navigation', { name: '主菜单' });
    await menu.getByText('组织架构').waitFor();
    expect(await menu.getByText('系统管理').count()).toBe(0);
    expect(await menu.getByText('用户管理').count()).toBe(0);
    // Notices are their inbox, at the top of the menu rather than under administration.
    await menu.getByText('通知公告').waitFor();
    await page.getByText('测试township1，您好！').waitFor();
    await page.waitForLoadState('networkidle');
    await shot(page, '09-home-township');
    await page.context().close();
  });
});

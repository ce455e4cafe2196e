import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { hasChromium, launchBrowser, newPage, shot, signIn, startTestServer, type TestServer } from './support';
import { recordService } from '../apps/server/src/modules/volunteers/index.ts';

describe.skipIf(!hasChromium)('五老队伍 journey', () => {
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

  it('a township officer registers a volunteer, adds them to a lecture team, and sees their hours rise when service is recorded', async () => {
    await s.createUser({ username: 'township1', role: 'townshipOfficer', at: 'townshipA' });
    const page = await newPage(browser);
    await signIn(page, s, 'township1');
    const menu = page.getByRole('navigation', { name: '主菜单' });

    // Register a volunteer through the drawer form.
    await menu.getByRole('link', { name: '五老志愿者' }).click();
    await page.getByRole('heading', { level: 1, name: '五老志愿者' }).waitFor();
    await page.getByRole('button', { name: '登记志愿者' }).click();
    const drawer = page.getByRole('dialog');
    await drawer.getByLabel('姓名').fill('张三丰');
    await drawer.getByRole('button', { name: /保\s*存/ }).click();
    await drawer.getByText('请选择类别', { exact: false }).first().waitFor();
    await drawer.getByRole('combobox', { name: '类别' }).click();
    await page.getByTitle('老教师').click();
    await drawer.getByRole('combobox', { name: '所属组织' }).click();
    await page.getByRole('tree').last().getByText('东风村', { exact: false }).first().click();
    await drawer.getByLabel('身份证号').fill('360123194803151356');
    await drawer.getByRole('button', { name: /保\s*存/ }).click();
    await page.getByText('已登记「张三丰」').waitFor();
    await shot(page, '50-volunteer-detail');
    await page.keyboard.press('Escape');
    await page.getByRole('cell', { name: '张三丰' }).waitFor();
    const row = await s.platform.db.selectFrom('volunteer').select(['id', 'birthDate']).where('name', '=', '张三丰').executeTakeFirstOrThrow();
    expect(row.birthDate).toBe('1948-03-15');

    // Create a lecture team and add the volunteer to it (searching by pinyin initials).
    await menu.getByRole('link', { name: '队伍管理' }).click();
    await page.getByRole('heading', { level: 1, name: '队伍管理' }).waitFor();
    await page.getByRole('button', { name: '新建队伍' }).click();
    const teamDrawer = page.getByRole('dialog');
    await teamDrawer.getByLabel('队伍名称').fill('东风镇“五老”宣讲团');
    await teamDrawer.getByRole('combobox', { name: '类型' }).click();
    await page.getByTitle('"五老"宣讲团').click();
    await teamDrawer.getByRole('combobox', { name: '所属组织' }).click();
    await page.getByRole('tree').last().getByText('东风镇', { exact: false }).first().click();
    await teamDrawer.getByRole('button', { name: /保\s*存/ }).click();
    await page.getByText('已新建「东风镇“五老”宣讲团」').waitFor();
    const picker = page.getByRole('combobox', { name: '选择志愿者' });
    await picker.click();
    await picker.fill('zsf');
    await page.getByTitle(/张三丰（老教师/).click();
    await page.getByRole('button', { name: '加入队伍' }).click();
    await page.getByText('已加入队伍').waitFor();
    await page.getByRole('cell', { name: '张三丰' }).waitFor();
    await shot(page, '51-volunteer-team');
    const team = await s.platform.db.selectFrom('volunteerTeam').select('id').where('name', '=', '东风镇“五老”宣讲团').executeTakeFirstOrThrow();

    // The activities module records the lecture the team gave; the volunteer's hours rise.
    await s.platform.transaction({ userId: null, username: 'activities', orgUnitId: null, ip: null }, (trx) =>
      recordService(trx, { volunteerId: row.id, source: 'activity', sourceId: crypto.randomUUID(), date: '2025-05-04', hours: 2.5, description: '红色家风宣讲进校园', teamId: team.id }),
    );
    await page.keyboard.press('Escape');
    await menu.getByRole('link', { name: '五老志愿者' }).click();
    await page.getByRole('cell', { name: '张三丰' }).waitFor();
    await page.getByRole('cell', { name: '2.5' }).waitFor();
    await page.getByRole('cell', { name: '张三丰' }).getByText('张三丰').click();
    await page.getByRole('tab', { name: '服务记录' }).click();
    await page.getByText('红色家风宣讲进校园').waitFor();
    await page.getByText('2025年：2.5 小时，1 次').waitFor();
    await shot(page, '52-volunteer-service');
    await page.context().close();
  });
});

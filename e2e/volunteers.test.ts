import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { hasChromium, launchBrowser, newPage, pickDate, shot, signIn, startTestServer, type TestServer, chooseIn } from './support';
import type { Page } from 'playwright-core';

/** Opens an antd Select by its label and picks an option. */
async function choose(page: Page, scope: ReturnType<Page['locator']>, label: string, text: string) {
  await chooseIn(page, scope.getByLabel(label), text);
}

describe.skipIf(!hasChromium)('五老队伍 journey', () => {
  let s: TestServer;
  let browser: Browser;

  // One journey per file: each attempt (vitest retries once) starts on a fresh server and database.
  beforeEach(async () => {
    s = await startTestServer();
    browser = await launchBrowser();
  });
  afterEach(async () => {
    await browser?.close();
    await s?.close();
  });

  it('a township officer registers a volunteer, adds them to a lecture team, and sees their hours rise when an activity they joined is recorded; honours on the volunteer page', async () => {
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
    await chooseIn(page, drawer.getByRole('combobox', { name: '类别' }), '老教师');
    await chooseIn(page, drawer.getByRole('combobox', { name: '所属组织' }), '东风村');
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
    await chooseIn(page, teamDrawer.getByRole('combobox', { name: '类型' }), '"五老"宣讲团');
    await chooseIn(page, teamDrawer.getByRole('combobox', { name: '所属组织' }), '东风镇');
    await teamDrawer.getByRole('button', { name: /保\s*存/ }).click();
    await page.getByText('已新建「东风镇“五老”宣讲团」').waitFor();
    await chooseIn(page, page.getByRole('combobox', { name: '选择志愿者' }), /张三丰（老教师/, 'zsf');
    await page.getByRole('button', { name: '加入队伍' }).click();
    await page.getByText('已加入队伍').waitFor();
    await page.getByRole('cell', { name: '张三丰' }).waitFor();
    await shot(page, '51-volunteer-team');
    await s.platform.db.selectFrom('volunteerTeam').select('id').where('name', '=', '东风镇“五老”宣讲团').executeTakeFirstOrThrow();

    // The team's lecture is recorded once as an activity with the volunteer taking part; their hours rise.
    await page.keyboard.press('Escape');
    await menu.getByRole('link', { name: '活动记录' }).click();
    await page.getByRole('button', { name: '登记活动' }).click();
    const form = page.getByRole('dialog', { name: '登记活动' });
    await choose(page, form, '活动类型', '宣讲');
    await form.getByLabel('活动名称').fill('红色家风宣讲进校园');
    await pickDate(page, form.getByLabel('活动日期'), '2025-05-04');
    await chooseIn(page, form.getByRole('combobox', { name: '所属组织' }), '东风村');
    await form.getByRole('button', { name: '添加参与志愿者' }).click();
    const volunteerSelect = form.locator('#activity_volunteers_0_volunteerId');
    await chooseIn(page, volunteerSelect, '张三丰', 'zsf');
    await form.getByLabel('服务时长').fill('2.5');
    await form.getByRole('button', { name: /保\s*存/ }).click();
    // The saved activity opens; its volunteer links to the volunteer's own page (deep link).
    const detail = page.getByRole('dialog', { name: '红色家风宣讲进校园' });
    await detail.getByRole('link', { name: '张三丰' }).waitFor();
    const activity = await s.platform.db.selectFrom('activity').select('id').where('title', '=', '红色家风宣讲进校园').executeTakeFirstOrThrow();
    const service = await s.platform.db.selectFrom('volunteerService').select(['source', 'sourceId', 'hoursTenths']).where('volunteerId', '=', row.id).execute();
    expect(service).toEqual([{ source: 'activity', sourceId: activity.id, hoursTenths: 25 }]);
    await detail.getByRole('link', { name: '张三丰' }).click();
    await page.waitForURL(`**/volunteers/${row.id}`);
    await page.getByRole('heading', { level: 1, name: '志愿者档案' }).waitFor();
    await page.getByRole('tab', { name: '服务记录' }).click();
    await page.getByText('红色家风宣讲进校园').first().waitFor();
    await page.getByText('2025年：2.5 小时，1 次').waitFor();
    await shot(page, '52-volunteer-service');
    await page.getByRole('tab', { name: '所在队伍' }).click();
    await page.getByRole('cell', { name: '东风镇“五老”宣讲团' }).waitFor();
    // An honour, listed on the volunteer's page.
    await page.getByRole('tab', { name: '表彰荣誉' }).click();
    await page.getByRole('button', { name: '登记荣誉' }).click();
    const honour = page.getByRole('dialog');
    await honour.getByLabel('荣誉名称').fill('县优秀“五老”志愿者');
    await choose(page, honour, '级别', '县级');
    await pickDate(page, honour.getByLabel('授予日期'), '2025-06-01');
    await honour.getByRole('button', { name: /保\s*存/ }).click();
    await page.getByRole('cell', { name: '县优秀“五老”志愿者' }).waitFor();
    await shot(page, '53-volunteer-honours');
    await page.goto(`${s.baseUrl}/volunteers/${row.id}?tab=certificate`);
    await page.getByRole('button', { name: '开具服务证明' }).waitFor();
    // The list shows the hours too.
    await menu.getByRole('link', { name: '五老志愿者' }).click();
    await page.getByRole('row', { name: /张三丰/ }).getByRole('cell', { name: '2.5' }).waitFor();
    await page.context().close();
  }, 150_000);
});

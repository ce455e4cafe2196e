import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { hasChromium, launchBrowser, newPage, shot, signIn, startTestServer, type TestServer } from './support';
import { birthYearsAgo, caseInput, fakeIdNumber } from '../apps/server/src/modules/careCases/testSupport.ts';

const year = new Date(Date.now() + 8 * 3600_000).getUTCFullYear();

describe.skipIf(!hasChromium)('工作概览 journey', () => {
  let s: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    s = await startTestServer();
    browser = await launchBrowser();
    // Seed: volunteers in two townships, activities across the year, two care cases with assistance.
    const office = await s.as('countyOffice');
    const vols: string[] = [];
    for (const [name, at, category] of [['张三丰', s.tree.villageA1, 'teacher'], ['李四光', s.tree.schoolA, 'expert'], ['王五岳', s.tree.villageB1, 'veteran']] as const) {
      const r = await office.post('/api/volunteers', { orgUnitId: at, category, name, sex: 'male', birthDate: '1952-03-01' });
      expect(r.status, r.text).toBe(200);
      vols.push(r.body.id);
    }
    for (const [orgUnitId, date, type, students] of [[s.tree.villageA1, `${year}-03-05`, 'lecture', 40], [s.tree.villageA2, `${year}-04-10`, 'redEducation', 30], [s.tree.villageB1, `${year}-05-12`, 'lecture', 25]] as const) {
      const r = await office.post('/api/activities', { type, title: '宣讲进校园', date, orgUnitId, audienceStudents: students, audienceYouth: 0, audienceOther: 0, volunteers: [{ volunteerId: vols[0], hours: 2 }] });
      expect(r.status, r.text).toBe(200);
    }
    for (const [i, orgUnitId, kind, amountFen] of [[1, s.tree.villageA1, 'education', 150000], [3, s.tree.villageB1, 'hardship', 80000]] as const) {
      const c = await office.post('/api/care-cases', caseInput(s, { idNumber: fakeIdNumber(birthYearsAgo(15), 500 + i), orgUnitId }));
      expect(c.status, c.text).toBe(200);
      const a = await office.post(`/api/care-cases/${c.body.id}/assistance`, { kind, amountFen, fundingSource: '县关工委助学金', approvedBy: '县关工委办公室', paidOn: `${year}-02-0${i}` });
      expect(a.status, a.text).toBe(200);
    }
  });
  afterAll(async () => {
    await browser?.close();
    await s?.close();
  });

  it('the office opens the dashboard: panels draw charts, the township filter scopes it, a figure opens the filtered list', async () => {
    await s.createUser({ username: 'office1', role: 'countyOffice' });
    const page = await newPage(browser);
    await signIn(page, s, 'office1');
    const dashboard = page.getByTestId('dashboard');
    await dashboard.getByText('全县工作概览').waitFor();
    for (const panel of ['panel-volunteer-category', 'panel-volunteer-age', 'panel-activity-month', 'panel-activity-type', 'panel-case-category', 'panel-case-status', 'panel-assistance-kind', 'panel-assistance-source', 'panel-townships']) {
      await page.getByTestId(panel).locator('canvas').first().waitFor();
    }
    expect(await dashboard.locator('canvas').count()).toBeGreaterThanOrEqual(9);
    await expect.poll(() => dashboard.locator('.ant-statistic', { hasText: '在册“五老”志愿者（人）' }).textContent()).toContain('3');
    await shot(page, '90-dashboard-county');

    // The township filter: the same page scoped to 东风镇.
    await page.getByRole('combobox', { name: '乡镇（街道）' }).click();
    await page.getByTitle('东风镇').click();
    await dashboard.getByText('东风镇工作概览').waitFor();
    expect(page.url()).toContain('orgUnitId=');
    await expect.poll(() => dashboard.locator('.ant-statistic', { hasText: '在册“五老”志愿者（人）' }).textContent()).toContain('2');
    await shot(page, '91-dashboard-township');

    // Drill-down: the figure opens the volunteer list filtered the same way.
    await dashboard.getByText('在册“五老”志愿者（人）').click();
    await page.getByRole('heading', { level: 1, name: '五老志愿者' }).waitFor();
    expect(page.url()).toMatch(/\/volunteers\?.*status=active/);
    expect(page.url()).toContain(`orgUnitId=${s.tree.townshipA}`);
    await page.getByRole('cell', { name: '张三丰' }).waitFor();
    expect(await page.getByRole('cell', { name: '王五岳' }).count()).toBe(0);
    await shot(page, '92-dashboard-drilldown');
    await page.context().close();
  });

  it('a township’s bar in the township chart scopes the dashboard to that township', async () => {
    await s.createUser({ username: 'office3', role: 'countyOffice' });
    const page = await newPage(browser);
    await signIn(page, s, 'office3');
    const dashboard = page.getByTestId('dashboard');
    await dashboard.getByText('全县工作概览').waitFor();
    const canvas = page.getByTestId('panel-townships').locator('canvas').first();
    await canvas.scrollIntoViewIfNeeded();
    // 东风镇 (two volunteers) is the first and tallest bar: click along the chart's middle until a bar or point is hit.
    const box = (await canvas.boundingBox())!;
    for (let x = box.x + 20; x < box.x + box.width / 2 && !page.url().includes('orgUnitId='); x += 8) {
      await page.mouse.click(x, box.y + box.height * 0.6);
    }
    await dashboard.getByText('东风镇工作概览').waitFor();
    expect(page.url()).toContain(`orgUnitId=${s.tree.townshipA}`);
    await expect.poll(() => dashboard.locator('.ant-statistic', { hasText: '在册“五老”志愿者（人）' }).textContent()).toContain('2');
    await page.context().close();
  });

  it('the yearly report and the returns build in the background: the task centre shows progress and a download; print hides the buttons', async () => {
    await s.createUser({ username: 'office2', role: 'countyOffice' });
    const page = await newPage(browser);
    await signIn(page, s, 'office2');
    const dashboard = page.getByTestId('dashboard');
    await dashboard.getByText('全县工作概览').waitFor();
    await dashboard.getByRole('button', { name: '年度工作总结' }).click();
    const centre = page.getByTestId('task-centre');
    await centre.getByText(`年度工作总结（${year}年）`).waitFor();
    const item = centre.getByTestId('task-item').first();
    await item.locator('.ant-progress').waitFor();
    await item.getByText('已完成').waitFor({ timeout: 30_000 });
    await shot(page, '93-task-centre');
    const [file] = await Promise.all([page.waitForEvent('download'), item.getByRole('button', { name: '下载' }).click()]);
    expect(file.suggestedFilename()).toMatch(/年工作总结\.docx$/);
    // The returns too; both are listed, newest first, each with its own bar.
    await page.keyboard.press('Escape');
    await dashboard.getByRole('button', { name: '统计报表' }).click();
    await centre.getByText(`统计报表（${year}年）`).waitFor();
    await expect.poll(() => centre.getByTestId('task-item').count()).toBe(2);
    await centre.getByTestId('task-item').first().getByText('已完成').waitFor({ timeout: 30_000 });
    const [xlsx] = await Promise.all([page.waitForEvent('download'), centre.getByTestId('task-item').first().getByRole('button', { name: '下载' }).click()]);
    expect(xlsx.suggestedFilename()).toMatch(/^统计报表-.*\.xlsx$/);
    await page.keyboard.press('Escape');
    // Printable: in print media the report buttons and the menu are hidden, the panels stay.
    await page.emulateMedia({ media: 'print' });
    expect(await dashboard.getByRole('button', { name: '年度工作总结' }).isVisible()).toBe(false);
    expect(await page.locator('.ant-layout-sider').isVisible()).toBe(false);
    expect(await page.getByTestId('panel-volunteer-category').isVisible()).toBe(true);
    await page.context().close();
  });

  it('the county leader sees the figures but no links into person lists', async () => {
    await s.createUser({ username: 'leader1', role: 'countyLeader' });
    const page = await newPage(browser);
    await signIn(page, s, 'leader1');
    const dashboard = page.getByTestId('dashboard');
    await page.getByTestId('panel-volunteer-category').locator('canvas').first().waitFor();
    expect(await dashboard.getByRole('link').count()).toBe(0);
    expect(await dashboard.getByText('张三丰').count()).toBe(0);
    await page.context().close();
  });
});

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Browser, Locator, Page } from 'playwright-core';
import { hasChromium, launchBrowser, newPage, pickDate, shot, signIn, startTestServer, type TestServer, chooseIn } from './support';
import { caseInput, fakeIdNumber } from '../apps/server/src/modules/careCases/testSupport.ts';

/** A day `days` before today in China: the class ended seven months ago, so the 6-month follow-up is due. */
const past = (days: number) => new Date(Date.now() - days * 86400_000 + 8 * 3600_000).toISOString().slice(0, 10);

async function choose(page: Page, scope: Locator, label: string, option: string | RegExp, search?: string) {
  await chooseIn(page, scope.getByLabel(label, { exact: true }), option, search);
}

/** Click a header action that asks for confirmation, then confirm. */
async function confirmAction(page: Page, name: RegExp) {
  await page.getByRole('button', { name }).click();
  await page.locator('.ant-popover:visible').getByRole('button', { name: /确\s*定/ }).click();
}

describe.skipIf(!hasChromium)('技能培训: a class from creation to a 6-month job result on the care case', () => {
  let s: TestServer;
  let browser: Browser;
  let caseId: string;

  // One journey per file: each attempt (vitest retries once) starts on a fresh server and database.
  beforeEach(async () => {
    s = await startTestServer();
    browser = await launchBrowser();
    const api = await s.as('townshipOfficer', 'townshipA');
    const c = await api.post('/api/care-cases', caseInput(s, { name: '陈小军', idNumber: fakeIdNumber('20070404', 55), categories: ['unemployed'] }));
    expect(c.status).toBe(200);
    caseId = c.body.id;
  });
  afterEach(async () => {
    await browser?.close();
    await s?.close();
  });

  it('staff create a class, enrol trainees (one from a care case), record attendance, finish, print a certificate and record a 6-month job', async () => {
    await s.createUser({ username: 'training_officer', role: 'townshipOfficer', at: 'townshipA' });
    const page = await newPage(browser);
    await signIn(page, s, 'training_officer');
    await page.getByRole('navigation', { name: '主菜单' }).getByText('培训班').click();
    await page.waitForURL(/\/training\/classes/);

    // Create the class.
    await page.getByRole('button', { name: '开设培训班' }).click();
    const form = page.locator('.ant-drawer:visible');
    await form.getByLabel('班级名称').fill('东风镇电商直播带货培训班');
    await choose(page, form, '主办组织', '东风镇', '东风镇');
    await choose(page, form, '所属产业', '电子商务');
    await form.getByLabel('培训技能').fill('电商直播');
    await pickDate(page, form.getByLabel('开始日期'), past(230));
    await pickDate(page, form.getByLabel('结束日期'), past(215));
    await form.getByLabel('培训地点').fill('东风镇文化站');
    await shot(page, 'training-01-create');
    await form.getByRole('button', { name: /保\s*存/ }).click();
    await page.waitForURL(/\/training\/classes\/[0-9a-f-]{36}$/);
    const classId = page.url().split('/').pop()!;
    await page.getByText('筹备中').waitFor();

    // Enrolment: one young person from the care cases, one typed in.
    await confirmAction(page, /开始报名/);
    await page.getByText('报名中').waitFor();
    await page.getByRole('button', { name: '学员报名' }).click();
    let dialog = page.locator('.ant-modal:visible');
    await choose(page, dialog, '帮扶对象', '陈小军', '陈小');
    await dialog.getByRole('button', { name: /报\s*名/ }).click();
    await page.getByRole('cell', { name: /陈小军/ }).waitFor();
    await page.getByRole('button', { name: '学员报名' }).click();
    dialog = page.locator('.ant-modal:visible');
    await dialog.getByText('直接登记').click();
    await dialog.getByLabel('姓名', { exact: true }).fill('赵小燕');
    await dialog.getByLabel('身份证号', { exact: true }).fill(fakeIdNumber('20050101', 22));
    await dialog.getByRole('button', { name: /报\s*名/ }).click();
    await page.getByRole('cell', { name: '赵小燕' }).waitFor();
    await page.getByRole('cell', { name: /陈小军/ }).getByText('帮扶对象').waitFor();

    // Running: one session, attendance (everyone present by default).
    await confirmAction(page, /开\s*班/);
    await page.getByText('培训中').waitFor();
    await page.getByRole('tab', { name: /课次与考勤/ }).click();
    await page.getByRole('button', { name: '新增课次' }).click();
    dialog = page.locator('.ant-modal:visible');
    await pickDate(page, dialog.getByLabel('上课日期'), past(228));
    await dialog.getByLabel('课程内容').fill('直播选品与话术');
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    await page.getByRole('button', { name: '登记考勤' }).click();
    await page.locator('.ant-modal:visible').getByRole('button', { name: '保存考勤' }).click();
    await page.getByRole('cell', { name: '2 / 2' }).waitFor();
    await shot(page, 'training-02-attendance');

    // Finish: both attended every session, both complete.
    await confirmAction(page, /结\s*业/);
    await page.getByText('已结业', { exact: true }).first().waitFor();
    await page.getByRole('tab', { name: /学员与候补/ }).click();
    const chen = page.getByRole('row', { name: /陈小军/ });
    await chen.getByText('已结业').waitFor();

    // The printable certificate.
    const [cert] = await Promise.all([page.waitForEvent('popup'), chen.getByRole('button', { name: '结业证书' }).click()]);
    await cert.getByRole('document', { name: '结业证书' }).waitFor();
    const text = await cert.getByRole('document', { name: '结业证书' }).innerText();
    expect(text).toContain('陈小军同志');
    expect(text).toContain('东风镇电商直播带货培训班');
    expect(text).toMatch(/证书编号：PX\d{4}-[0-9A-F]{6}-00\d/);
    await cert.getByRole('button', { name: /打\s*印/ }).waitFor();
    await shot(cert, 'training-03-certificate');
    await cert.close();

    // The 6-month follow-up: employed in e-commerce.
    await page.getByRole('tab', { name: '跟踪回访' }).click();
    await page.getByRole('row', { name: /陈小军/ }).getByRole('button', { name: '登记回访' }).click();
    dialog = page.locator('.ant-modal:visible');
    await choose(page, dialog, '回访节点', '6个月');
    await dialog.getByText('已就业').click();
    await dialog.getByLabel('就业单位或创业项目').fill('县电商产业园');
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    await page.getByRole('row', { name: /陈小军/ }).getByText('已就业 · 县电商产业园（电子商务）').waitFor();

    // It shows on the care case.
    await page.goto(`${s.baseUrl}/care-cases?case=${caseId}`);
    const drawer = page.locator('.ant-drawer:visible');
    await drawer.getByRole('tab', { name: '时间线' }).click();
    await drawer.getByText('培训跟踪回访（6个月）：已就业 · 县电商产业园（电子商务）').waitFor();
    await shot(page, 'training-04-case');
    expect(classId).toMatch(/^[0-9a-f-]{36}$/);
  }, 120_000);
});

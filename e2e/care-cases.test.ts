import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Browser, Locator, Page } from 'playwright-core';
import { hasChromium, launchBrowser, newPage, shot, signIn, startTestServer, type TestServer, chooseIn } from './support';
import { fakeIdNumber, insertVolunteer } from '../apps/server/src/modules/careCases/testSupport.ts';

/** Pick an option of the antd Select labelled `label` (in the open dialog or drawer). */
async function choose(page: Page, scope: Locator, label: string, option: string | RegExp, search?: string) {
  await chooseIn(page, scope.getByLabel(label, { exact: true }), option, search);
}

async function saveDialog(page: Page, title: string) {
  const dialog = page.getByRole('dialog', { name: title });
  await dialog.getByRole('button', { name: /保\s*存/ }).click();
  await dialog.waitFor({ state: 'hidden' });
}

describe.skipIf(!hasChromium)('care cases journey', () => {
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

  it('a township officer takes a young person from intake to closure; a second user approves the closure', async () => {
    const officer = 'care_officer';
    const supervisor = 'care_supervisor';
    await s.createUser({ username: officer, role: 'townshipOfficer', at: 'townshipA' });
    await s.createUser({ username: supervisor, role: 'townshipOfficer', at: 'townshipA' });
    await insertVolunteer(s, 'villageA1', '王老师');
    const idNumber = fakeIdNumber('20080512', 777);

    const page = await newPage(browser);
    await signIn(page, s, officer);
    await page.getByRole('navigation', { name: '主菜单' }).getByText('帮扶对象').click();
    await page.waitForURL(/\/care-cases/);
    await page.getByRole('button', { name: '新建档案' }).click();

    // Search before create.
    const create = page.locator('.ant-drawer:visible');
    await create.getByLabel('姓名', { exact: true }).fill('刘小勇');
    await create.getByLabel('身份证号', { exact: true }).fill(idNumber);
    await create.getByRole('button', { name: /查\s*重/ }).click();
    await create.getByText('出生日期和性别由身份证号自动得出').waitFor();
    await choose(page, create, '帮扶类别', '失学');
    await page.keyboard.press('Escape');
    await choose(page, create, '归口单位', '东风镇', '东风镇');
    await create.getByLabel('监护人', { exact: true }).fill('刘大山');
    await shot(page, 'care-01-create');
    await create.getByRole('button', { name: /保\s*存/ }).click();
    const drawer = page.locator('.ant-drawer:visible');
    await drawer.getByText('帮扶对象档案：刘小勇').waitFor();

    // Edit the record (validated as you type; audited).
    await drawer.getByRole('button', { name: /^编\s*辑$/ }).click();
    const edit = page.locator('.ant-drawer:visible', { hasText: '编辑档案：刘小勇' });
    await edit.getByLabel('学校或工作单位').fill('东风镇中学');
    await edit.getByRole('button', { name: /保\s*存/ }).click();
    await edit.waitFor({ state: 'detached' });
    await drawer.getByText('东风镇中学').waitFor();

    // Case work: intake → assessment → plan → in progress.
    for (const step of ['开始评估', '制定计划', '开始帮扶']) {
      await drawer.getByRole('button', { name: step }).click();
      await drawer.getByRole('button', { name: step }).waitFor({ state: 'detached' });
    }

    // Pair a mentor.
    await drawer.getByRole('tab', { name: '结对帮扶' }).click();
    await drawer.getByRole('button', { name: '结对帮扶人' }).click();
    await choose(page, page.getByRole('dialog', { name: '结对帮扶人（五老志愿者）' }), '志愿者', '王老师', '王');
    await saveDialog(page, '结对帮扶人（五老志愿者）');
    await drawer.getByRole('cell', { name: '王老师' }).waitFor();

    // Two visits.
    await drawer.getByRole('tab', { name: '走访' }).click();
    for (const text of ['入户了解学习情况，精神状态良好', '电话联系，提醒按时返校']) {
      await drawer.getByRole('button', { name: '记录走访' }).click();
      await page.getByRole('dialog', { name: '记录走访或联系' }).getByLabel('走访内容').fill(text);
      await saveDialog(page, '记录走访或联系');
      await drawer.getByRole('cell', { name: text }).waitFor();
    }

    // One assistance paid.
    await drawer.getByRole('tab', { name: '帮扶记录' }).click();
    await drawer.getByRole('button', { name: '登记帮扶' }).click();
    const help = page.getByRole('dialog', { name: '登记帮扶（助学、助困、助业）' });
    await help.getByLabel('金额（元）').fill('1500');
    await help.getByLabel('资金来源').fill('县关工委助学金');
    await help.getByLabel('审批人').fill('县关工委办公室');
    await saveDialog(page, '登记帮扶（助学、助困、助业）');
    await drawer.getByText('合计：¥1,500.00').waitFor();

    // Request closure.
    await drawer.getByRole('button', { name: '申请结案' }).click();
    const req = page.getByRole('dialog', { name: '申请结案' });
    await choose(page, req, '结案结果', '重返校园');
    await req.getByRole('button', { name: '提交申请' }).click();
    await drawer.getByText(/申请结案（重返校园）/).waitFor();
    await shot(page, 'care-02-closure-requested');
    const caseUrl = page.url();

    // A second user with approveClosure approves it.
    const page2 = await newPage(browser);
    await signIn(page2, s, supervisor);
    await page2.goto(caseUrl.replace(/^https?:\/\/[^/]+/, s.baseUrl));
    const drawer2 = page2.locator('.ant-drawer:visible');
    await drawer2.getByRole('button', { name: '审批结案' }).click();
    await page2.getByRole('dialog', { name: '审批结案' }).getByRole('button', { name: '批准结案' }).click();
    await drawer2.getByText('已结案').first().waitFor();
    await shot(page2, 'care-03-closed');

    // The case is closed: end the pairing with a reason.
    await drawer2.getByRole('tab', { name: '结对帮扶' }).click();
    await drawer2.getByRole('button', { name: '结束结对' }).click();
    await page2.getByRole('dialog', { name: '结束结对：王老师' }).getByLabel('结束原因').fill('帮扶目标已实现');
    await saveDialog(page2, '结束结对：王老师');
    await drawer2.getByText(/帮扶目标已实现/).waitFor();

    const row = await s.platform.db.selectFrom('careCase').selectAll().where('name', '=', '刘小勇').executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: 'closed', outcome: 'back_in_school' });
    const visits = await s.platform.db.selectFrom('careVisit').select('id').where('caseId', '=', row.id).execute();
    const help2 = await s.platform.db.selectFrom('careAssistance').select(['amountFen']).where('caseId', '=', row.id).execute();
    const pairs = await s.platform.db.selectFrom('careMentorship').select('id').where('caseId', '=', row.id).execute();
    expect([visits.length, help2.map((h) => h.amountFen), pairs.length]).toEqual([2, [150000], 1]);
    const approvals = await s.platform.db.selectFrom('auditEvent').select('username').where('event', '=', 'careCase.approveClosure').where('objectId', '=', row.id).execute();
    expect(approvals.map((a) => a.username)).toEqual([supervisor]);
    expect(row.schoolOrWork).toBe('东风镇中学');
    expect(await s.platform.db.selectFrom('auditEvent').select('id').where('event', '=', 'careCase.update').where('objectId', '=', row.id).execute()).toHaveLength(1);
    const ended = await s.platform.db.selectFrom('careMentorship').select(['endOn', 'endReason']).where('caseId', '=', row.id).executeTakeFirstOrThrow();
    expect(ended.endReason).toBe('帮扶目标已实现');
  }, 120_000);
});

import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Locator, Page } from 'playwright-core';
import { hasChromium, launchBrowser, newPage, pickDate, shot, signIn, startTestServer, type TestServer, chooseIn } from './support';

const MEMBER_RUBRIC = '5f0b0c2e-0000-4000-8000-000000000002';
const YEAR = new Date(Date.now() + 8 * 3600_000).getUTCFullYear();
const TODAY = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
const TARGET = '开展“五老”进校园宣讲不少于4场';
const ACTIVITY = '“五老”进校园法治宣讲';
const DEED = '建成青少年法治教育实践基地';

const two = (text: string) => new RegExp(`^${text.split('').join('\\s*')}$`);

async function openMenu(page: Page, title: string) {
  await page.getByRole('navigation', { name: '主菜单' }).getByRole('link', { name: title }).click();
  await page.locator('h1.gg-page-title', { hasText: title }).waitFor();
}

async function choose(page: Page, scope: Locator, label: string, option: string | RegExp) {
  await chooseIn(page, scope.getByRole('combobox', { name: new RegExp(`^(\\* )?${label}$`) }), option);
}

let attempt = 0;

describe.skipIf(!hasChromium)('目标考核: targets, progress with an activity, a notable deed, self-assessment, review, ranking', () => {
  let s: TestServer;
  let browser: Browser;
  let unitId: string;

  beforeAll(async () => {
    s = await startTestServer();
    browser = await launchBrowser();
    const office = await s.as('countyOffice');
    unitId = (await office.post('/api/member-units', { name: '县教育局', shortName: '教育局' })).body.id;
    await office.post('/api/member-units', { name: '县妇联' });
    await s.createUser({ username: 'office-t', role: 'countyOffice' });
    await s.createUser({ username: 'edu-liaison', role: 'memberUnitLiaison', at: { memberUnitId: unitId } });
    // An activity the unit organised this year, recorded earlier (the activities module's own journey covers entering it).
    const now = new Date().toISOString();
    await s.platform.db
      .insertInto('activity')
      .values({
        id: crypto.randomUUID(), type: 'lawEducation', studyLevel: null, title: ACTIVITY, activityDate: TODAY, startTime: null, endTime: null, orgUnitId: s.tree.schoolA, memberUnitId: unitId,
        venue: '东风镇中心小学', baseId: null, campaignId: null, lectureRequestId: null, audienceStudents: 320, audienceYouth: 0, audienceOther: 20, audienceTotal: 340,
        summary: null, photoUploadIds: '[]', fileUploadIds: '[]', createdAt: now, updatedAt: now, createdBy: null,
      })
      .execute();
    // The office opens this year's assessment for every member unit.
    expect((await office.post('/api/assessments/generate', { year: YEAR, rubricId: MEMBER_RUBRIC })).body.created).toBe(2);
  });
  afterAll(async () => {
    await browser?.close();
    await s?.close();
  });

  it('the office sets the target, the unit reports progress and a deed and self-assesses, the office reviews, the ranking shows', async () => {
    // 1. The office sets the unit's yearly target.
    const office = await newPage(browser);
    await signIn(office, s, 'office-t');
    await openMenu(office, '目标清单');
    await office.getByRole('button', { name: '制定目标' }).click();
    let drawer = office.getByRole('dialog', { name: '制定年度目标' });
    await choose(office, drawer, '成员单位', '县教育局');
    await drawer.getByLabel('目标内容').fill(TARGET);
    await drawer.getByLabel('衡量标准').fill('以活动记录为准');
    await shot(office, 'targets-01-office-drafts');
    await drawer.getByRole('button', { name: two('保存') }).click();
    await office.getByText('已为县教育局制定目标').waitFor();
    await office.getByRole('cell', { name: TARGET }).waitFor();

    // 2. The liaison confirms it and reports progress with the recorded activity.
    const unit = await newPage(browser);
    await signIn(unit, s, 'edu-liaison');
    await openMenu(unit, '目标清单');
    await unit.getByRole('button', { name: '确认目标' }).click();
    await unit.getByText(`已确认「${TARGET}」`).waitFor();
    await unit.getByRole('button', { name: '报告进展' }).click();
    drawer = unit.getByRole('dialog', { name: '目标详情' });
    await drawer.getByLabel('完成进度（%）').fill('100');
    await drawer.getByLabel('进展情况').fill('已在全县12所学校开展宣讲，覆盖学生3000余人');
    await choose(unit, drawer, '关联活动', ACTIVITY);
    await unit.keyboard.press('Escape');
    await drawer.getByRole('button', { name: '提交进展' }).click();
    await unit.getByText('进展已报告').waitFor();
    await drawer.getByText('关联活动：').waitFor();
    await drawer.getByText('1 场').waitFor();
    await shot(unit, 'targets-02-unit-progress');
    await unit.keyboard.press('Escape');
    await drawer.waitFor({ state: 'hidden' });

    // 3. The liaison records a notable deed.
    await openMenu(unit, '像样的事');
    await unit.getByRole('button', { name: '登记像样的事' }).click();
    drawer = unit.getByRole('dialog', { name: '登记像样的事' });
    await pickDate(unit, drawer.locator('.ant-picker input').first(), TODAY);
    await drawer.getByLabel('事项名称').fill(DEED);
    await drawer.getByLabel('事项内容和成效').fill('联合县司法局建成基地，全年接待学生3000人次');
    await drawer.getByRole('button', { name: two('保存') }).click();
    await unit.getByText('已登记像样的事').waitFor();
    await unit.getByRole('cell', { name: DEED }).waitFor();

    // 4. The liaison self-assesses and submits.
    await openMenu(unit, '年度考核');
    await unit.getByRole('button', { name: '自评' }).click();
    drawer = unit.getByRole('dialog', { name: '考核评分' });
    await drawer.getByLabel('把关心下一代工作纳入本单位年度工作计划得分').fill('10');
    await drawer.getByLabel('工作信息报送及时，宣传报道有影响得分').fill('8');
    await drawer.getByLabel('自评说明').fill('全年工作扎实，目标全部完成');
    await shot(unit, 'targets-03-self-assessment');
    await drawer.getByRole('button', { name: '提交自评' }).click();
    await unit.getByText('自评已提交，等待县关工委办公室审核').waitFor();

    // 5. The office reviews and fixes the final score.
    await openMenu(office, '年度考核');
    await office.getByRole('row', { name: /县教育局/ }).getByRole('button', { name: '审核' }).click();
    drawer = office.getByRole('dialog', { name: '考核评分' });
    await drawer.getByLabel('工作信息报送及时，宣传报道有影响得分').fill('6');
    await drawer.getByLabel('审核意见').fill('宣传报道偏少');
    await drawer.getByRole('button', { name: '保存审核' }).click();
    await office.getByText('审核已保存').waitFor();
    await drawer.getByRole('button', { name: '确定最终得分' }).click();
    await office.locator('.ant-popconfirm').getByRole('button', { name: two('确定') }).click();
    await office.locator('.ant-message-notice-title', { hasText: '已定分' }).waitFor();
    await drawer.getByText('确定最终得分（').waitFor();
    await shot(office, 'targets-04-office-review');
    await office.keyboard.press('Escape');
    await drawer.waitFor({ state: 'hidden' });

    // The records behind the screens.
    const a = await s.platform.db.selectFrom('assessment').selectAll().where('memberUnitId', '=', unitId).executeTakeFirstOrThrow();
    expect(a.status).toBe('final');
    expect(Number(a.finalScore)).toBe(Number(a.selfTotal) - 2);
    const t = await s.platform.db.selectFrom('target').selectAll().where('memberUnitId', '=', unitId).executeTakeFirstOrThrow();
    expect(t.status).toBe('completed');
    expect(await s.platform.db.selectFrom('targetProgressActivity').selectAll().execute()).toHaveLength(1);
    const events = (await s.platform.db.selectFrom('auditEvent').select('event').where('event', 'in', ['target.create', 'target.confirm', 'target.progress', 'notableDeed.create', 'assessment.submit', 'assessment.review', 'assessment.finalize']).execute()).map((e) => e.event);
    expect(new Set(events).size).toBe(7);

    // 6. The ranking shows the unit first.
    await openMenu(office, '考核排名');
    const first = office.getByRole('row', { name: /县教育局/ });
    await first.waitFor();
    await expect(first.getByText(String(a.finalScore), { exact: true }).count()).resolves.toBeGreaterThan(0);
    await expect(first.locator('.ant-tag', { hasText: '1' }).count()).resolves.toBe(1);
    await shot(office, 'targets-05-ranking');
  }, 120_000);

  it('a joint meeting’s decision becomes a task that goes overdue and appears on the supervision list; the office edits the 五好 rubric', async () => {
    const api = await s.as('countyOffice');
    // A retry after a failed attempt makes its own meeting, decision and rubric item: the first attempt's are still there.
    attempt += 1;
    const again = attempt > 1 ? String(attempt) : '';
    const MEETING = `${YEAR}年县关工委成员单位联席会议（专题${again}）`;
    const DECISION = `开展校园周边环境集中整治${again}`;
    const BONUS = `工作经验被省级以上推广${again}`;
    const monthAgo = new Date(Date.now() + 8 * 3600_000 - 30 * 86_400_000).toISOString().slice(0, 10);
    const yesterday = new Date(Date.now() + 8 * 3600_000 - 86_400_000).toISOString().slice(0, 10);
    expect((await api.post('/api/meetings', { title: MEETING, meetingDate: monthAgo, agenda: '研究部署校园周边环境整治', invitedMemberUnitIds: [unitId] })).status).toBe(200);

    // 1. The office records the decision in the meeting and assigns it to the unit, due yesterday.
    const office = await newPage(browser);
    await signIn(office, s, 'office-t');
    await openMenu(office, '联席会议');
    await office.getByText(MEETING).click();
    const drawer = office.getByRole('dialog', { name: '会议详情' });
    await drawer.getByLabel('议定事项').fill(DECISION);
    await choose(office, drawer, '承办单位', '县教育局');
    // A unit without a deadline would get no task: the button waits for the deadline and says so.
    await drawer.getByText('已选承办单位，请选择完成时限').waitFor();
    expect(await drawer.getByRole('button', { name: '记录并交办' }).isDisabled()).toBe(true);
    await pickDate(office, drawer.getByPlaceholder('完成时限'), yesterday);
    await drawer.getByText('已选承办单位，请选择完成时限').waitFor({ state: 'hidden' });
    await drawer.getByRole('button', { name: '记录并交办' }).click();
    await office.getByText('已记录议定事项并交办任务').waitFor();
    await drawer.getByText(`县教育局　${yesterday}前`).waitFor();
    await drawer.getByText('逾期1天').waitFor();

    // 2. The hourly supervision job marks it overdue (and writes the audit row).
    await s.platform.jobs.runOne('supervisionSweep', true);
    const task = await s.platform.db.selectFrom('task').selectAll().where('memberUnitId', '=', unitId).where('title', '=', DECISION).executeTakeFirstOrThrow();
    expect(task.overdueAt).toBeTruthy();
    const sweep = await s.platform.db.selectFrom('auditEvent').select('detail').where('event', '=', 'task.overdue').execute();
    expect(sweep.filter((e) => JSON.parse(e.detail!).overdue.includes(task.id))).toHaveLength(1);

    // 3. It leads the supervision list.
    await office.keyboard.press('Escape');
    await openMenu(office, '督办清单');
    const row = office.getByRole('row', { name: new RegExp(DECISION) });
    await row.getByText('逾期1天').waitFor();
    await expect(row.getByText('县教育局').count()).resolves.toBe(1);
    await shot(office, 'targets-06-supervision');

    // 4. The unit sees it among its tasks, flagged, and reports how it stands.
    const unit = await newPage(browser);
    await signIn(unit, s, 'edu-liaison');
    await openMenu(unit, '交办任务');
    await unit.getByRole('row', { name: new RegExp(DECISION) }).getByRole('button', { name: '报告办理情况' }).click();
    const taskDrawer = unit.getByRole('dialog', { name: '任务办理' });
    await taskDrawer.getByLabel('办理情况').fill('已排查学校周边商户42家');
    const reported = unit.waitForResponse((r) => r.url().endsWith(`/api/tasks/${task.id}/updates`) && r.request().method() === 'POST');
    await taskDrawer.getByRole('button', { name: two('提交') }).click();
    expect((await reported).status()).toBe(200);
    await unit.getByText('已报告办理情况').waitFor();
    expect((await s.platform.db.selectFrom('task').select('status').where('id', '=', task.id).executeTakeFirstOrThrow()).status).toBe('inProgress');

    // 5. The office adds a bonus rule to the seeded 五好 rubric.
    await openMenu(office, '考核细则');
    await office.getByRole('cell', { name: '“五好”基层关工委考核细则' }).click();
    await office.getByRole('cell', { name: '领导班子建设好' }).first().waitFor();
    await office.getByRole('button', { name: '新增评分项' }).click();
    const itemDrawer = office.getByRole('dialog', { name: '新增评分项' });
    await choose(office, itemDrawer, '类别', /^加分项$/);
    await itemDrawer.getByLabel('评分内容').fill(BONUS);
    await itemDrawer.getByLabel('考核板块').fill('加分项目');
    await itemDrawer.getByLabel('最多加分').fill('6');
    await itemDrawer.getByLabel('每项分值').fill('3');
    await itemDrawer.getByRole('button', { name: two('保存') }).click();
    await office.getByText('已新增评分项').waitFor();
    await office.getByRole('cell', { name: BONUS }).first().waitFor();
    await shot(office, 'targets-07-rubric');
    const items = await s.platform.db.selectFrom('rubricItem').selectAll().where('title', '=', BONUS).execute();
    expect(items).toHaveLength(1);
    const item = items[0];
    expect(item).toMatchObject({ kind: 'bonus', scoring: 'manual', section: '加分项目' });
    expect(Number(item.maxPoints)).toBe(6);
  }, 90_000);
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { makeVolunteer } from '../apps/server/src/modules/activities/testSupport.ts';
import { hasChromium, launchBrowser, newPage, pickDate, shot, signIn, startTestServer, type TestServer, chooseIn } from './support';

const TOPIC = '小故事里的大道理';
const CAMPAIGN = '大手牵小手，永远跟党走';
const LECTURER = '陈老教师';
let attempt = 0;
const shanghaiDay = (offsetDays: number) => new Date(Date.now() + offsetDays * 86400_000 + 8 * 3600_000).toISOString().slice(0, 10);

/** antd puts a space between two Chinese characters on buttons ("确 定"). */
const two = (text: string) => new RegExp(`^${text.split('').join('\\s*')}$`);

async function openMenu(page: Page, title: string) {
  await page.getByRole('navigation', { name: '主菜单' }).getByRole('link', { name: title }).click();
  await page.locator('h1.gg-page-title', { hasText: title }).waitFor().catch(async (err) => {
    await shot(page, `failed-${title}`);
    throw err;
  });
}

/** Opens an antd Select by its label and picks an option, retrying while the dropdown still animates or loads. */
async function choose(page: Page, scope: ReturnType<Page['locator']>, label: string, text: string) {
  await chooseIn(page, scope.getByLabel(label), text);
}

describe.skipIf(!hasChromium)('菜单式宣讲: request, assign, confirm, held — hours and campaign totals rise', () => {
  let s: TestServer;
  let browser: Browser;
  let office: Awaited<ReturnType<TestServer['as']>>;
  let officeLecturerId: string;
  let officeCampaignId: string;

  beforeAll(async () => {
    s = await startTestServer();
    browser = await launchBrowser();
    // A lecturer, a campaign and a second topic for the menu and the office's pages, set up through the API (the
    // journey sets up its own topic, lecturer and campaign).
    office = await s.as('countyOffice');
    const lecturerUser = await s.createUser({ username: 'lecturer0', role: 'volunteer' });
    officeLecturerId = await makeVolunteer(office, s.tree.root, '李老干部', lecturerUser);
    officeCampaignId = (await office.post('/api/campaigns', { name: '红色基因代代传', theme: '五老进校园', startYear: 2023, goalActivities: 100 })).body.id;
    await office.post('/api/lecture-topics', { title: '致富带头人经验谈', category: 'skills', audiences: ['village', 'enterprise'], lecturerIds: [officeLecturerId] });
    await s.createUser({ username: 'school1', role: 'grassrootsLiaison', at: 'schoolA' });
    await s.createUser({ username: 'office-web', role: 'countyOffice' });
  });
  afterAll(async () => {
    await browser?.close();
    await s?.close();
  });

  it('a school liaison requests, the office assigns, the lecturer confirms, the school records it held and rates it', async () => {
    // A retry after a failed attempt books its own topic with its own lecturer and campaign: the first attempt's
    // request, activity and hours are still there.
    attempt += 1;
    const again = attempt > 1 ? String(attempt) : '';
    const topicTitle = `${TOPIC}${again}`;
    const campaignName = `${CAMPAIGN}${again}`;
    const lecturerName = `${LECTURER}${again}`;
    const lecturerUser = await s.createUser({ username: `lecturer${attempt}`, role: 'volunteer' });
    const lecturerId = await makeVolunteer(office, s.tree.root, lecturerName, lecturerUser);
    const campaignId = (await office.post('/api/campaigns', { name: campaignName, theme: '五老进校园', startYear: 2023, goalActivities: 100 })).body.id;
    const topic = await office.post('/api/lecture-topics', { title: topicTitle, category: 'theory', audiences: ['school', 'village'], schoolApproved: true, durationMinutes: 90, lecturerIds: [lecturerId], summary: '用身边的小故事讲清楚大道理' });
    expect(topic.status).toBe(200);
    // 1. The school liaison books a topic from the menu.
    const school = await newPage(browser);
    await signIn(school, s, 'school1');
    await openMenu(school, '宣讲菜单');
    const topicRow = school.getByRole('row', { name: new RegExp(topicTitle) });
    await topicRow.waitFor();
    await shot(school, 'lectures-01-menu-school');
    await topicRow.getByRole('button', { name: two('预约') }).click();
    const drawer = school.getByRole('dialog', { name: '预约宣讲' });
    await drawer.getByText('学校只能预约已准入学校的宣讲主题').waitFor();
    await drawer.getByText(`宣讲员：${lecturerName}`).waitFor();
    // The form refuses a missing date before anything is sent.
    await drawer.getByRole('button', { name: '提交预约' }).click();
    await drawer.getByText('请选择希望日期').waitFor();
    await pickDate(school, drawer.getByPlaceholder('请选择日期'), shanghaiDay(7));
    await drawer.getByLabel('预计听众人数').fill('120');
    await drawer.getByLabel('备注').fill('六年级，结合清明节');
    await shot(school, 'lectures-02-request-form');
    await drawer.getByRole('button', { name: '提交预约' }).click();
    await school.getByText(`已提交「${topicTitle}」的宣讲预约`).waitFor();
    await school.waitForURL(/\/lecture-requests/);
    const schoolRow = school.getByRole('row', { name: new RegExp(topicTitle) });
    await schoolRow.getByText('待派讲').waitFor();
    await shot(school, 'lectures-03-requested');

    // 2. The office assigns the lecturer.
    const desk = await newPage(browser);
    await signIn(desk, s, 'office-web');
    await openMenu(desk, '宣讲预约');
    const deskRow = desk.getByRole('row', { name: new RegExp(topicTitle) });
    await deskRow.getByText('待派讲').waitFor();
    await deskRow.getByRole('button', { name: two('派讲') }).click();
    const assign = desk.getByRole('dialog');
    await assign.getByText('东风镇中心小学 希望').waitFor();
    await choose(desk, assign, '宣讲员', lecturerName);
    await shot(desk, 'lectures-04-assign');
    await assign.getByRole('button', { name: two('确定') }).click();
    await desk.getByText(`已派讲：${lecturerName}`).waitFor().catch(async (err) => {
      await shot(desk, 'failed-assign');
      throw err;
    });
    await deskRow.getByText('待宣讲员确认').waitFor();

    // 3. The lecturer confirms in 我的宣讲安排.
    const elder = await newPage(browser);
    await signIn(elder, s, `lecturer${attempt}`);
    await openMenu(elder, '我的宣讲安排');
    const elderRow = elder.getByRole('row', { name: new RegExp(topicTitle) });
    await elderRow.getByText('待宣讲员确认').waitFor();
    await shot(elder, 'lectures-05-my-schedule');
    await elderRow.getByRole('button', { name: '确认安排' }).click();
    await elder.locator('.ant-popconfirm').getByRole('button', { name: two('确定') }).click();
    await elder.getByText(/^已确认：/).waitFor();
    await elderRow.getByText('已确认').waitFor();

    // Before it is held: the campaign has no activity yet.
    await openMenu(desk, '主题活动');
    const campaignRow = desk.getByRole('row', { name: new RegExp(campaignName) });
    await campaignRow.getByText('0 / 100').waitFor();

    // 4. The school records it as held (it becomes one activity), then rates it.
    await school.reload();
    await schoolRow.getByText('已确认').waitFor();
    await schoolRow.getByRole('button', { name: '登记开讲' }).click();
    const held = school.getByRole('dialog');
    await held.getByText(`宣讲员：${lecturerName}`).waitFor();
    await held.getByLabel('服务时长（小时）').fill('2');
    await choose(school, held, '所属主题活动', campaignName);
    await held.getByLabel('宣讲情况').fill('讲了老区的故事，孩子们听得很认真');
    await shot(school, 'lectures-06-held-form');
    await held.getByRole('button', { name: two('确定') }).click();
    await school.getByText('已登记开讲').waitFor();
    await schoolRow.getByText('已开讲').waitFor();
    await schoolRow.getByRole('button', { name: two('评价') }).click();
    // Named: the 登记开讲 dialog may still be closing. The stars take a click once the dialog has finished opening.
    const rate = school.getByRole('dialog', { name: `评价宣讲 · ${topicTitle}` });
    await expect.poll(async () => {
      await rate.locator('.ant-rate-star').nth(4).click();
      return rate.locator('.ant-rate-star-full').count();
    }, { timeout: 10_000 }).toBe(5);
    await rate.getByLabel('评价').fill('孩子们很喜欢');
    const rated = school.waitForResponse((r) => r.url().endsWith('/rate') && r.request().method() === 'POST');
    await rate.getByRole('button', { name: two('确定') }).click();
    expect((await rated).status()).toBe(200);
    await school.getByText('感谢评价').waitFor();
    await schoolRow.getByRole('button', { name: '进度' }).click();
    const progress = school.getByRole('dialog', { name: `宣讲预约 · ${topicTitle}` });
    await progress.getByText('5 分').waitFor();
    await shot(school, 'lectures-07-request-steps');

    // 5. On the pages: the campaign totals and the lecturer's hours rose.
    await desk.reload();
    await campaignRow.getByText('1 / 100').waitFor();
    expect(await campaignRow.innerText()).toContain('120');
    await shot(desk, 'lectures-08-campaign-totals');
    await openMenu(desk, '五老志愿者');
    const volunteerRow = desk.getByRole('row', { name: new RegExp(lecturerName) });
    await volunteerRow.getByText('2.0').waitFor();
    await shot(desk, 'lectures-09-lecturer-hours');
    await openMenu(desk, '活动记录');
    const activityRow = desk.getByRole('row', { name: new RegExp(topicTitle) });
    await activityRow.getByText('宣讲', { exact: true }).waitFor();
    await shot(desk, 'lectures-10-activities');

    // And through the API.
    const campaign = await office.get(`/api/campaigns/${campaignId}`);
    expect(campaign.body.totals).toEqual({ activities: 1, audience: 120, volunteers: 1, volunteerHours: 2 });
    const volunteer = await office.get(`/api/volunteers/${lecturerId}`);
    expect(volunteer.body.totalHours).toBe(2);
    const requests = await office.get('/api/lecture-requests');
    expect(requests.body.items.find((r: { topicTitle: string }) => r.topicTitle === topicTitle)).toMatchObject({ status: 'held', rating: 5, lecturerName: lecturerName, orgUnitName: '东风镇中心小学' });
    for (const p of [school, desk, elder]) await p.context().close();
  }, 120_000);

  it('the office sees activities (list, calendar, summary, form), bases, campaigns and creation campaigns from application to revoked', async () => {
    const baseId = (await office.post('/api/bases', { name: '西岭红军纪念馆', orgUnitId: s.tree.townshipB, level: 'provincial', theme: '红军长征', capacity: 300, openingHours: '周二至周日 9:00-17:00' })).body.id;
    const today = shanghaiDay(0);
    for (const [i, title] of ['清明祭英烈', '四史三爱故事会', '关爱明天、普法先行进校园'].entries()) {
      const res = await office.post('/api/activities', {
        type: i === 2 ? 'lawEducation' : 'redEducation', title, date: today, orgUnitId: s.tree.villageB1, baseId: i === 0 ? baseId : null, campaignId: officeCampaignId,
        audienceStudents: 1200 * (i + 1), volunteers: [{ volunteerId: officeLecturerId, hours: 1.5, role: 'lecturer' }],
      });
      expect(res.status).toBe(200);
    }
    const type = await office.post('/api/creation-types', {
      code: 'zeroCrimeSchool', name: '零犯罪学校', targetKinds: ['school'], validYears: 3, passScore: 60,
      criteria: [{ title: '全年在校学生无违法犯罪', scoring: 'pass' }, { title: '法治副校长到岗履职', scoring: 'pass' }, { title: '法治教育课时落实', scoring: 'points', maxPoints: 100 }],
    });
    const applied = await office.post('/api/creations', { typeId: type.body.id, orgUnitId: s.tree.schoolA, note: '全年无案件' });
    const creationId = applied.body.id;

    const page = await newPage(browser);
    await signIn(page, s, 'office-web');
    await openMenu(page, '活动记录');
    await page.getByRole('row', { name: /清明祭英烈/ }).waitFor();
    await shot(page, 'activities-01-list');
    await page.getByText('日历', { exact: true }).click();
    await page.getByText(/本月共/).waitFor();
    await shot(page, 'activities-02-calendar');
    await page.getByText('汇总', { exact: true }).click();
    await page.getByText('按活动类型').waitFor();
    await shot(page, 'activities-03-summary');
    await page.getByText('列表', { exact: true }).click();
    await page.getByRole('button', { name: '登记活动' }).click();
    const form = page.getByRole('dialog', { name: '登记活动' });
    await form.getByRole('button', { name: /保\s*存/ }).click();
    await form.getByText('请选择活动日期').waitFor();
    await form.getByRole('button', { name: '添加参与志愿者' }).click();
    await shot(page, 'activities-04-form');
    await page.keyboard.press('Escape');

    await openMenu(page, '教育基地');
    await page.getByRole('row', { name: /西岭红军纪念馆/ }).getByText('1,200').waitFor();
    await page.getByRole('row', { name: /西岭红军纪念馆/ }).getByText('西岭红军纪念馆').click();
    await page.getByText('在基地开展的活动').waitFor();
    await shot(page, 'bases-01-detail');
    await page.keyboard.press('Escape');

    await openMenu(page, '创建标准');
    await page.getByText('法治副校长到岗履职').waitFor();
    await shot(page, 'creations-01-types');
    await openMenu(page, '创建申报');
    const row = page.getByRole('row', { name: /东风镇中心小学/ });
    await row.getByRole('button', { name: '联合验收' }).click();
    const check = page.getByRole('dialog');
    await check.getByLabel('验收单位和人员').fill('县关工委、教育局、公安局联合验收组');
    await check.getByLabel('第3项得分').fill('85');
    await shot(page, 'creations-02-check');
    await check.getByRole('button', { name: '提交结果' }).click();
    await page.getByText('验收通过，可以命名').waitFor();
    await row.getByRole('button', { name: two('命名') }).click();
    await page.getByRole('dialog').getByRole('button', { name: '确认命名' }).click();
    await page.getByText(/已命名，有效期至/).waitFor();
    await row.getByRole('button', { name: two('撤销') }).click();
    const revoke = page.getByRole('dialog');
    await revoke.getByRole('button', { name: '确认撤销' }).click();
    await revoke.getByText('请填写撤销原因').waitFor();
    await revoke.getByLabel('撤销原因').fill('在校学生发生一起违法案件');
    await revoke.getByRole('button', { name: '确认撤销' }).click();
    await page.getByText('已撤销命名').waitFor();
    await row.getByRole('button', { name: two('查看') }).click();
    await page.getByRole('tab', { name: '创建全过程' }).waitFor();
    await page.getByText('撤销命名 → 已撤销').waitFor();
    await shot(page, 'creations-03-history');
    await page.keyboard.press('Escape');
    await openMenu(page, '创建看板');
    await page.getByRole('row', { name: /东风镇/ }).waitFor();
    await shot(page, 'creations-04-board');

    const detail = await office.get(`/api/creations/${creationId}`);
    expect(detail.body.history.map((h: { event: string }) => h.event)).toEqual(['apply', 'check', 'name', 'revoke']);
    await page.context().close();
  }, 120_000);
});

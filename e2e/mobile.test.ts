import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import AxeBuilder from '@axe-core/playwright';
import { hasChromium, launchBrowser, shot, startTestServer, TEST_PASSWORD, type TestServer } from './support';
import { makeVolunteer } from '../apps/server/src/modules/activities/testSupport.ts';
import { birthYearsAgo, caseInput, fakeIdNumber } from '../apps/server/src/modules/careCases/testSupport.ts';

const future = (days: number) => new Date(Date.now() + days * 86400_000 + 8 * 3600_000).toISOString().slice(0, 10);
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

/** What the age-friendly rules measure on the current screen: text size, line height, touch targets. */
async function measure(page: Page, minText = 18) {
  return page.evaluate((minText) => {
    const root = document.querySelector('.m-root')!;
    const visible = (el: Element) => {
      const cs = getComputedStyle(el);
      const r = el.getBoundingClientRect();
      return cs.display !== 'none' && cs.visibility !== 'hidden' && r.width > 0 && r.height > 0;
    };
    const smallText: string[] = [];
    const tightLines: string[] = [];
    let texts = 0;
    for (const el of Array.from(root.querySelectorAll('*'))) {
      const own = Array.from(el.childNodes).some((n) => n.nodeType === Node.TEXT_NODE && n.textContent!.trim());
      if (!own || !visible(el)) continue;
      texts += 1;
      const cs = getComputedStyle(el);
      const size = parseFloat(cs.fontSize);
      const line = cs.lineHeight === 'normal' ? size * 1.2 : parseFloat(cs.lineHeight);
      const label = `${el.tagName.toLowerCase()} "${el.textContent!.trim().slice(0, 12)}" ${size}px/${line}px`;
      if (size < minText - 0.01) smallText.push(label);
      if (line / size < 1.3 - 0.005) tightLines.push(label);
    }
    const smallTargets: string[] = [];
    let main = 0;
    let other = 0;
    for (const el of Array.from(root.querySelectorAll('a, button, input, textarea, select, label.m-btn'))) {
      if (el.matches('.m-photo-input') || !visible(el)) continue;
      const isMain = el.matches('.m-btn, .m-pick, .m-choice, .m-input, .m-nav a, .m-nav button');
      if (isMain) main += 1;
      else other += 1;
      const min = isMain ? 60 : 44;
      const r = el.getBoundingClientRect();
      if (r.width < min || r.height < min) smallTargets.push(`${el.tagName.toLowerCase()} "${(el.textContent ?? '').trim().slice(0, 12)}" ${Math.round(r.width)}x${Math.round(r.height)} (min ${min})`);
    }
    return { texts, smallText, tightLines, smallTargets, main, other, rootFont: parseFloat(getComputedStyle(root).fontSize) };
  }, minText);
}

async function expectAgeFriendly(page: Page, minText = 18) {
  const m = await measure(page, minText);
  expect(m.texts).toBeGreaterThan(0);
  expect(m.main).toBeGreaterThan(0);
  expect(m.smallText).toEqual([]);
  expect(m.tightLines).toEqual([]);
  expect(m.smallTargets).toEqual([]);
  return m;
}

async function expectNoSeriousAxe(page: Page) {
  const result = await new AxeBuilder({ page }).analyze();
  const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(bad.map((v) => `${v.id}: ${v.help} @ ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}

/** Counts the distinct screens (paths) visited from now on. */
function screenCounter(page: Page) {
  const paths: string[] = [];
  const onNav = () => {
    const p = new URL(page.url()).pathname;
    if (paths[paths.length - 1] !== p) paths.push(p);
  };
  page.on('framenavigated', (f) => { if (f === page.mainFrame()) onNav(); });
  return { paths, stop: () => page.off('framenavigated', onNav) };
}

describe.skipIf(!hasChromium)('phone pages for elder volunteers (/m/)', () => {
  let s: TestServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let volunteerId: string;
  let lectureId: string;
  let caseId: string;

  beforeAll(async () => {
    s = await startTestServer();
    browser = await launchBrowser();
    const office = await s.as('countyOffice');
    const userId = await s.createUser({ username: 'elder_chen', role: 'volunteer', at: 'villageA1' });
    volunteerId = await makeVolunteer(office, s.tree.villageA1, '陈老师', userId);
    const topic = await office.post('/api/lecture-topics', { title: '小故事里的大道理', category: 'theory', audiences: ['school'], schoolApproved: true, lecturerIds: [volunteerId] });
    const school = await s.as('grassrootsLiaison', 'schoolA');
    const req = await school.post('/api/lecture-requests', { topicId: topic.body.id, orgUnitId: s.tree.schoolA, preferredDate: future(3), audienceEstimate: 80 });
    lectureId = req.body.id;
    expect((await office.post(`/api/lecture-requests/${lectureId}/assign`, { lecturerId: volunteerId, scheduledDate: future(3) })).status).toBe(200);
    const c = await office.post('/api/care-cases', caseInput(s, { name: '李小明', idNumber: fakeIdNumber(birthYearsAgo(15), 31), offence: { narrative: '盗窃电动车一辆' } }));
    expect(c.status).toBe(200);
    caseId = c.body.id;
    expect((await office.post(`/api/care-cases/${caseId}/mentorships`, { volunteerId, startOn: future(-20) })).status).toBe(200);

    context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    page = await context.newPage();
    page.setDefaultTimeout(15_000);
    page.on('pageerror', (err) => console.error(`[page error] ${err.message}`));
  });
  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await s?.close();
  });

  it('signs in with large fields; 我的工作 lists the lecture, the mentee and what is due, with nothing mentoring does not need', async () => {
    await page.goto(`${s.baseUrl}/m/`);
    await page.waitForURL(/\/m\/login$/);
    await page.getByLabel('用户名').waitFor();
    await expectAgeFriendly(page);
    await expectNoSeriousAxe(page);
    // Errors are said in words.
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByText('请填写用户名').waitFor();
    await page.getByLabel('用户名').fill('elder_chen');
    await page.getByLabel('密码').fill('wrong-password-1');
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByRole('alert').filter({ hasText: /用户名或密码|密码/ }).waitFor();
    await page.getByLabel('密码').fill(TEST_PASSWORD);
    await shot(page, 'm-01-login');
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByRole('heading', { name: '我的工作' }).waitFor();
    await page.getByText('陈老师，您好').waitFor();
    const lecture = page.getByRole('article', { name: '小故事里的大道理' });
    await lecture.getByText('东风镇中心小学').waitFor();
    await lecture.getByText('待您确认').waitFor();
    const mentee = page.getByRole('article', { name: '李小明' });
    await mentee.getByText('学校或单位：东风镇中学').waitFor();
    await mentee.getByText(/下次联系：.*（已到时间）/).waitFor();
    const body = await page.locator('.m-root').innerText();
    for (const secret of ['13812345678', '13987654321', '李大山', '父母在外务工', '盗窃', '东风村三组']) expect(body).not.toContain(secret);
    await shot(page, 'm-02-home');
    await expectAgeFriendly(page);
    await expectNoSeriousAxe(page);
  });

  it('logs a visit in three screens: pick → say what happened (with a camera photo) → confirmation', async () => {
    await page.goto(`${s.baseUrl}/m`);
    await page.getByRole('heading', { name: '我的工作' }).waitFor();
    const screens = screenCounter(page);
    await page.getByRole('link', { name: '记一次走访' }).click();
    await page.getByRole('heading', { name: '记走访：选孩子' }).waitFor();
    await expectAgeFriendly(page);
    await page.getByRole('link', { name: /李小明/ }).click();
    await page.getByRole('heading', { name: '记走访：李小明' }).waitFor();
    // Today's date and 入户走访 are the defaults.
    expect(await page.getByLabel('日期', { exact: true }).inputValue()).toBe(future(0));
    expect(await page.getByRole('button', { name: '入户走访' }).getAttribute('aria-pressed')).toBe('true');
    // A missing field is said in words, next to the field.
    await page.getByRole('button', { name: '保存' }).click();
    await page.getByText('请写几句这次的情况').waitFor();
    expect(await page.getByLabel('情况').getAttribute('aria-invalid')).toBe('true');
    await expectAgeFriendly(page);
    await expectNoSeriousAxe(page);
    await page.getByRole('button', { name: '电话联系' }).click();
    await page.getByLabel('情况').fill('电话联系，孩子按时返校，学习有进步');
    const camera = page.locator('input[type=file]');
    expect(await camera.getAttribute('accept')).toBe('image/*');
    expect(await camera.getAttribute('capture')).not.toBeNull();
    await camera.setInputFiles({ name: 'photo.png', mimeType: 'image/png', buffer: PNG });
    await page.getByText('已加 1 张照片').waitFor();
    await shot(page, 'm-03-visit-form');
    await page.getByRole('button', { name: '保存' }).click();
    await page.getByRole('heading', { name: '已记好了' }).waitFor();
    await page.getByText('走访记录已保存成功。').waitFor();
    await shot(page, 'm-04-visit-done');
    await expectAgeFriendly(page);
    await expectNoSeriousAxe(page);
    screens.stop();
    expect(screens.paths.length).toBeLessThanOrEqual(3);

    const visits = await s.platform.db.selectFrom('careVisit').selectAll().where('caseId', '=', caseId).execute();
    expect(visits).toHaveLength(1);
    expect(visits[0]).toMatchObject({ mode: 'phone', visitedOn: future(0) });
    expect(JSON.parse(visits[0].photoUploadIds)).toHaveLength(1);
  });

  it('logs a lecture in three screens after confirming it on 我的工作', async () => {
    await page.getByRole('link', { name: '回到我的工作' }).click();
    const card = page.getByRole('article', { name: '小故事里的大道理' });
    await card.getByRole('button', { name: '确认参加' }).click();
    await card.getByText('状态：已确认').waitFor();
    const screens = screenCounter(page);
    await page.getByRole('link', { name: '记一次宣讲' }).click();
    await page.getByRole('heading', { name: '记宣讲：选哪一场' }).waitFor();
    await page.getByRole('link', { name: /小故事里的大道理/ }).click();
    await page.getByRole('heading', { name: '记宣讲' }).waitFor();
    expect(await page.getByLabel('宣讲日期').inputValue()).toBe(future(0));
    await page.getByLabel('大约多少人听（可以不填）').fill('六十');
    await page.getByRole('button', { name: '保存' }).click();
    await page.getByText('听众人数请填数字，比如 50').waitFor();
    await page.getByLabel('大约多少人听（可以不填）').fill('60');
    await page.getByRole('button', { name: '1.5 小时' }).click();
    await page.locator('input[type=file]').setInputFiles({ name: 'lecture.png', mimeType: 'image/png', buffer: PNG });
    await page.getByText('已加 1 张照片').waitFor();
    await expectAgeFriendly(page);
    await expectNoSeriousAxe(page);
    await page.getByRole('button', { name: '保存' }).click();
    await page.getByText('宣讲记录已保存成功。').waitFor();
    screens.stop();
    expect(screens.paths.length).toBeLessThanOrEqual(3);

    const row = await s.platform.db.selectFrom('lectureRequest').select(['status', 'activityId']).where('id', '=', lectureId).executeTakeFirstOrThrow();
    expect(row.status).toBe('held');
    const activity = await s.platform.db.selectFrom('activity').selectAll().where('id', '=', row.activityId!).executeTakeFirstOrThrow();
    expect(activity).toMatchObject({ type: 'lecture', audienceTotal: 60, activityDate: future(0) });
    expect(JSON.parse(activity.photoUploadIds)).toHaveLength(1);
  });

  it('keeps a visit on the phone while offline and sends it when the connection returns', async () => {
    await page.goto(`${s.baseUrl}/m/visit`);
    await page.getByRole('link', { name: /李小明/ }).click();
    await page.getByLabel('情况').fill('入户走访，和爷爷聊了孩子的学习');
    await context.setOffline(true);
    await page.getByRole('button', { name: '保存' }).click();
    await page.getByRole('heading', { name: '已保存在手机上' }).waitFor();
    await page.getByText('连上网络后会自动发出').waitFor();
    await expectAgeFriendly(page);
    expect(await s.platform.db.selectFrom('careVisit').select('id').where('caseId', '=', caseId).execute()).toHaveLength(1);
    // Nothing personal went into localStorage (A7).
    const local = await page.evaluate(() => JSON.stringify({ ...localStorage }));
    expect(local).not.toContain('爷爷');
    await context.setOffline(false);
    await expect.poll(async () => (await s.platform.db.selectFrom('careVisit').select('id').where('caseId', '=', caseId).execute()).length, { timeout: 10_000 }).toBe(2);
    // The app opening again (its own send of what is queued) sends nothing twice.
    await page.goto(`${s.baseUrl}/m`);
    await page.getByRole('heading', { name: '我的工作' }).waitFor();
    await page.waitForTimeout(500);
    expect(await s.platform.db.selectFrom('careVisit').select('id').where('caseId', '=', caseId).execute()).toHaveLength(2);
  });

  it('a visit whose answer was lost on the way is sent again and recorded once', async () => {
    const count = async () => (await s.platform.db.selectFrom('careVisit').select('id').where('caseId', '=', caseId).execute()).length;
    await page.goto(`${s.baseUrl}/m/visit`);
    await page.getByRole('link', { name: /李小明/ }).click();
    await page.getByLabel('情况').fill('入户走访，帮孩子检查作业');
    // The server records the visit, but its answer never reaches the phone.
    await page.route('**/api/care-cases/mentees/*/visits', async (route) => {
      await route.fetch();
      await route.abort('internetdisconnected');
    }, { times: 1 });
    await page.getByRole('button', { name: '保存' }).click();
    await page.getByRole('heading', { name: '已保存在手机上' }).waitFor();
    expect(await count()).toBe(3);
    // The connection "returns": the queued visit goes out again with the same id, and is not recorded twice.
    await page.evaluate(() => window.dispatchEvent(new Event('online')));
    await expect.poll(async () => page.evaluate(() => new Promise<number>((resolve) => {
      const req = indexedDB.open('gg-mobile', 1);
      req.onsuccess = () => {
        const all = req.result.transaction('drafts', 'readonly').objectStore('drafts').getAll();
        all.onsuccess = () => resolve((all.result as { queued: boolean }[]).filter((d) => d.queued).length);
      };
    })), { timeout: 10_000 }).toBe(0);
    expect(await count()).toBe(3);
  });

  it('我的服务 shows hours and stars without rankings, downloads the certificate, and 大字 makes text larger', async () => {
    await page.goto(`${s.baseUrl}/m/service`);
    await page.getByRole('heading', { name: '我的服务' }).waitFor();
    // Visits by phone 0.5 h + home 2 h + home 2 h (recorded once though sent twice), lecture 1.5 h.
    await page.getByText('累计服务6 小时').waitFor();
    expect(await page.locator('.m-root').innerText()).not.toMatch(/排名|名次|第\d+名/);
    await expectAgeFriendly(page);
    await expectNoSeriousAxe(page);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '下载服务证明' }).click()]);
    expect(download.suggestedFilename()).toMatch(/\.docx$/);
    await page.getByText('证明已下载到手机').waitFor();

    await page.getByRole('button', { name: '大字' }).click();
    await page.getByRole('button', { name: '标准字' }).waitFor();
    const large = await expectAgeFriendly(page, 22);
    expect(large.rootFont).toBe(22);
    await shot(page, 'm-05-service-large');
    await page.getByRole('button', { name: '标准字' }).click();
    expect(volunteerId).toBeTruthy();
  });
});

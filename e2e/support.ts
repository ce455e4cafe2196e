import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { onTestFailed } from 'vitest';
import { startTestServer, totpFor, TEST_PASSWORD, ADMIN_PASSWORD, type TestServer } from '../apps/server/test/harness.ts';
import { totpCode } from '../apps/server/src/platform/auth/totp.ts';

export { startTestServer, totpFor, totpCode, TEST_PASSWORD, ADMIN_PASSWORD, type TestServer };

export const CHROMIUM = '/usr/bin/chromium';
export const hasChromium = fs.existsSync(CHROMIUM);
if (!hasChromium) console.warn('!!! Chromium not found: browser journeys SKIPPED');

export const SHOTS = '/tmp/gg-shots';

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** A fresh context and page per test, sized like an office monitor, speaking Chinese. */
export async function newPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  const page = await context.newPage();
  // CI shares two cores between the API suites, PostgreSQL and the browser: give each step more room there.
  page.setDefaultTimeout(process.env.CI ? 30_000 : 15_000);
  // Any script error in the page fails loudly in the test output.
  page.on('pageerror', (err) => console.error(`[page error] ${err.message}`));
  // When the journey fails, say what the page showed (URL, form errors, messages) and keep a screenshot.
  try {
    onTestFailed(async () => {
      if (page.isClosed()) return;
      const shown = await page
        .locator('.ant-form-item-explain-error, .ant-message-notice, .ant-notification-notice, .ant-alert-message, .ant-result-title')
        .allInnerTexts()
        .catch(() => []);
      console.error(`[journey failed] ${page.url()}\n  shown: ${shown.join(' | ') || '(no errors or messages on the page)'}`);
      fs.mkdirSync(SHOTS, { recursive: true });
      await page.screenshot({ path: path.join(SHOTS, `failed-${Date.now()}.png`), fullPage: true }).catch(() => undefined);
    });
  } catch {
    /* made outside a test (beforeAll): nothing to report to */
  }
  return page;
}

/** Signs in through the login page; enters the one-time code when the page asks for it. */
export async function signIn(page: Page, s: TestServer, username: string, password = TEST_PASSWORD): Promise<void> {
  await page.goto(`${s.baseUrl}/login`);
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码', { exact: true }).fill(password);
  await page.getByRole('button', { name: /登\s*录/ }).click();
  const otp = page.getByLabel('动态验证码');
  const home = page.getByRole('navigation', { name: '主菜单' });
  await Promise.race([otp.waitFor(), home.waitFor()]);
  if (await otp.isVisible()) {
    await otp.fill(totpFor(s, username));
    await page.getByRole('button', { name: /登\s*录/ }).click();
  }
  await home.waitFor();
}

export async function shot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
}

/**
 * Types the date into an antd DatePicker and picks it in the open panel (Enter would submit the form).
 * The dropdown of a previous picker may still be fading out and adjacent months repeat days, so: the last
 * visible dropdown, and only cells of the month in view.
 */
export async function pickDate(page: Page, input: Locator, date: string): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    await input.click();
    await input.fill(date);
    await page.locator(`.ant-picker-dropdown:visible td.ant-picker-cell-in-view[title="${date}"]`).last().click();
    // A pick that took closes the panel and leaves the date in the input; on a busy machine a click can land while
    // the panel is redrawn for the typed date and pick nothing, so it is tried again.
    const took = await page
      .locator('.ant-picker-dropdown:visible')
      .first()
      .waitFor({ state: 'hidden', timeout: 3_000 })
      .then(async () => (await input.inputValue()) === date)
      .catch(() => false);
    if (took) return;
    if (attempt >= 3) throw new Error(`the date picker did not take ${date}`);
  }
}

/**
 * Picks `option` in the antd Select (or TreeSelect) whose input is `input`, typing `search` first when given, and
 * checks that the select now shows it. Options of a search-as-you-type select are replaced when the answer for the
 * typed text arrives; a click that lands while they are replaced picks nothing, so the pick is retried.
 */
export async function chooseIn(page: Page, input: Locator, option: string | RegExp, search?: string): Promise<void> {
  const root = input.locator('xpath=ancestor::*[contains(concat(" ", normalize-space(@class), " "), " ant-select ")][1]');
  for (let attempt = 0; ; attempt++) {
    await input.click();
    if (search) await input.fill(search);
    const item = page.locator('.ant-select-dropdown:visible').last().locator('.ant-select-item-option, .ant-select-tree-node-content-wrapper', { hasText: option }).first();
    await item.waitFor();
    await page.waitForTimeout(200 * (attempt + 1));
    await item.click({ timeout: 5_000 }).catch(() => undefined);
    try {
      // The chosen value shows in the select's own content (a dropdown rendered inside the select does not count).
      await root.locator('.ant-select-content').filter({ hasText: option }).first().waitFor({ timeout: 3_000 });
      return;
    } catch (err) {
      if (attempt >= 3) throw err;
      // Close the dropdown (not the dialog around it) before trying again.
      if (await page.locator('.ant-select-dropdown:visible').count()) await input.press('Tab');
    }
  }
}

import { existsSync, mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { describe } from '@jest/globals';
import pg from 'pg';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { createTestApp, TEST_NOW, type TestApp } from '../app.js';
import { TEST_PASSWORD } from '../factories.js';

/**
 * What every browser journey shares: the real app (api + built web app, real Postgres and Redis) listening on a free
 * port, Debian's chromium, a login helper and screenshots kept under artifacts/web/ (.ci/run keeps them).
 */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const ARTIFACTS = path.resolve('artifacts', 'web');
export const DESK = { width: 1366, height: 768 };
export const PHONE = { width: 390, height: 844 };

/**
 * describe() for a browser journey. In CI a missing chromium fails the run (.ci/run installs it); on a developer's
 * machine without it the journey is skipped with the reason in its title.
 */
export function describeInBrowser(name: string, body: () => void): void {
  if (existsSync(CHROMIUM) || process.env.CI) describe(name, body);
  else describe.skip(`${name} (skipped: ${CHROMIUM} not installed — apt-get install -y chromium fonts-wqy-microhei)`, body);
}

export interface WebApp {
  t: TestApp;
  baseUrl: string;
  browser: Browser;
  close(): Promise<void>;
}

/**
 * A database of the suite's own, beside the run's: a journey reads whole pages (the batch list, the province picker,
 * the users list), which the other suites' rows in the run's shared database would push onto later pages.
 */
async function ownDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const shared = new URL(process.env.DATABASE_URL!);
  const name = `${shared.pathname.slice(1)}_w${Math.random().toString(36).slice(2, 8)}`;
  const admin = new URL(shared);
  admin.pathname = '/postgres';
  const run = async (sql: string) => {
    const client = new pg.Client({ connectionString: admin.toString() });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await run(`CREATE DATABASE "${name}" ENCODING 'UTF8' TEMPLATE template0`);
  const own = new URL(shared);
  own.pathname = `/${name}`;
  return { url: own.toString(), drop: () => run(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`) };
}

export async function startWebApp(): Promise<WebApp> {
  const database = await ownDatabase();
  const shared = process.env.DATABASE_URL;
  // Read by the app's config while this suite's modules load (each test file has its own module registry).
  process.env.DATABASE_URL = database.url;
  const t = await createTestApp();
  const [{ current }] = await t.db.query('SELECT current_database() AS current');
  if (current !== new URL(database.url).pathname.slice(1)) throw new Error(`the app connected to ${current}, not the suite's own database: its config was read before startWebApp()`);
  await t.app.listen(0, '127.0.0.1');
  const baseUrl = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  return {
    t,
    baseUrl,
    browser,
    async close() {
      await browser.close();
      await t.close();
      process.env.DATABASE_URL = shared;
      if (process.env.KEEP_TEST_DB !== 'true') await database.drop();
    },
  };
}

/**
 * A fresh browser context (its own session storage) at a desk or on a phone. The page's clock reads the suites' pinned
 * day, so "this quarter" and "today" in the page agree with the api's FixedClock.
 */
export async function openPage(web: WebApp, viewport: { width: number; height: number } = DESK): Promise<{ context: BrowserContext; page: Page }> {
  const context = await web.browser.newContext({ viewport, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', acceptDownloads: true, baseURL: web.baseUrl, isMobile: viewport.width < 768, hasTouch: viewport.width < 768 });
  await context.clock.setFixedTime(new Date(TEST_NOW));
  const page = await context.newPage();
  return { context, page };
}

/** Logs in through the login page, as a person does (staying on it if already there, to keep its redirect), and waits for the app. */
export async function login(page: Page, username: string, password = TEST_PASSWORD): Promise<void> {
  if (!page.url().includes('/login')) await page.goto('/login');
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码', { exact: true }).fill(password);
  await page.getByRole('button', { name: '登录' }).click();
  await page.waitForURL((url) => url.pathname !== '/login');
  await page.getByRole('navigation', { name: '主菜单' }).or(page.getByRole('button', { name: '打开菜单' })).first().waitFor();
}

/** A full-page screenshot kept as a CI artifact: artifacts/web/<name>.png. */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: true });
}

/** The left menu's labels, in order (desk layout). */
export async function menuLabels(page: Page): Promise<string[]> {
  return (await page.getByRole('navigation', { name: '主菜单' }).getByRole('menuitem').allTextContents()).map((s) => s.trim());
}

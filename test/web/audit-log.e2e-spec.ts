import { afterAll, beforeAll, expect, it } from '@jest/globals';
import ExcelJS from 'exceljs';
import path from 'node:path';
import { AuditChainService } from '#libs/audit';
import { bearer } from '../auth-helper.js';
import { makeProvinceWorld, makeUser } from '../factories.js';
import { loaded, pageWidth } from './page-ready.js';
import { ARTIFACTS, describeInBrowser, login, menuLabels, openPage, PHONE, screenshot, startWebApp, type WebApp } from './harness.js';

describeInBrowser('审计日志: the audit administrator reads, filters and exports the audit and login logs', () => {
  let web: WebApp;
  let auditor: { id: string; username: string };
  let clerk: { id: string; username: string };

  beforeAll(async () => {
    web = await startWebApp();
    auditor = await makeUser(web.t.db, 'audit_admin');
    clerk = (await makeProvinceWorld(web.t.db)).users.coordinator;
    // Login rows as the login code writes them (auth.*), and an administrative change with a formula-like value —
    // just before now, so newer than the rows written while the app started (the regions it loads): the first page.
    await web.t.db.query(
      `INSERT INTO audit_event (actor_id, actor_username, entity_type, entity_id, action, after, at)
       VALUES ($1, $2, 'user', $1, 'auth.login', NULL, now() - interval '40 milliseconds'),
              (NULL, $2, 'user', $1, 'auth.login_failed', '{"reason":"密码错误"}', now() - interval '30 milliseconds'),
              ($1, $2, 'user', $1, 'auth.logout', NULL, now() - interval '20 milliseconds'),
              ($3, $4, 'department', gen_random_uuid(), 'update', '{"name":"=HYPERLINK(\\"http://evil.example\\")"}', now() - interval '10 milliseconds')`,
      [clerk.id, clerk.username, auditor.id, auditor.username],
    );
    await web.t.app.get(AuditChainService).seal();
  }, 60_000);
  afterAll(() => web?.close());

  it('shows the audit log, filters the login log by user, checks the chain and exports', async () => {
    const { page, context } = await openPage(web);
    await login(page, auditor.username);
    expect(await menuLabels(page)).toEqual(['审计日志']);
    expect(new URL(page.url()).pathname).toBe('/audit');
    const table = page.getByRole('table').first();
    await page.getByText('=HYPERLINK', { exact: false }).first().or(page.getByRole('cell', { name: 'department' }).first()).waitFor();
    await loaded(page);
    await screenshot(page, 'audit-log-desk');

    await page.getByRole('tab', { name: '登录日志' }).click();
    await page.getByLabel('操作人').fill(clerk.username);
    await page.getByRole('button', { name: '查询' }).click();
    await page.getByText('登录失败').first().waitFor();
    await loaded(page);
    const shown = await page.locator('.el-table__body tr.el-table__row').count();
    const api = await web.t.http.get('/api/audit').query({ action: 'auth.', actor: clerk.username }).set('Authorization', await bearer(web.t, auditor.username));
    expect(api.status).toBe(200);
    expect(api.body.total).toBe(3);
    expect(shown).toBe(3);
    expect(await table.textContent()).not.toContain('department');
    await screenshot(page, 'audit-login-log-desk');

    await page.getByRole('button', { name: '校验哈希链' }).click();
    await page.getByRole('status').getByText('哈希链完好').waitFor();

    await page.getByRole('tab', { name: '操作日志' }).click();
    await page.getByLabel('操作人').fill(auditor.username);
    await page.getByLabel('对象类型').fill('department');
    await page.getByRole('button', { name: '查询' }).click();
    await loaded(page);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '导出 Excel' }).click()]);
    expect(download.suggestedFilename()).toMatch(/审计日志.*\.xlsx$/);
    const file = path.join(ARTIFACTS, 'audit-log.xlsx');
    await download.saveAs(file);
    const sheet = (await new ExcelJS.Workbook().xlsx.readFile(file)).worksheets[0];
    expect(sheet.getRow(2).getCell(7).value).toBe(JSON.stringify({ name: '=HYPERLINK("http://evil.example")' }));
    expect(sheet.getRow(2).getCell(3).value).toBe('update');
    expect(sheet.rowCount).toBe(2);
    await context.close();
  });

  it('fits a phone, and is refused to other roles', async () => {
    const { page, context } = await openPage(web, PHONE);
    await login(page, auditor.username);
    await page.getByRole('list', { name: '审计日志' }).getByRole('listitem').first().waitFor();
    await loaded(page);
    expect(await pageWidth(page)).toBeLessThanOrEqual(PHONE.width);
    await screenshot(page, 'audit-log-phone');
    await context.close();

    const other = await openPage(web);
    await login(other.page, clerk.username);
    await other.page.goto('/audit');
    await other.page.waitForURL((url) => url.pathname !== '/audit');
    expect(await menuLabels(other.page)).not.toContain('审计日志');
    const refused = await web.t.http.get('/api/audit').set('Authorization', await bearer(web.t, clerk.username));
    expect(refused.status).toBe(403);
    await other.context.close();
  });
});

import { afterAll, beforeAll, expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import { bearer } from '../auth-helper.js';
import { makeBatch, makeProvinceWorld } from '../factories.js';
import { loaded } from './page-ready.js';
import { describeInBrowser, login, openPage, PHONE, screenshot, startWebApp, type WebApp } from './harness.js';

describeInBrowser('工作台 (coordinator): what needs me now, as counts that link to the filtered pages', () => {
  let web: WebApp;
  let world: Awaited<ReturnType<typeof makeProvinceWorld>>;
  let auth: string;
  beforeAll(async () => {
    web = await startWebApp();
    world = await makeProvinceWorld(web.t.db);
    auth = await bearer(web.t, world.users.coordinator.username);
    // TEST_NOW is 2026-11-26: two overdue, two due within 14 days, one later, one waiting for close-out review.
    const batch = await makeBatch(web.t.db, [
      { name: '逾期最久的事项', deadlineDate: '2026-06-30' },
      { name: '刚逾期的事项', deadlineDate: '2026-11-20' },
      { name: '下周到期的事项', deadlineDate: '2026-12-03' },
      { name: '两周内到期的事项', deadlineDate: '2026-12-08' },
      { name: '明年到期的事项', deadlineDate: '2027-06-30' },
      { name: '已提交销号的事项', deadlineDate: '2027-03-31' },
    ]);
    const adopted = await web.t.http.post(`/api/batches/${batch.batchId}/adopt`).set('Authorization', auth).send({ regionId: world.province.id });
    expect(adopted.status).toBe(200);
    await web.t.db.query(`UPDATE task SET lead_department_id = $1 WHERE reform_item_id = ANY($2)`, [world.leadDept.id, batch.itemIds]);
    await web.t.db.query(`UPDATE task SET status = 'submitted', submitted_at = now() WHERE reform_item_id = $1`, [batch.itemIds[5]]);
  }, 60_000);
  afterAll(() => web?.close());

  const apiTotal = async (query: string) => (await web.t.http.get(`/api/tasks?${query}&pageSize=1`).set('Authorization', auth)).body.total as number;
  const tile = (page: Page, label: string) => page.getByRole('link', { name: new RegExp(`^${label} \\d+$`) });
  const tileCount = async (page: Page, label: string) => Number((await tile(page, label).getAttribute('aria-label'))!.split(' ').pop());

  it('shows the same numbers as the api, and each tile opens its filtered page', async () => {
    const { page, context } = await openPage(web);
    await login(page, world.users.coordinator.username);
    await tile(page, '逾期').waitFor();

    const expected = {
      待审核销号: await apiTotal('status=submitted'),
      逾期: await apiTotal('overdue=true'),
      '14天内到期': await apiTotal('dueWithinDays=14'),
      本季度缺报: (await web.t.http.get('/api/dashboard/summary').set('Authorization', auth)).body.reportsMissing as number,
      未读消息: (await web.t.http.get('/api/me/notifications').set('Authorization', auth)).body.unread as number,
    };
    expect(expected).toMatchObject({ 待审核销号: 1, 逾期: 2, '14天内到期': 2 });
    for (const [label, n] of Object.entries(expected)) expect([label, await tileCount(page, label)]).toEqual([label, n]);

    // The most overdue tasks first, with how late they are.
    const worst = page.getByRole('row', { name: /逾期最久的事项/ });
    expect(await worst.textContent()).toMatch(/逾期 \d+ 个工作日/);
    await loaded(page);
    await screenshot(page, 'home-coordinator-desk');

    const lands: [string, (url: URL) => boolean][] = [
      ['逾期', (url) => url.pathname === '/tasks' && url.searchParams.get('overdue') === 'true'],
      ['14天内到期', (url) => url.pathname === '/tasks' && url.searchParams.get('dueWithinDays') === '14'],
      ['待审核销号', (url) => url.pathname === '/close-outs'],
      ['本季度缺报', (url) => url.pathname === '/reports' && url.searchParams.get('period') === '2026Q4'],
      ['未读消息', (url) => url.pathname === '/inbox'],
    ];
    for (const [label, landed] of lands) {
      await page.goto('/');
      await tile(page, label).click();
      await page.waitForURL(landed);
    }
    await context.close();
  });

  it('fits a phone without sideways scrolling', async () => {
    const { page, context } = await openPage(web, PHONE);
    await login(page, world.users.coordinator.username);
    await tile(page, '逾期').waitFor();
    await page.getByText('逾期最久的事项').waitFor();
    await loaded(page);
    await screenshot(page, 'home-coordinator-phone');
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(PHONE.width);
    await context.close();
  });
});

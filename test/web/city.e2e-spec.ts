import { afterAll, beforeAll, expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import { TEST_TODAY } from '../app.js';
import { bearer } from '../auth-helper.js';
import { count, makeBatch, makeProvinceWorld, makeUser } from '../factories.js';
import { describeInBrowser, DESK, login, menuLabels, openPage, PHONE, screenshot, startWebApp, type WebApp } from './harness.js';
import { loaded, pageWidth } from './page-ready.js';

const PDF = { name: '实施细则.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n') };
const ITEMS = ['国际贸易单一窗口', '证照分离改革', '融资租赁监管'];

describeInBrowser('承接落实 for a city bureau: its own figures, adopting two items at once, implementing each with evidence', () => {
  let web: WebApp;
  let world: Awaited<ReturnType<typeof makeProvinceWorld>>;
  let taskIds: string[];

  beforeAll(async () => {
    web = await startWebApp();
    world = await makeProvinceWorld(web.t.db);
    const batch = await makeBatch(web.t.db, ITEMS.map((name, i) => ({ name, deadlineDate: `2026-12-${10 + i}` })));
    const coordinator = await bearer(web.t, world.users.coordinator.username);
    taskIds = (await web.t.http.post(`/api/batches/${batch.batchId}/adopt`).set('Authorization', coordinator).send({ regionId: world.province.id })).body.taskIds;
  }, 90_000);
  afterAll(() => web?.close());

  const rollout = async (cityId: string, itemName: string) =>
    (
      await web.t.db.query(
        `SELECT r.id, r.status, to_char(r.adopted_on, 'YYYY-MM-DD') AS adopted, to_char(r.implemented_on, 'YYYY-MM-DD') AS implemented, r.note
           FROM rollout r JOIN task t ON t.id = r.task_id JOIN reform_item i ON i.id = t.reform_item_id
          WHERE r.region_id = $1 AND i.name = $2 AND t.id = ANY($3)`,
        [cityId, itemName, taskIds],
      )
    )[0];

  async function journey(page: Page, cityId: string, phone: boolean, shot: string) {
    // 工作台: the city's own figures, as the dashboard ranks the cities.
    const token = await bearer(web.t, phone ? phoneCity : world.users.city.username);
    const regions = (await web.t.http.get('/api/dashboard/regions').set('Authorization', token)).body.items;
    const own = regions.find((r: { regionId: string }) => r.regionId === cityId);
    await page.locator('[data-kpi="rank"]').filter({ hasText: `第 ${own.rank} 名` }).waitFor();
    expect(await page.locator('[data-kpi="total"]').textContent()).toBe(String(own.total));
    expect(await page.getByText('领导驾驶舱').count()).toBe(0);
    await loaded(page);
    await screenshot(page, `city-home-${shot}`);

    await page.goto('/my-rollouts');
    const rowOf = (name: string) => (phone ? page.getByTestId('rollout-card').filter({ hasText: name }) : page.locator('.el-table__row').filter({ hasText: name }));
    await rowOf(ITEMS[0]).waitFor();
    expect(await rowOf(ITEMS[0]).textContent()).toContain('2026-12-10'); // the province's deadline beside the item
    await loaded(page);
    await screenshot(page, `city-rollouts-${shot}`);
    if (phone) expect(await pageWidth(page)).toBeLessThanOrEqual(PHONE.width);

    // 承接 two items at once.
    for (const name of ITEMS.slice(0, 2)) {
      if (phone) await page.getByLabel(`选择 ${name}`).check();
      else await rowOf(name).locator('.el-checkbox').click();
    }
    await page.getByRole('button', { name: '批量更新（2）' }).click();
    const bulk = page.getByRole('dialog', { name: '批量更新承接落实（2 项）' });
    await bulk.getByLabel('说明').fill('已纳入本市复制推广台账');
    await loaded(page);
    await screenshot(page, `city-bulk-${shot}`);
    await bulk.getByRole('button', { name: '保存' }).click();
    await page.getByText('已更新 2 项').waitFor();
    for (const name of ITEMS.slice(0, 2)) {
      expect(await rollout(cityId, name)).toMatchObject({ status: 'adopted', adopted: TEST_TODAY, implemented: null, note: '已纳入本市复制推广台账' });
    }
    expect((await rollout(cityId, ITEMS[2])).status).toBe('not_started');

    // 落实 each, with its evidence: the dialog offers 已落实 as the next step.
    for (const name of ITEMS.slice(0, 2)) {
      await rowOf(name).getByRole('button', { name: '更新' }).click();
      const dialog = page.getByRole('dialog', { name: '更新承接落实' });
      await dialog.getByLabel('上传佐证材料').setInputFiles(PDF);
      await dialog.getByText(PDF.name).waitFor();
      await dialog.getByLabel('落实日期').fill(TEST_TODAY);
      await dialog.getByLabel('落实日期').press('Enter');
      if (name === ITEMS[0]) {
        await loaded(page);
        await screenshot(page, `city-update-${shot}`);
      }
      await dialog.getByRole('button', { name: '保存' }).click();
      await dialog.waitFor({ state: 'hidden' });
      const row = await rollout(cityId, name);
      expect(row).toMatchObject({ status: 'implemented', adopted: TEST_TODAY, implemented: TEST_TODAY });
      expect(await count(web.t.db, 'evidence_file', `rollout_id = $1 AND purpose = 'rollout' AND original_name = $2`, [row.id, PDF.name])).toBe(1);
    }
    await rowOf(ITEMS[0]).filter({ hasText: '已落实' }).waitFor();
    expect(await rowOf(ITEMS[0]).textContent()).toContain('1 份');
  }

  let phoneCity: string;

  it('at a desk: no province figures, no buttons it cannot use, adopt two, implement each with evidence', async () => {
    const { page, context } = await openPage(web, DESK);
    await login(page, world.users.city.username);
    expect(await menuLabels(page)).toEqual(['工作台', '承接落实', '消息']);
    await journey(page, world.cities[0].id, false, 'desk');
    // The api agrees with what the page did: 2 of 3 implemented in this city.
    expect(await count(web.t.db, 'rollout', `region_id = $1 AND status = 'implemented' AND task_id = ANY($2)`, [world.cities[0].id, taskIds])).toBe(2);
    expect(await count(web.t.db, 'audit_event', `entity_type = 'rollout' AND entity_id IN (SELECT id FROM rollout WHERE region_id = $1)`, [world.cities[0].id])).toBe(4);
    await context.close();
  }, 120_000);

  it('at 390×844: the same journey with cards, and nothing scrolls sideways', async () => {
    phoneCity = (await makeUser(web.t.db, 'city', { regionId: world.cities[1].id })).username;
    const { page, context } = await openPage(web, PHONE);
    await login(page, phoneCity);
    await journey(page, world.cities[1].id, true, 'phone');
    expect(await pageWidth(page)).toBeLessThanOrEqual(PHONE.width);
    await context.close();
  }, 120_000);
});

import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { fileURLToPath } from 'node:url';
import { count, makeProvinceWorld } from '../factories.js';
import { loaded } from './page-ready.js';
import { describeInBrowser, login, openPage, screenshot, startWebApp, type WebApp } from './harness.js';

const DOC_NUMBER = '鲁自贸办〔2026〕21号';
const ANNEX = fileURLToPath(new URL('../fixtures/imports/sectioned-annex.docx', import.meta.url));

describeInBrowser('批次与导入: a notice’s Word annex with section rows', () => {
  let web: WebApp;
  let world: Awaited<ReturnType<typeof makeProvinceWorld>>;
  beforeAll(async () => {
    web = await startWebApp();
    world = await makeProvinceWorld(web.t.db);
  }, 60_000);
  afterAll(() => web?.close());

  it('previews the .docx table with its sections as 领域, then imports it', async () => {
    const { page, context } = await openPage(web);
    await login(page, world.users.coordinator.username);
    await page.goto('/batches/import');
    await page.getByLabel('分工表文件').setInputFiles(ANNEX);
    await page.getByText('sectioned-annex.docx').waitFor();
    await page.getByRole('button', { name: '下一步' }).click();
    await page.getByLabel('文号').fill(DOC_NUMBER);
    await page.getByLabel('标题').fill('自贸试验区改革试点经验复制推广工作任务表');
    await page.getByLabel('批次名称').fill('工作任务表');
    await page.getByRole('button', { name: '预演' }).click();
    await page.getByRole('table', { name: '预演结果' }).waitFor();
    await page.getByText('投资管理（第 2 行起）').waitFor();
    await loaded(page);
    await screenshot(page, 'import-docx-dry-run-desk');
    expect(await count(web.t.db, 'policy_document', 'doc_number = $1', [DOC_NUMBER])).toBe(0);

    await page.getByRole('button', { name: '确认导入' }).click();
    await page.getByRole('dialog', { name: '确认导入' }).getByRole('button', { name: '导入', exact: true }).click();
    await page.getByText('导入完成').waitFor();
    const items = await web.t.db.query(
      `SELECT i.seq, i.domain FROM reform_item i JOIN batch b ON b.id = i.batch_id JOIN policy_document d ON d.id = b.document_id WHERE d.doc_number = $1 ORDER BY i.seq`,
      [DOC_NUMBER],
    );
    expect(items.map((i: { domain: string }) => i.domain)).toEqual(['投资管理', '投资管理', '贸易便利化', '贸易便利化', '事中事后监管措施']);
    await context.close();
  });
});

import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { count, makeBatch, makeProvinceWorld } from '../factories.js';
import { loaded } from './page-ready.js';
import { describeInBrowser, login, openPage, PHONE, screenshot, startWebApp, type WebApp } from './harness.js';

const DOC_NUMBER = '鲁自贸办〔2026〕9号';
const BATCH_NAME = '第一批省级复制推广事项';
const header = ['序号', '改革事项', '负责部门', '推广范围', '时限'].join('\t');

describeInBrowser('批次与导入: import a pasted table with a dry-run error, map unknown departments, then import', () => {
  let web: WebApp;
  let world: Awaited<ReturnType<typeof makeProvinceWorld>>;
  beforeAll(async () => {
    web = await startWebApp();
    world = await makeProvinceWorld(web.t.db);
  }, 60_000);
  afterAll(() => web?.close());

  it('shows the problem in its cell, refuses a known 文号 under another title, and imports the corrected table', async () => {
    const registered = await makeBatch(web.t.db, [{}]);
    const [{ doc_number: knownDocNumber }] = await web.t.db.query('SELECT doc_number FROM policy_document WHERE id = $1', [registered.documentId]);
    const { page, context } = await openPage(web);
    await login(page, world.users.coordinator.username);
    await page.goto('/batches');
    await page.getByRole('row', { name: new RegExp(knownDocNumber) }).waitFor();
    await loaded(page);
    await screenshot(page, 'batches-desk');
    await page.getByRole('button', { name: '导入批次' }).click();
    await page.waitForURL('**/batches/import');

    // 1 a pasted table whose second row has no item name, and two department names the system does not know
    const rows = (second: string) =>
      [
        header,
        ['1', '跨境电商零售进口退货中心仓模式', `${world.leadDept.name}、省大数据测试局`, '全省', '2026年12月31日前'].join('\t'),
        ['2', second, '省工信测试厅', '自贸试验区', '持续实施'].join('\t'),
      ].join('\n');
    await page.getByText('粘贴表格', { exact: true }).click();
    await page.getByLabel(/粘贴的表格/).fill(rows(''));
    await page.getByRole('button', { name: '下一步' }).click();

    // 2 the document form: first with a registered 文号 and another title → the api's 409 in Chinese
    await page.getByLabel('文号').fill(knownDocNumber);
    await page.getByLabel('标题').fill('另一份文件的标题');
    await page.getByLabel('批次名称').fill(BATCH_NAME);
    await page.getByRole('button', { name: '预演' }).click();
    await expect(page.getByRole('alert').first().textContent()).resolves.toContain('已登记为《测试文件》');
    await page.getByLabel('文号').fill(DOC_NUMBER);
    await page.getByLabel('标题').fill('山东省自贸试验区建设领导小组办公室关于复制推广第一批省级改革事项的通知');
    await page.getByLabel('发文机关').fill('山东省自贸办');
    await page.getByLabel('发文日期').fill('2026-03-02');
    await page.getByLabel('发文日期').press('Enter');
    await page.getByRole('button', { name: '预演' }).click();

    // 3 the dry run: the empty name is marked in its own cell, and nothing may be imported yet
    const preview = page.getByRole('table', { name: '预演结果' });
    await preview.waitFor();
    const badCell = preview.locator('td.cell-problem');
    await expect(badCell.textContent()).resolves.toContain('改革事项为空');
    expect(await preview.getByRole('row', { name: /^3\b/ }).textContent()).toContain('不导入');
    expect(await page.getByRole('button', { name: '确认导入' }).isDisabled()).toBe(true);
    await loaded(page);
    await screenshot(page, 'import-dry-run-error-desk');
    expect(await count(web.t.db, 'policy_document', 'doc_number = $1', [DOC_NUMBER])).toBe(0);

    // back to the table, fix it, dry-run again
    await page.getByRole('button', { name: '上一步' }).click();
    await page.getByRole('button', { name: '上一步' }).click();
    await page.getByLabel(/粘贴的表格/).fill(rows('企业开办“一网通办”'));
    await page.getByRole('button', { name: '下一步' }).click();
    await page.getByRole('button', { name: '预演' }).click();
    await preview.waitFor();
    expect(await preview.locator('td.cell-problem').count()).toBe(0);
    const parsedRow = await preview.getByRole('row', { name: /跨境电商/ }).textContent();
    expect(parsedRow).toContain('2026-12-31');
    expect(parsedRow).toContain(world.leadDept.name);
    expect(parsedRow).toContain('全省');

    // unknown departments: create one, map the other to a registered department; the dry run shows both applied
    await page.getByRole('radiogroup', { name: '省大数据测试局的处理方式' }).getByText('新建部门').click();
    await page.getByRole('radiogroup', { name: '省工信测试厅的处理方式' }).getByText('对应到已有部门').click();
    await page.getByRole('combobox', { name: '省工信测试厅对应的部门' }).click();
    await page.getByRole('option', { name: world.otherDept.name, exact: true }).click();
    await page.getByRole('button', { name: '重新预演' }).click();
    await page.getByText(`已对应到“${world.otherDept.name}”`).waitFor();
    await page.getByText('将新建“').waitFor();
    await loaded(page);
    await screenshot(page, 'import-dry-run-mapped-desk');
    expect(await count(web.t.db, 'department', "name = '省大数据测试局'")).toBe(0);

    await page.getByRole('button', { name: '确认导入' }).click();
    await page.getByRole('dialog', { name: '确认导入' }).getByRole('button', { name: '导入' }).click();
    await page.getByText('导入完成').waitFor();
    await loaded(page);
    await screenshot(page, 'import-result-desk');

    const [doc] = await web.t.db.query('SELECT id, issuer, issued_on::text AS issued FROM policy_document WHERE doc_number = $1', [DOC_NUMBER]);
    expect(doc).toMatchObject({ issuer: '山东省自贸办', issued: '2026-03-02' });
    const [batch] = await web.t.db.query('SELECT id FROM batch WHERE document_id = $1 AND name = $2', [doc.id, BATCH_NAME]);
    const items = await web.t.db.query('SELECT seq, name, deadline_date::text AS due, deadline_kind FROM reform_item WHERE batch_id = $1 ORDER BY seq', [batch.id]);
    expect(items).toEqual([
      { seq: 1, name: '跨境电商零售进口退货中心仓模式', due: '2026-12-31', deadline_kind: 'date' },
      { seq: 2, name: '企业开办“一网通办”', due: null, deadline_kind: 'ongoing' },
    ]);
    expect(await count(web.t.db, 'department', "name = '省大数据测试局' AND region_id = $1", [world.province.id])).toBe(1);
    const [mapped] = await web.t.db.query('SELECT aliases FROM department WHERE id = $1', [world.otherDept.id]);
    expect(mapped.aliases).toContain('省工信测试厅');

    await page.getByRole('button', { name: '查看批次并承接' }).click();
    await page.waitForURL(`**/batches/${batch.id}`);
    await page.getByRole('button', { name: '承接本批次' }).waitFor();
    await context.close();
  });

  it('fits a phone: the list as cards, the wizard without sideways scrolling', async () => {
    const { page, context } = await openPage(web, PHONE);
    await login(page, world.users.coordinator.username);
    await page.goto('/batches');
    await page.getByText(DOC_NUMBER).first().waitFor();
    // Search by 文号: only the imported batch stays.
    expect(await page.getByText('测试批次').count()).toBe(1);
    await page.getByLabel('搜索批次').fill('鲁自贸办');
    await page.getByRole('button', { name: '查询' }).click();
    await page.getByText('测试批次').waitFor({ state: 'detached' });
    expect(await page.getByText(BATCH_NAME).count()).toBe(1);
    await loaded(page);
    await screenshot(page, 'batches-phone');
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(PHONE.width);
    await page.goto('/batches/import');
    await page.getByText('粘贴表格', { exact: true }).click();
    await page.getByLabel(/粘贴的表格/).fill([header, ['1', '试点事项', world.leadDept.name, '全省', '2026年年底前'].join('\t')].join('\n'));
    await page.getByRole('button', { name: '下一步' }).click();
    await page.getByLabel('文号').fill(DOC_NUMBER);
    await page.getByLabel('批次名称').fill('手机预演批次');
    await loaded(page);
    await screenshot(page, 'import-form-phone');
    await page.getByRole('button', { name: '预演' }).click();
    await page.getByRole('table', { name: '预演结果' }).waitFor();
    await loaded(page);
    await screenshot(page, 'import-dry-run-phone');
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(PHONE.width);
    await context.close();
  });
});

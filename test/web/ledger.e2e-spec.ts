import { afterAll, beforeAll, expect, it } from '@jest/globals';
import ExcelJS from 'exceljs';
import { readFileSync } from 'node:fs';
import { bearer } from '../auth-helper.js';
import { makeBatch, makeDepartment, makeProvinceWorld } from '../factories.js';
import { describeInBrowser, login, openPage, PHONE, screenshot, startWebApp, type WebApp } from './harness.js';
import { choose } from './element-plus.js';

describeInBrowser('任务台账: filters in the URL, 批量分工, 催办 from a row, 导出台账, the leader reads only', () => {
  let web: WebApp;
  let world: Awaited<ReturnType<typeof makeProvinceWorld>>;
  let batch: Awaited<ReturnType<typeof makeBatch>>;
  let otherBatch: Awaited<ReturnType<typeof makeBatch>>;
  let customs: { id: string; name: string };
  const taskOf: Record<string, string> = {};

  beforeAll(async () => {
    web = await startWebApp();
    world = await makeProvinceWorld(web.t.db);
    customs = await makeDepartment(web.t.db, world.province, '省海关协调处');
    batch = await makeBatch(web.t.db, [
      { name: '国际贸易单一窗口', deadlineDate: '2026-11-10' },
      { name: '企业准入单一窗口', deadlineDate: '2026-12-05' },
      { name: '融资租赁监管', deadlineDate: '2027-06-30' },
      { name: '社会信用体系建设', deadlineKind: 'ongoing', deadlineText: '持续实施' },
    ]);
    otherBatch = await makeBatch(web.t.db, [{ name: '海事政务闭环管理', deadlineDate: '2027-01-31' }]);
    const coordinator = await bearer(web.t, world.users.coordinator.username);
    for (const b of [batch, otherBatch]) {
      const adopted = await web.t.http.post(`/api/batches/${b.batchId}/adopt`).set('Authorization', coordinator).send({ regionId: world.province.id });
      expect(adopted.status).toBe(200);
    }
    for (const row of await web.t.db.query(`SELECT t.id, i.name FROM task t JOIN reform_item i ON i.id = t.reform_item_id WHERE t.region_id = $1`, [world.province.id])) taskOf[row.name] = row.id;
    // The first item is already assigned (so it can be chased); the rest wait for 批量分工.
    const assigned = await web.t.http.patch(`/api/tasks/${taskOf['国际贸易单一窗口']}`).set('Authorization', coordinator).send({ leadDepartmentId: world.leadDept.id });
    expect(assigned.status).toBe(200);
  }, 120_000);
  afterAll(() => web?.close());

  it('assigns lead, participants and deadline to the selected tasks in one go, one audit row each', async () => {
    const { page, context } = await openPage(web);
    await login(page, world.users.coordinator.username);
    await page.goto(`/tasks?batchId=${batch.batchId}`);
    await page.getByRole('link', { name: '3. 融资租赁监管' }).waitFor();
    expect(await page.getByRole('link', { name: '海事政务闭环管理' }).count()).toBe(0); // the batch filter from the link holds
    await screenshot(page, 'ledger-desk');

    const picked = ['企业准入单一窗口', '融资租赁监管'];
    for (const name of picked) await page.locator('.el-table__row', { hasText: name }).locator('.el-checkbox').click();
    await page.getByRole('button', { name: '批量分工（2）' }).click();
    const dialog = page.getByRole('dialog', { name: '批量分工' });
    await choose(page, dialog.getByRole('combobox', { name: '牵头部门' }), world.leadDept.name);
    // A multiple select stays open after a pick, until the user clicks elsewhere.
    await choose(page, dialog.getByRole('combobox', { name: '参加部门' }), customs.name);
    await dialog.getByText('已选 2 个任务').click();
    await dialog.getByLabel('截止日期').fill('2027-03-31');
    await dialog.getByLabel('截止日期').press('Enter');
    await screenshot(page, 'ledger-bulk-dialog');
    await dialog.getByRole('button', { name: '保存分工' }).click();
    await page.getByRole('button', { name: '确定调整' }).click();
    await page.getByText('已调整 2 个任务').waitFor();

    const ids = picked.map((n) => taskOf[n]);
    const rows = await web.t.db.query(
      `SELECT t.lead_department_id, t.due_date::text AS due, array(SELECT department_id::text FROM task_participant p WHERE p.task_id = t.id) AS participants FROM task t WHERE t.id = ANY($1)`,
      [ids],
    );
    expect(rows).toEqual([
      { lead_department_id: world.leadDept.id, due: '2027-03-31', participants: [customs.id] },
      { lead_department_id: world.leadDept.id, due: '2027-03-31', participants: [customs.id] },
    ]);
    const audits = await web.t.db.query(`SELECT entity_id, actor_id FROM audit_event WHERE action = 'bulk_update' AND entity_id = ANY($1)`, [ids]);
    expect(audits).toHaveLength(2);
    expect(audits.every((a: { actor_id: string }) => a.actor_id === world.users.coordinator.id)).toBe(true);
    // The table shows the new assignment without a reload.
    await page.locator('.el-table__row', { hasText: '融资租赁监管' }).getByText('2027-03-31').waitFor();
    await context.close();
  }, 180_000);

  it('chases the lead department from a row: a 督办 notice with the message, sent by the coordinator', async () => {
    const { page, context } = await openPage(web);
    await login(page, world.users.coordinator.username);
    await page.goto(`/tasks?batchId=${batch.batchId}&overdue=true`);
    const row = page.locator('.el-table__row', { hasText: '国际贸易单一窗口' });
    await row.waitFor();
    expect(await page.locator('.el-table__row').count()).toBe(1); // only the overdue one
    await row.getByRole('button', { name: '催办' }).click();
    const dialog = page.getByRole('dialog', { name: '催办' });
    await dialog.getByText('督办（发负责人）').click();
    await dialog.getByLabel('催办意见').fill('已逾期，请本周内报送推进情况并说明原因');
    await dialog.getByRole('button', { name: '发送' }).click();
    await page.getByText('已发送给牵头部门').waitFor();
    const notices = await web.t.db.query(`SELECT level, department_id, sent_by, body FROM notification WHERE task_id = $1`, [taskOf['国际贸易单一窗口']]);
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatchObject({ level: 'supervise', department_id: world.leadDept.id, sent_by: world.users.coordinator.id });
    expect(notices[0].body).toContain('已逾期，请本周内报送推进情况并说明原因');
    await context.close();
  }, 180_000);

  it('exports the ledger for the current filter as an xlsx with those rows', async () => {
    const { page, context } = await openPage(web);
    await login(page, world.users.coordinator.username);
    // The lead department after 批量分工 and a text filter: the two 单一窗口 items (融资租赁 is left out by the text).
    await page.goto(`/tasks?batchId=${batch.batchId}&leadDepartmentId=${world.leadDept.id}&q=${encodeURIComponent('单一窗口')}`);
    await page.locator('.el-table__row').first().waitFor();
    expect(await page.locator('.el-table__row').count()).toBe(2);
    const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '导出台账' }).click()]);
    expect(file.suggestedFilename()).toMatch(/\.xlsx$/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync((await file.path())!) as unknown as ExcelJS.Buffer);
    const sheet = wb.getWorksheet('台账')!;
    const names = [];
    for (let n = 2; n <= sheet.rowCount; n++) names.push(String(sheet.getRow(n).getCell(2).value));
    expect(names.sort()).toEqual(['企业准入单一窗口', '国际贸易单一窗口'].sort());
    await context.close();
  }, 180_000);

  it('lets the leader read and export, with no selection and no action buttons', async () => {
    const { page, context } = await openPage(web);
    await login(page, world.users.leader.username);
    await page.goto('/tasks');
    await page.getByRole('link', { name: '1. 海事政务闭环管理' }).waitFor();
    expect(await page.locator('.el-table .el-checkbox').count()).toBe(0);
    expect(await page.getByRole('button', { name: /批量分工|催办/ }).count()).toBe(0);
    expect(await page.getByRole('button', { name: '导出台账' }).isVisible()).toBe(true);
    await context.close();
  }, 180_000);

  it('shows the ledger as cards on a phone, without sideways scrolling', async () => {
    const { page, context } = await openPage(web, PHONE);
    await login(page, world.users.coordinator.username);
    await page.goto(`/tasks?batchId=${batch.batchId}`);
    await page.getByRole('link', { name: /融资租赁监管/ }).waitFor();
    expect(await page.locator('.task-card').count()).toBe(4);
    expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
    await screenshot(page, 'ledger-phone');
    await context.close();
  }, 180_000);
});

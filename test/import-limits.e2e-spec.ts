import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import ExcelJS from 'exceljs';
import { randomInt } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { createTestApp, type TestApp } from './app.js';
import { bearer } from './auth-helper.js';
import { count, makeProvinceWorld } from './factories.js';
import { hugeCellSheet, workbookWithSheet } from './zip-bomb.js';

// Read by the app's config when this suite's app starts: a lower cell limit than the default, to reach it cheaply.
process.env.IMPORT_MAX_CELLS = '100000';

const MB = 1024 * 1024;
const docNumber = (label: string) => `限额〔2026〕${label}${Date.now().toString(36)}${randomInt(1e6)}号`;

describe('imports: uploads bounded by what they unpack to, parsed off the event loop', () => {
  let t: TestApp;
  let auth: string;

  beforeAll(async () => {
    t = await createTestApp();
    const world = await makeProvinceWorld(t.db);
    auth = await bearer(t, world.users.coordinator.username);
  });
  afterAll(() => t.close());

  function upload(file: Buffer, fileName: string, doc: string) {
    return t.http.post('/api/imports').set('Authorization', auth).field('docNumber', doc).field('title', '限额测试通知').field('batchName', '限额测试批次').attach('file', file, { filename: fileName });
  }

  const written = async (doc: string) => count(t.db, 'policy_document', 'doc_number = $1', [doc]);

  /** Runs `work` while /health is asked every 50 ms; gives every answer's status and how long it took. */
  async function whilePollingHealth<T>(work: () => Promise<T>): Promise<{ result: T; polls: { status: number; ms: number }[] }> {
    const polls: { status: number; ms: number }[] = [];
    let done = false;
    const poller = (async () => {
      while (!done) {
        const started = performance.now();
        const res = await t.http.get('/health');
        polls.push({ status: res.status, ms: performance.now() - started });
        await sleep(50);
      }
    })();
    try {
      return { result: await work(), polls };
    } finally {
      done = true;
      await poller;
    }
  }

  it('refuses a zip bomb (200 MB of sheet in a file of a few hundred KB) with 413 naming the limit, answering /health throughout', async () => {
    const bomb = await workbookWithSheet(hugeCellSheet(200 * MB));
    expect(bomb.length).toBeLessThan(1 * MB);
    const doc = docNumber('bomb');
    const { result: res, polls } = await whilePollingHealth(() => upload(bomb, '分工表.xlsx', doc));
    expect(res.status).toBe(413);
    expect(res.body.message).toContain('工作簿解压后超过 64 MB 的上限');
    expect(res.body.errors).toEqual([{ field: 'file', messages: [res.body.message] }]);
    expect(polls.every((p) => p.status === 200)).toBe(true);
    expect(await written(doc)).toBe(0);
  });

  it('refuses a part packed at a ratio no spreadsheet reaches, though it stays under the unpacked limit', async () => {
    const res = await upload(await workbookWithSheet(hugeCellSheet(20 * MB)), '分工表.xlsx', docNumber('ratio'));
    expect(res.status).toBe(413);
    expect(res.body.message).toMatch(/xl\/worksheets\/sheet1\.xml 压缩比为 \d+:1，超过 100:1 的上限/);
  });

  it('refuses, as a damaged file, a bomb whose directory lies about what it unpacks to (and the api stays up)', async () => {
    const liar = await workbookWithSheet(hugeCellSheet(200 * MB), 40_000);
    const { result: res, polls } = await whilePollingHealth(() => upload(liar, '分工表.xlsx', docNumber('liar')));
    expect(res.status).toBe(400);
    expect(res.body.message).toContain('无法读取该 Excel 工作簿');
    expect(polls.every((p) => p.status === 200)).toBe(true);
  });

  it('parses a 50,000-row sheet in a worker thread and refuses it naming the row limit, /health answering quickly all along', async () => {
    const wb = new ExcelJS.Workbook();
    const sheet = wb.addWorksheet('分工表');
    sheet.addRow(['序号', '改革事项', '负责部门', '时限', '推广范围']);
    for (let i = 1; i <= 50_000; i++) sheet.addRow([i, `改革事项第${i}项：推进贸易便利化`, '商务厅、海关', '2026年12月31日前', '全省']);
    const file = Buffer.from(await wb.xlsx.writeBuffer());
    const doc = docNumber('rows');
    const { result: res, polls } = await whilePollingHealth(() => upload(file, '五万行.xlsx', doc));
    expect(res.status).toBe(413);
    expect(res.body.message).toContain('表格有 50001 行，超过每次导入 20000 行的上限');
    // The parse takes seconds: /health was asked many times meanwhile, and none of them waited on it.
    expect(polls.length).toBeGreaterThan(5);
    expect(polls.every((p) => p.status === 200)).toBe(true);
    expect(Math.max(...polls.map((p) => p.ms))).toBeLessThan(1500);
    expect(await written(doc)).toBe(0);
  });

  it('refuses a sheet with more cells than IMPORT_MAX_CELLS, and pasted text with more rows than the limit', async () => {
    const wb = new ExcelJS.Workbook();
    const sheet = wb.addWorksheet('分工表');
    sheet.addRow(['序号', '改革事项']);
    sheet.getCell(600, 200).value = '远处的单元格';
    const res = await upload(Buffer.from(await wb.xlsx.writeBuffer()), '宽表.xlsx', docNumber('cells'));
    expect(res.status).toBe(413);
    expect(res.body.message).toContain('表格有 120000 个单元格，超过每次导入 100000 个单元格的上限');

    const text = ['改革事项', ...Array.from({ length: 20_001 }, (_, i) => `事项${i}`)].join('\n');
    const pasted = await t.http.post('/api/imports').set('Authorization', auth).field('docNumber', docNumber('text')).field('title', '限额测试通知').field('batchName', '限额测试批次').field('text', text);
    expect(pasted.status).toBe(413);
    expect(pasted.body.errors).toEqual([{ field: 'text', messages: [expect.stringContaining('超过每次导入 20000 行的上限')] }]);
  });

  it('still imports a normal workbook afterwards, and the api is up', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('分工表').addRows([['序号', '改革事项', '负责部门'], [1, '国际贸易“单一窗口”', '商务厅'], [2, '跨境电商综合试验', '海关']]);
    const doc = docNumber('ok');
    const res = await upload(Buffer.from(await wb.xlsx.writeBuffer()), '分工表.xlsx', doc);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ format: 'xlsx', counts: { rows: 2, created: 2 } });
    expect(await written(doc)).toBe(1);
    expect((await t.http.get('/health')).status).toBe(200);
  });
});

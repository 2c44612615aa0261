import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import ExcelJS from 'exceljs';
import { readFileSync } from 'node:fs';
import { randomInt } from 'node:crypto';
import { createTestApp, type TestApp } from './app.js';
import { bearer } from './auth-helper.js';
import { count, makeProvinceWorld } from './factories.js';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/imports/${name}`, import.meta.url));
const docNumber = (label: string) => `测试〔2026〕${label}${Date.now().toString(36)}${randomInt(1e6)}号`;

describe('imports: tables as documents lay them out (section rows, Word annexes)', () => {
  let t: TestApp;
  let coordinator: string;
  let world: Awaited<ReturnType<typeof makeProvinceWorld>>;

  beforeAll(async () => {
    t = await createTestApp();
    world = await makeProvinceWorld(t.db);
    coordinator = await bearer(t, world.users.coordinator.username);
  });
  afterAll(() => t.close());

  function upload(file: Buffer, fileName: string, fields: Record<string, string>, query = '') {
    let req = t.http.post(`/api/imports${query}`).set('Authorization', coordinator);
    for (const [k, v] of Object.entries(fields)) req = req.field(k, v);
    return req.attach('file', file, { filename: fileName });
  }
  const itemsOf = (doc: string) =>
    t.db.query(
      `SELECT i.seq, i.name, i.domain, i.national_lead, i.scope->>'kind' AS scope, i.deadline_kind, i.deadline_date::text AS due
         FROM reform_item i JOIN batch b ON b.id = i.batch_id JOIN policy_document d ON d.id = b.document_id WHERE d.doc_number = $1 ORDER BY i.seq`,
      [doc],
    );

  it('an XLSX with section rows merged across the table: the rows below take the section as their 领域, and no row is a problem', async () => {
    const doc = docNumber('sections');
    const wb = new ExcelJS.Workbook();
    const s = wb.addWorksheet('附件');
    s.addRow(['附件 任务分工表']);
    s.mergeCells('A1:D1');
    s.addRow(['序号', '改革事项', '负责部门', '时限']);
    s.addRow(['一、投资管理领域']);
    s.mergeCells('A3:D3');
    s.addRow([1, '外商投资广告企业项目备案制', '工商总局', '2015年6月30日前']);
    s.addRow([2, '涉税事项网上审批备案', '税务总局', '2015年6月30日前']);
    s.addRow(['二、贸易便利化领域']);
    s.mergeCells('A6:D6');
    s.addRow([3, '全球维修产业检验检疫监管', '质检总局', '2015年6月30日前']);
    const res = await upload(Buffer.from(await wb.xlsx.writeBuffer()), '分节.xlsx', { docNumber: doc, title: '测试通知', batchName: '分节表' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ problems: [], counts: { rows: 3, created: 3, skipped: 0 }, sections: [{ row: 3, domain: '投资管理' }, { row: 6, domain: '贸易便利化' }] });
    expect(res.body.rows.map((r: { row: number; domain: string }) => [r.row, r.domain])).toEqual([[4, '投资管理'], [5, '投资管理'], [7, '贸易便利化']]);
    expect((await itemsOf(doc)).map((i: { seq: number; domain: string }) => [i.seq, i.domain])).toEqual([[1, '投资管理'], [2, '投资管理'], [3, '贸易便利化']]);
  });

  it('a CSV with section rows and no 序号: items are numbered among themselves', async () => {
    const doc = docNumber('sections-csv');
    const csv = ['序号,改革事项,负责部门', '（一）金融领域,,', ',个人其他经常项下人民币结算业务,人民银行', '（二）服务业开放,,', ',允许设立外商投资资信调查公司,商务部'].join('\r\n');
    const res = await upload(Buffer.from(csv), '分节.csv', { docNumber: doc, title: '测试通知', batchName: '分节表' });
    expect(res.status).toBe(200);
    expect(res.body.problems).toEqual([]);
    expect((await itemsOf(doc)).map((i: { seq: number; domain: string }) => [i.seq, i.domain])).toEqual([[1, '金融'], [2, '服务业开放']]);
  });

  describe('a .docx annex (国发〔2014〕65号 as its Word file)', () => {
    const doc = docNumber('docx');
    const fields = { docNumber: doc, title: '国务院关于推广中国（上海）自由贸易试验区可复制改革试点经验的通知', issuer: '国务院', issuedOn: '2014-12-21', batchName: '国务院有关部门负责复制推广的改革事项' };

    it('dry run: reads annex 1 with its merged cells copied down, and writes nothing', async () => {
      const res = await upload(fixture('gf-2014-65.docx'), '国发〔2014〕65号.docx', fields, '?dryRun=true');
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ dryRun: true, recordId: null, format: 'docx', headerRow: 1, problems: [], counts: { rows: 29, created: 29 } });
      expect(res.body.rows[3]).toMatchObject({ row: 5, seq: 4, name: '网上自主办税', departments: { lead: '税务总局' }, scope: { kind: 'national' }, deadline: { kind: 'date', date: '2015-06-30' } });
      expect(res.body.rows[22]).toMatchObject({ seq: 23, deadline: { kind: 'conditional' } });
      expect(res.body.rows[28]).toMatchObject({ seq: 29, departments: { lead: '质检总局' }, scope: { kind: 'special_customs_zone' } });
      expect(await count(t.db, 'policy_document', 'doc_number = $1', [doc])).toBe(0);
      expect(await count(t.db, 'import_record', 'doc_number = $1', [doc])).toBe(0);
    });

    it('import: the 29 items, and the import record says docx', async () => {
      const res = await upload(fixture('gf-2014-65.docx'), '国发〔2014〕65号.docx', fields);
      expect(res.status).toBe(200);
      const items = await itemsOf(doc);
      expect(items).toHaveLength(29);
      expect(items[17]).toMatchObject({ seq: 18, national_lead: '商务部', scope: 'national', deadline_kind: 'date', due: '2015-06-30' });
      expect(items[25]).toMatchObject({ seq: 26, national_lead: '海关总署', scope: 'special_customs_zone' });
      const [record] = await t.db.query('SELECT format, file_name FROM import_record WHERE id = $1', [res.body.recordId]);
      expect(record).toEqual({ format: 'docx', file_name: '国发〔2014〕65号.docx' });
    });
  });

  it('"国务院有关部门" and "X会同有关部门负责" are an open group beside the named department, not unknown departments', async () => {
    const doc = docNumber('open-group');
    const [lead, other] = [world.leadDept.name, world.otherDept.name];
    const csv = ['序号,改革事项,负责部门', '1,社会信用体系,国务院有关部门', `2,融资租赁海关监管制度,${lead}会同有关部门负责`, `3,进口货物预检验,${lead}会同${other}负责`].join('\n');
    const res = await upload(Buffer.from(csv), '有关部门.csv', { docNumber: doc, title: '测试通知', batchName: '有关部门' }, '?dryRun=true');
    expect(res.status).toBe(200);
    expect(res.body.warnings.filter((w: { field: string }) => w.field === 'departments')).toEqual([]);
    expect(res.body.unknownDepartments).toEqual([]);
    expect(res.body.rows.map((r: { departments: object }) => r.departments)).toEqual([
      expect.objectContaining({ lead: null, participants: [], unknown: [], openGroup: '国务院有关部门' }),
      expect.objectContaining({ lead, participants: [], unknown: [], openGroup: '有关部门' }),
      expect.objectContaining({ lead, participants: [other], unknown: [], openGroup: null }),
    ]);
    await upload(Buffer.from(csv), '有关部门.csv', { docNumber: doc, title: '测试通知', batchName: '有关部门' });
    expect((await t.db.query(`SELECT departments_open_group AS g FROM reform_item i JOIN batch b ON b.id = i.batch_id JOIN policy_document d ON d.id = b.document_id WHERE d.doc_number = $1 ORDER BY i.seq`, [doc])).map((r: { g: string | null }) => r.g)).toEqual(['国务院有关部门', '有关部门', null]);
  });

  it('a .docx laid out with section rows, a cell of two paragraphs and the table continued after a note', async () => {
    const doc = docNumber('docx-sections');
    const res = await upload(fixture('sectioned-annex.docx'), '工作任务表.docx', { docNumber: doc, title: '测试方案', batchName: '工作任务表' });
    expect(res.status).toBe(200);
    expect(res.body.problems).toEqual([]);
    expect(res.body.sections.map((s: { domain: string }) => s.domain)).toEqual(['投资管理', '贸易便利化', '事中事后监管措施']);
    const items = await itemsOf(doc);
    expect(items.map((i: { seq: number; domain: string }) => [i.seq, i.domain])).toEqual([[1, '投资管理'], [2, '投资管理'], [3, '贸易便利化'], [4, '贸易便利化'], [5, '事中事后监管措施']]);
    expect(items[1]).toMatchObject({ scope: 'province', due: '2015-06-30' });
    expect(items[2].name).toContain('（标准版）');
  });
});

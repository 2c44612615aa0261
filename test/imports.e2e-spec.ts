import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import ExcelJS from 'exceljs';
import { readFileSync } from 'node:fs';
import { randomInt } from 'node:crypto';
import { createTestApp, type TestApp } from './app.js';
import { bearer } from './auth-helper.js';
import { count, makeProvinceWorld, makeUser } from './factories.js';

const CSV_FIXTURE = readFileSync(new URL('./fixtures/imports/gf-2016-63-excerpt.csv', import.meta.url));
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Other suites may share the database: every test imports under its own 文号. */
const docNumber = (label: string) => `测试〔2026〕${label}${Date.now().toString(36)}${randomInt(1e6)}号`;
const csv = (...rows: string[][]) => Buffer.from(rows.map((r) => r.join(',')).join('\r\n'), 'utf8');

describe('imports: annex tables (分工表) from CSV, XLSX and JSON into documents, batches and items', () => {
  let t: TestApp;
  let world: Awaited<ReturnType<typeof makeProvinceWorld>>;
  const auth: Record<string, string> = {};

  beforeAll(async () => {
    t = await createTestApp();
    world = await makeProvinceWorld(t.db);
    auth.coordinator = await bearer(t, world.users.coordinator.username);
    auth.department = await bearer(t, world.users.department.username);
    auth.admin = await bearer(t, (await makeUser(t.db, 'admin')).username);
  });
  afterAll(() => t.close());

  /** A multipart upload with the document and batch fields. */
  function upload(file: Buffer, fileName: string, fields: Record<string, string>, query = '', as = auth.coordinator) {
    let req = t.http.post(`/api/imports${query}`).set('Authorization', as);
    for (const [k, v] of Object.entries(fields)) req = req.field(k, v);
    return req.attach('file', file, { filename: fileName });
  }

  const writes = async (doc: string) => ({
    documents: await count(t.db, 'policy_document', 'doc_number = $1', [doc]),
    batches: await count(t.db, 'batch b JOIN policy_document d ON d.id = b.document_id', 'd.doc_number = $1', [doc]),
    items: await count(t.db, 'reform_item i JOIN batch b ON b.id = i.batch_id JOIN policy_document d ON d.id = b.document_id', 'd.doc_number = $1', [doc]),
    records: await count(t.db, 'import_record', 'doc_number = $1', [doc]),
  });
  const nothing = { documents: 0, batches: 0, items: 0, records: 0 };

  describe('CSV', () => {
    const doc = docNumber('csv');
    const fields = { docNumber: doc, title: '国务院关于做好自由贸易试验区新一批改革试点经验复制推广工作的通知', issuer: '国务院', issuedOn: '2016-11-02', batchName: '自由贸易试验区新一批改革试点经验' };
    let firstIds: Record<number, string>;

    it('creates the document, the batch and the items with parsed deadlines, departments and scopes', async () => {
      const res = await upload(CSV_FIXTURE, 'gf-2016-63-excerpt.csv', fields);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        dryRun: false,
        format: 'csv',
        fileName: 'gf-2016-63-excerpt.csv',
        headerRow: 1,
        document: { action: 'create', docNumber: doc, issuedOn: '2016-11-02' },
        batch: { action: 'create', kind: 'pilot-experience' },
        counts: { rows: 5, created: 5, updated: 0, unchanged: 0, skipped: 0 },
        problems: [],
      });
      expect(await writes(doc)).toEqual({ documents: 1, batches: 1, items: 5, records: 1 });

      const items = await t.db.query(
        `SELECT i.id, i.seq, i.national_lead, i.national_participants, i.scope->>'kind' AS scope, i.deadline_kind, i.deadline_date::text AS due
           FROM reform_item i WHERE i.batch_id = $1 ORDER BY i.seq`,
        [res.body.batch.id],
      );
      expect(items.map((i: { seq: number }) => i.seq)).toEqual([1, 2, 10, 13, 19]);
      expect(items.every((i: { deadline_kind: string; due: string }) => i.deadline_kind === 'date' && i.due === '2016-11-30')).toBe(true);
      expect(items[3]).toMatchObject({ national_lead: '商务部', national_participants: ['海关总署', '质检总局', '环境保护部'], scope: 'special_customs_zone' });
      expect(items[4].scope).toBe('integrated_customs_zone');
      expect(items[0].scope).toBe('national');
      firstIds = Object.fromEntries(items.map((i: { seq: number; id: string }) => [i.seq, i.id]));

      const row13 = res.body.rows.find((r: { seq: number }) => r.seq === 13);
      expect(row13).toMatchObject({ row: 5, action: 'create', itemId: firstIds[13], deadline: { kind: 'date', date: '2016-11-30' }, scope: { kind: 'special_customs_zone', label: '海关特殊监管区域' }, departments: { lead: '商务部' } });

      const [record] = await t.db.query('SELECT * FROM import_record WHERE id = $1', [res.body.recordId]);
      expect(record).toMatchObject({ actor_username: world.users.coordinator.username, format: 'csv', created: 5, updated: 0, batch_id: res.body.batch.id });
      expect(await count(t.db, 'audit_event', `entity_type = 'import' AND entity_id = $1`, [res.body.recordId])).toBe(1);
      expect(await count(t.db, 'audit_event', `entity_type = 'reform_item' AND action = 'import' AND entity_id = ANY($1)`, [Object.values(firstIds)])).toBe(5);
      expect(await count(t.db, 'audit_event', `entity_type IN ('document', 'batch') AND entity_id = ANY($1)`, [[res.body.document.id, res.body.batch.id]])).toBe(2);
    });

    it('dry run of a changed table shows the update and writes nothing', async () => {
      const changed = Buffer.from(CSV_FIXTURE.toString('utf8').replace('1,负面清单以外领域外商投资企业设立及变更审批改革,投资管理,商务部,全国,2016年11月30日前', '1,负面清单以外领域外商投资企业设立及变更审批改革,投资管理,商务部,全国,2017年年底前'));
      const before = { ...(await writes(doc)), audit: await count(t.db, 'audit_event'), updated: await count(t.db, 'reform_item', `id = $1 AND deadline_date = '2016-11-30'`, [firstIds[1]]) };
      const res = await upload(changed, 'changed.csv', { docNumber: doc, batchName: fields.batchName }, '?dryRun=true');
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ dryRun: true, recordId: null, document: { action: 'unchanged' }, batch: { action: 'unchanged' }, counts: { created: 0, updated: 1, unchanged: 4 } });
      expect(res.body.rows[0]).toMatchObject({ seq: 1, action: 'update', itemId: firstIds[1], deadline: { date: '2017-12-31' } });
      expect({ ...(await writes(doc)), audit: await count(t.db, 'audit_event'), updated: await count(t.db, 'reform_item', `id = $1 AND deadline_date = '2016-11-30'`, [firstIds[1]]) }).toEqual(before);
    });

    it('re-import with a changed cell updates that item in place: same ids, no duplicates, audited', async () => {
      const changed = Buffer.from(CSV_FIXTURE.toString('utf8').replace('10,原产地签证管理改革创新,贸易便利化,"质检总局、海关总署"', '10,原产地签证管理改革创新,贸易便利化,"海关总署、质检总局"'));
      const res = await upload(changed, 'gf-2016-63-excerpt-v2.csv', { docNumber: doc, batchName: fields.batchName });
      expect(res.status).toBe(200);
      expect(res.body.counts).toEqual({ rows: 5, created: 0, updated: 1, unchanged: 4, skipped: 0 });
      expect(res.body.rows.map((r: { action: string }) => r.action)).toEqual(['unchanged', 'unchanged', 'update', 'unchanged', 'unchanged']);
      expect(await writes(doc)).toEqual({ documents: 1, batches: 1, items: 5, records: 2 });
      const items = await t.db.query('SELECT id, seq, national_lead FROM reform_item WHERE batch_id = $1 ORDER BY seq', [res.body.batch.id]);
      expect(Object.fromEntries(items.map((i: { seq: number; id: string }) => [i.seq, i.id]))).toEqual(firstIds);
      expect(items[2].national_lead).toBe('海关总署');
      const audit = await t.db.query(`SELECT before->>'nationalLead' AS was, after->>'nationalLead' AS now FROM audit_event WHERE entity_type = 'reform_item' AND action = 'import' AND entity_id = $1 AND before IS NOT NULL`, [firstIds[10]]);
      expect(audit).toEqual([{ was: '质检总局', now: '海关总署' }]);
    });

    it('lists the import records, newest first, for coordinators only', async () => {
      const batchId = (await t.db.query('SELECT b.id FROM batch b JOIN policy_document d ON d.id = b.document_id WHERE d.doc_number = $1', [doc]))[0].id;
      const res = await t.http.get(`/api/imports?batchId=${batchId}`).set('Authorization', auth.coordinator);
      expect(res.status).toBe(200);
      expect(res.body.total).toBe(2);
      expect(res.body.items.map((r: { fileName: string; updated: number }) => [r.fileName, r.updated])).toEqual([['gf-2016-63-excerpt-v2.csv', 1], ['gf-2016-63-excerpt.csv', 0]]);
      expect((await t.http.get('/api/imports').set('Authorization', auth.department)).status).toBe(403);
    });
  });

  describe('XLSX', () => {
    it('finds the header under a title row, maps synonyms, copies merged cells down and applies the default scope to note-only cells', async () => {
      const doc = docNumber('xlsx');
      const wb = new ExcelJS.Workbook();
      const s = wb.addWorksheet('附件1');
      s.addRow(['附件1 自由贸易试验区改革试点经验复制推广工作任务分工表']);
      s.mergeCells('A1:F1');
      s.addRow(['序号', '工作任务', '负责单位', '推广范围', '推广时间', '可检验成果']);
      s.addRow([1, '港口船舶“单一窗口”联合登临检查', `${world.leadDept.name}、${world.otherDept.name}`, '（涉及港口事项可结合当地实际）', '持续实施', '联合检查制度文件']);
      s.addRow([2, '国际航行船舶进出境通关全流程“一单多报”', null, '天津、上海、海南、重庆', '2—3年内', null]);
      s.addRow([3, '扩大服务业开放试点', '不存在的测试局', '全国', '结合扩大开放情况', null]);
      s.mergeCells('C3:C4');
      const res = await upload(Buffer.from(await wb.xlsx.writeBuffer()), '分工表（第七批）.xlsx', {
        docNumber: doc, title: '测试通知', issuedOn: '2014-12-21', batchName: '第七批改革试点经验', batchKind: 'pilot-experience', defaultScope: '沿海地区',
      });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ format: 'xlsx', fileName: '分工表（第七批）.xlsx', headerRow: 2, columns: { seq: '序号', name: '工作任务', departments: '负责单位', scope: '推广范围', deadline: '推广时间', outcome: '可检验成果' } });
      const [r1, r2, r3] = res.body.rows;
      expect(r1).toMatchObject({ row: 3, scope: { kind: 'coastal', note: '涉及港口事项可结合当地实际' }, deadline: { kind: 'ongoing', date: null } });
      expect(r1.departments).toMatchObject({ lead: world.leadDept.name, participants: [world.otherDept.name], unknown: [] });
      expect(r1.departments.matched.map((m: { departmentId: string }) => m.departmentId)).toEqual([world.leadDept.id, world.otherDept.id]);
      expect(r2).toMatchObject({ row: 4, departments: { lead: world.leadDept.name }, scope: { kind: 'regions', regions: ['天津', '上海', '海南', '重庆'] }, deadline: { kind: 'relative', date: '2017-12-21' } });
      expect(r3).toMatchObject({ deadline: { kind: 'conditional' }, departments: { unknown: ['不存在的测试局'] } });
      expect(res.body.warnings).toEqual([{ row: 5, column: '负责单位', field: 'departments', message: expect.stringContaining('不存在的测试局'), text: '不存在的测试局' }]);

      const items = await t.db.query(`SELECT seq, national_lead, scope_text, scope->>'kind' AS scope, outcome, deadline_kind FROM reform_item WHERE batch_id = $1 ORDER BY seq`, [res.body.batch.id]);
      expect(items).toEqual([
        { seq: 1, national_lead: world.leadDept.name, scope_text: '（涉及港口事项可结合当地实际）', scope: 'coastal', outcome: '联合检查制度文件', deadline_kind: 'ongoing' },
        { seq: 2, national_lead: world.leadDept.name, scope_text: '天津、上海、海南、重庆', scope: 'regions', outcome: null, deadline_kind: 'relative' },
        { seq: 3, national_lead: '不存在的测试局', scope_text: '全国', scope: 'national', outcome: null, deadline_kind: 'conditional' },
      ]);
    });
  });

  describe('JSON rows', () => {
    it('imports rows keyed by header, numbering rows without 序号 by position', async () => {
      const doc = docNumber('json');
      const res = await t.http.post('/api/imports').set('Authorization', auth.coordinator).send({
        docNumber: doc, title: '测试通知', batchName: '第五批最佳实践案例', batchKind: 'best-practice',
        rows: [{ 案例名称: '“证照分离”改革', 推广范围: '全国' }, { 案例名称: '跨境电商零售进口退货中心仓模式', 适用范围: '海关特殊监管区域' }],
      });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ format: 'json', headerRow: 0, batch: { kind: 'best-practice' }, counts: { created: 2 } });
      expect(res.body.rows.map((r: { row: number; seq: number }) => [r.row, r.seq])).toEqual([[1, 1], [2, 2]]);
      expect(await writes(doc)).toEqual({ documents: 1, batches: 1, items: 2, records: 1 });
    });
  });

  describe('bad files: 400 with what is wrong, and nothing written', () => {
    const base = (doc: string) => ({ docNumber: doc, title: '测试通知', batchName: '测试批次' });
    const cases: [string, () => [Buffer, string], number, string][] = [
      ['an empty file', () => [Buffer.alloc(0), '空.csv'], 400, '文件为空'],
      ['a PDF', () => [Buffer.from('%PDF-1.7\n1 0 obj'), '通知.pdf'], 400, '不支持的文件类型'],
      ['a PNG renamed .xlsx', () => [Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]), '分工表.xlsx'], 400, '不是 Excel 工作簿'],
      ['a PNG renamed .csv', () => [Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]), '分工表.csv'], 400, '不是文本表格'],
      ['a file over 10 MB', () => [Buffer.alloc(10 * 1024 * 1024 + 1, 0x41), 'big.csv'], 413, '10 MB'],
      ['a table without the item-name column', () => [csv(['序号', '负责部门'], ['1', '商务部']), 'no-name.csv'], 400, '改革事项'],
      ['a header without data', () => [csv(['序号', '改革事项']), 'header-only.csv'], 400, '没有数据行'],
    ];
    for (const [what, file, status, message] of cases) {
      it(`refuses ${what}`, async () => {
        const doc = docNumber('bad');
        const res = await upload(...file(), base(doc));
        expect(res.status).toBe(status);
        expect(res.body.message).toContain(message);
        expect(res.body.errors[0].field).toBe('file');
        expect(await writes(doc)).toEqual(nothing);
      });
    }

    it('refuses duplicate 序号 naming both rows', async () => {
      const doc = docNumber('dup');
      const res = await upload(csv(['序号', '改革事项'], ['1', '甲'], ['2', '乙'], ['1', '丙']), 'dup.csv', base(doc));
      expect(res.status).toBe(400);
      expect(res.body.message).toContain('序号 1 在第 2 行和第 4 行');
      expect(res.body.problems).toEqual([{ row: 4, column: '序号', field: 'seq', message: expect.stringContaining('第 2 行'), text: '1' }]);
      expect(await writes(doc)).toEqual(nothing);
    });

    it('refuses an impossible issuedOn, a new document without a title, and a request without a file', async () => {
      const doc = docNumber('meta');
      const bad = await upload(CSV_FIXTURE, 'a.csv', { ...base(doc), issuedOn: '2016-02-30' });
      expect(bad.status).toBe(400);
      expect(bad.body.errors[0].field).toBe('issuedOn');
      const untitled = await upload(CSV_FIXTURE, 'a.csv', { docNumber: doc, batchName: '测试批次' });
      expect(untitled.status).toBe(400);
      expect(untitled.body.errors[0].field).toBe('title');
      const noFile = await t.http.post('/api/imports').set('Authorization', auth.coordinator).send(base(doc));
      expect(noFile.status).toBe(400);
      expect(noFile.body.errors[0].field).toBe('file');
      expect(await writes(doc)).toEqual(nothing);
    });

    it('refuses the whole table when a row has a problem, listing row, column, message and text', async () => {
      const doc = docNumber('row');
      const res = await upload(csv(['序号', '改革事项', '时限'], ['1', '甲', '持续实施'], ['2', '', '2016年11月30日前'], ['3', '丙', '持续实施']), 'rows.csv', base(doc));
      expect(res.status).toBe(400);
      expect(res.body.problems).toEqual([{ row: 3, column: '改革事项', field: 'name', message: expect.stringContaining('为空'), text: '' }]);
      expect(await writes(doc)).toEqual(nothing);
    });
  });

  describe('skipInvalid', () => {
    it('imports the good rows and records the skipped ones with their problems', async () => {
      const doc = docNumber('skip');
      const res = await upload(csv(['序号', '改革事项'], ['1', '甲'], ['abc', '乙'], ['3', '丙']), 'skip.csv', { docNumber: doc, title: '测试通知', batchName: '测试批次' }, '?skipInvalid=true');
      expect(res.status).toBe(200);
      expect(res.body.counts).toEqual({ rows: 3, created: 2, updated: 0, unchanged: 0, skipped: 1 });
      expect(res.body.problems).toEqual([{ row: 3, column: '序号', field: 'seq', message: expect.any(String), text: 'abc' }]);
      expect(await writes(doc)).toEqual({ documents: 1, batches: 1, items: 2, records: 1 });
      const [record] = await t.db.query('SELECT skipped, problems FROM import_record WHERE id = $1', [res.body.recordId]);
      expect(record).toEqual({ skipped: 1, problems: [expect.objectContaining({ row: 3, text: 'abc' })] });
    });
  });

  describe('permissions', () => {
    it('refuses department users and the system administrator (三员分立) with 403 and writes nothing', async () => {
      for (const who of [auth.department, auth.admin]) {
        const doc = docNumber('dept');
        const res = await upload(CSV_FIXTURE, 'a.csv', { docNumber: doc, title: '测试通知', batchName: '测试批次' }, '', who);
        expect(res.status).toBe(403);
        expect(await writes(doc)).toEqual(nothing);
      }
    });
  });

  describe('template', () => {
    it('downloads for any logged-in user as an xlsx with the headers, an example row and the 说明 sheet', async () => {
      const res = await t.http.get('/api/imports/template.xlsx').set('Authorization', auth.department).responseType('blob');
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toBe(XLSX_TYPE);
      expect(res.headers['content-disposition']).toContain(`filename*=UTF-8''${encodeURIComponent('改革事项导入模板.xlsx')}`);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(res.body);
      const sheet = wb.worksheets[0]!;
      expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual(['序号', '改革事项', '领域', '主要内容', '负责部门', '推广范围', '时限', '可检验成果', '发布文件']);
      expect(sheet.getRow(2).getCell(2).value).toBe('依托电子口岸公共平台建设国际贸易单一窗口，推进单一窗口免费申报机制');
      expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
      expect(wb.getWorksheet('说明')?.getRow(3).getCell(3).value).toContain('工作任务');

      // the template is itself an importable table
      const doc = docNumber('tpl');
      const dry = await upload(res.body, '改革事项导入模板.xlsx', { docNumber: doc, title: '测试通知', batchName: '测试批次' }, '?dryRun=true');
      expect(dry.status).toBe(200);
      expect(dry.body.rows).toEqual([expect.objectContaining({ row: 2, seq: 2, action: 'create', itemId: null, deadline: { text: '2016年11月30日前', kind: 'date', date: '2016-11-30' } })]);
      expect(dry.body.document).toMatchObject({ action: 'create', id: null });
      expect(await writes(doc)).toEqual(nothing);
    });
  });

  describe('pasted tables (text)', () => {
    const pasted = (lead: string) => [
      '附件 任务分工表',
      '编号\t工作任务\t负责单位\t适用范围\t完成时限',
      `1\t企业准入“单一窗口”，受理、审批一次办结\t${lead}、海关总署\t全国\t2016年11月30日前`,
      '2\t"融资租赁,跨境资产转让"\t商务部\t自贸试验区\t持续实施',
    ].join('\r\n');

    it('reads a tab-separated paste under its title row with the same header synonyms, dry run and real, JSON or form field', async () => {
      const doc = docNumber('paste');
      const form = { docNumber: doc, title: '测试通知', issuedOn: '2016-11-02', batchName: '粘贴批次' };
      const dry = await t.http.post('/api/imports?dryRun=true').set('Authorization', auth.coordinator).send({ ...form, text: pasted(world.leadDept.name) });
      expect(dry.status).toBe(200);
      expect(dry.body).toMatchObject({ dryRun: true, source: 'text', format: 'csv', fileName: null, headerRow: 2, columns: { seq: '编号', name: '工作任务', departments: '负责单位', scope: '适用范围', deadline: '完成时限' } });
      expect(dry.body.rows.map((r: { row: number; seq: number; name: string }) => [r.row, r.seq, r.name])).toEqual([[3, 1, '企业准入“单一窗口”，受理、审批一次办结'], [4, 2, '融资租赁,跨境资产转让']]);
      expect(await writes(doc)).toEqual(nothing);

      let req = t.http.post('/api/imports').set('Authorization', auth.coordinator);
      for (const [k, v] of Object.entries({ ...form, text: pasted(world.leadDept.name) })) req = req.field(k, v);
      const res = await req;
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ source: 'text', counts: { created: 2 } });
      expect(await writes(doc)).toEqual({ documents: 1, batches: 1, items: 2, records: 1 });
      expect(await t.db.query('SELECT file_name, format FROM import_record WHERE id = $1', [res.body.recordId])).toEqual([{ file_name: null, format: 'csv' }]);
    });

    it('refuses a paste together with a file, naming the second one', async () => {
      const doc = docNumber('both');
      const res = await upload(CSV_FIXTURE, 'a.csv', { docNumber: doc, title: '测试通知', batchName: '测试批次', text: pasted('商务部') });
      expect(res.status).toBe(400);
      expect(res.body.errors[0].field).toBe('text');
      expect(res.body.message).toContain('三选一');
      expect(await writes(doc)).toEqual(nothing);
    });
  });

  describe('dry run per row, unknown departments and their mappings', () => {
    const table = (...names: string[]) => csv(['序号', '改革事项', '负责部门', '推广范围', '时限'], ...names.map((n, i) => [String(i + 1), `事项${i + 1}`, n, '海关特殊监管区域', i ? '持续实施' : '2026年6月底前']));

    it('answers each row with deadline, lead and participants matched (ids, names, roles) and scope, lists each unknown name once, and ties problems to their cell', async () => {
      const doc = docNumber('plan');
      const res = await upload(table(`${world.leadDept.name}牵头，${world.otherDept.name}、未登记的甲局参加`, '未登记的甲局', 'x'.repeat(200)), 'plan.csv', { docNumber: doc, title: '测试通知', batchName: '测试批次' }, '?dryRun=true');
      expect(res.status).toBe(200);
      expect(res.body.rows[0]).toMatchObject({
        row: 2,
        deadline: { kind: 'date', date: '2026-06-30' },
        scope: { kind: 'special_customs_zone', label: '海关特殊监管区域' },
        departments: {
          lead: world.leadDept.name,
          participants: [world.otherDept.name, '未登记的甲局'],
          matched: [
            { input: world.leadDept.name, role: 'lead', departmentId: world.leadDept.id, departmentName: world.leadDept.name },
            { input: world.otherDept.name, role: 'participant', departmentId: world.otherDept.id, departmentName: world.otherDept.name },
          ],
          unknown: ['未登记的甲局'],
        },
      });
      expect(res.body.rows[1].deadline).toEqual({ text: '持续实施', kind: 'ongoing', date: null });
      expect(res.body.unknownDepartments).toEqual([{ name: '未登记的甲局', rows: [2, 3], column: '负责部门' }]);
      expect(res.body.warnings.filter((w: { field: string }) => w.field === 'departments').map((w: { row: number; column: string }) => [w.row, w.column])).toEqual([[2, '负责部门'], [3, '负责部门']]);
      // a cell the catalog cannot store is a problem tied to its cell, not a 500
      expect(res.body.problems).toEqual([{ row: 4, column: '负责部门', field: 'departments', message: expect.stringContaining('超过 128 个字'), text: 'x'.repeat(200) }]);
      expect(await writes(doc)).toEqual(nothing);
    });

    it('maps an unknown name to a registered department (alias) or creates one, in the same transaction: dry run keeps nothing, the import keeps both, audited', async () => {
      const doc = docNumber('map');
      const alias = `旧称${Date.now().toString(36)}局`;
      const created = `新设${Date.now().toString(36)}局`;
      const fields = { docNumber: doc, title: '测试通知', batchName: '测试批次' };
      const departmentMappings = [{ name: alias, departmentId: world.otherDept.id }, { name: created, create: true }];
      const file = table(`${alias}、${created}`, created);

      const dry = await upload(file, 'map.csv', { ...fields, departmentMappings: JSON.stringify(departmentMappings) }, '?dryRun=true');
      expect(dry.status).toBe(200);
      expect(dry.body.departmentMappings).toEqual([
        { name: alias, action: 'alias', departmentId: world.otherDept.id, departmentName: world.otherDept.name },
        { name: created, action: 'create', departmentId: null, departmentName: created },
      ]);
      expect(dry.body.rows[0].departments.matched).toEqual([
        { input: alias, role: 'lead', departmentId: world.otherDept.id, departmentName: world.otherDept.name },
        { input: created, role: 'participant', departmentId: null, departmentName: created },
      ]);
      expect(dry.body.unknownDepartments).toEqual([]);
      expect(await count(t.db, 'department', 'name = $1', [created])).toBe(0);
      expect(await count(t.db, 'department', 'id = $1 AND $2 = ANY(aliases)', [world.otherDept.id, alias])).toBe(0);

      const res = await upload(file, 'map.csv', { ...fields, departmentMappings: JSON.stringify(departmentMappings) });
      expect(res.status).toBe(200);
      const [made] = await t.db.query('SELECT id, level, region_id FROM department WHERE name = $1', [created]);
      expect(made).toEqual({ id: res.body.departmentMappings[1].departmentId, level: 'provincial', region_id: world.province.id });
      expect(await count(t.db, 'department', 'id = $1 AND $2 = ANY(aliases)', [world.otherDept.id, alias])).toBe(1);
      expect(await count(t.db, 'audit_event', `entity_type = 'department' AND ((entity_id = $1 AND action = 'add_alias') OR (entity_id = $2 AND action = 'create'))`, [world.otherDept.id, made.id])).toBe(2);
      const [audit] = await t.db.query(`SELECT after->'departmentMappings' AS mappings FROM audit_event WHERE entity_type = 'import' AND entity_id = $1`, [res.body.recordId]);
      expect(audit.mappings.map((x: { action: string }) => x.action)).toEqual(['alias', 'create']);

      // the next import of the same names needs no mapping
      const again = await upload(file, 'map.csv', fields, '?dryRun=true');
      expect(again.body.unknownDepartments).toEqual([]);
    });

    it('reads several departments in a 牵头部门 cell (、 ， ；) as the lead and co-leads; under 负责部门 the others take part', async () => {
      const [L, O] = [world.leadDept, world.otherDept];
      const fields = { docNumber: docNumber('coleads'), title: '测试通知', batchName: '测试批次' };
      const rows = [`${L.name}、${O.name}牵头`, `${L.name}、${O.name}`, `${L.name}，${O.name}`, `${L.name}；${O.name}`, `${L.name}牵头，${O.name}参加`].map((cell, i) => ({ 序号: i + 1, 改革事项: `共同牵头事项${i + 1}`, 牵头部门: cell }));
      const res = await t.http.post('/api/imports').set('Authorization', auth.coordinator).send({ ...fields, rows });
      expect(res.status).toBe(200);
      const coLed = { lead: L.name, coLeads: [O.name], matched: [{ input: L.name, role: 'lead', departmentId: L.id }, { input: O.name, role: 'co_lead', departmentId: O.id }] };
      for (const row of res.body.rows.slice(0, 4)) expect(row.departments).toMatchObject(coLed);
      expect(res.body.rows[4].departments).toMatchObject({ lead: L.name, coLeads: [], matched: [{ role: 'lead' }, { input: O.name, role: 'participant' }] });
      const stored: { seq: number; national_lead: string; national_co_leads: string[] }[] = await t.db.query(
        `SELECT i.seq, i.national_lead, i.national_co_leads FROM reform_item i JOIN batch b ON b.id = i.batch_id WHERE b.id = $1 ORDER BY i.seq`,
        [res.body.batch.id],
      );
      expect(stored.map((i) => i.national_co_leads)).toEqual([[O.name], [O.name], [O.name], [O.name], []]);
      expect(stored.every((i) => i.national_lead === L.name)).toBe(true);
      const item = await t.http.get(`/api/reform-items/${res.body.rows[1].itemId}`).set('Authorization', auth.coordinator);
      expect(item.body).toMatchObject({ nationalLead: L.name, nationalCoLeads: [O.name] });
      // Editing another field of the item keeps what its 牵头部门 column said.
      const renamed = await t.http.patch(`/api/reform-items/${res.body.rows[1].itemId}`).set('Authorization', auth.coordinator).send({ name: '共同牵头事项（改名）' });
      expect(renamed.status).toBe(200);
      expect(renamed.body).toMatchObject({ nationalLead: L.name, nationalCoLeads: [O.name] });

      const plain = await t.http.post('/api/imports').set('Authorization', auth.coordinator).send({ ...fields, docNumber: docNumber('plain'), rows: [{ 改革事项: '甲', 负责部门: `${L.name}、${O.name}` }] });
      expect(plain.body.rows[0].departments).toMatchObject({ lead: L.name, coLeads: [], participants: [O.name], matched: [{ role: 'lead' }, { role: 'participant' }] });
    });

    it('refuses a mapping for a name the table does not leave unknown, or to another province\'s department, rolling everything back', async () => {
      const doc = docNumber('badmap');
      const other = await makeProvinceWorld(t.db);
      const fields = { docNumber: doc, title: '测试通知', batchName: '测试批次' };
      const notUnknown = await t.http.post('/api/imports').set('Authorization', auth.coordinator).send({ ...fields, rows: [{ 改革事项: '甲', 负责部门: `${world.leadDept.name}、乙未登记局` }], departmentMappings: [{ name: world.leadDept.name, create: true }] });
      expect(notUnknown.status).toBe(400);
      expect(notUnknown.body.errors[0].field).toBe('departmentMappings.0.name');
      expect(notUnknown.body.message).toContain('表中没有未匹配的部门名称');
      const elsewhere = await t.http.post('/api/imports').set('Authorization', auth.coordinator).send({ ...fields, rows: [{ 改革事项: '甲', 负责部门: '乙未登记局' }], departmentMappings: [{ name: '乙未登记局', departmentId: other.leadDept.id }] });
      expect(elsewhere.status).toBe(400);
      expect(elsewhere.body.errors[0].field).toBe('departmentMappings.0.departmentId');
      const neither = await t.http.post('/api/imports').set('Authorization', auth.coordinator).send({ ...fields, rows: [{ 改革事项: '甲' }], departmentMappings: [{ name: '乙未登记局' }] });
      expect(neither.status).toBe(400);
      expect(neither.body.errors[0].field).toMatch(/^departmentMappings\.0\./);
      expect(await writes(doc)).toEqual(nothing);
      expect(await count(t.db, 'department', `'乙未登记局' = ANY(aliases) OR name = '乙未登记局'`)).toBe(0);
    });
  });

  describe('the document form', () => {
    it('names the field in Chinese for each bad value', async () => {
      const cases: [Record<string, string>, string, string][] = [
        [{ docNumber: '', title: '测试通知', batchName: '测试批次' }, 'docNumber', '请填写文号'],
        [{ docNumber: docNumber('f'), title: '测试通知', batchName: '' }, 'batchName', '请填写批次名称'],
        [{ docNumber: docNumber('f'), title: '测试通知', batchName: '测试批次', batchKind: 'weekly' }, 'batchKind', '批次类型应为'],
        [{ docNumber: docNumber('f'), title: '测试通知', batchName: '测试批次', issuedOn: '2016年11月2日' }, 'issuedOn', '发文日期应为有效日期'],
        [{ docNumber: docNumber('f'), title: '长'.repeat(501), batchName: '测试批次' }, 'title', '文件标题不超过 500 个字'],
      ];
      for (const [fields, field, message] of cases) {
        const res = await upload(CSV_FIXTURE, 'a.csv', fields);
        expect(res.status).toBe(400);
        expect(res.body.errors[0]).toEqual({ field, messages: [expect.stringContaining(message)] });
      }
    });

    it('answers 409 when a registered 文号 comes with another title, writing nothing, and imports into it when the title matches', async () => {
      const doc = docNumber('dupdoc');
      expect((await upload(csv(['改革事项'], ['甲']), 'a.csv', { docNumber: doc, title: '原来的标题', batchName: '批次一' })).status).toBe(200);
      const before = await writes(doc);
      const clash = await upload(csv(['改革事项'], ['乙']), 'b.csv', { docNumber: doc, title: '另一份文件的标题', batchName: '批次二' });
      expect(clash.status).toBe(409);
      expect(clash.body.message).toContain(`文号 ${doc} 已登记为《原来的标题》`);
      expect(clash.body.errors[0].field).toBe('docNumber');
      expect(await writes(doc)).toEqual(before);
      expect(await t.db.query('SELECT title FROM policy_document WHERE doc_number = $1', [doc])).toEqual([{ title: '原来的标题' }]);
      expect((await upload(csv(['改革事项'], ['乙']), 'b.csv', { docNumber: doc, title: ' 原来的标题 ', batchName: '批次二' })).status).toBe(200);
    });
  });

  describe('OpenAPI examples', () => {
    it('"Try it out" with the documented JSON example and the multipart example fields succeeds (as a dry run)', async () => {
      const spec = (await t.http.get('/docs-json')).body;
      const body = spec.paths['/api/imports'].post.requestBody.content;
      const json = await t.http.post('/api/imports?dryRun=true').set('Authorization', auth.coordinator).send(body['application/json'].example);
      expect(json.status).toBe(200);
      expect(json.body.rows).toEqual([expect.objectContaining({ seq: 1, deadline: { text: '2016年11月30日前', kind: 'date', date: '2016-11-30' } })]);

      const form = spec.components.schemas.ImportUploadDto.properties as Record<string, { example?: string }>;
      let req = t.http.post('/api/imports?dryRun=true').set('Authorization', auth.coordinator);
      for (const [k, p] of Object.entries(form)) if (p.example !== undefined) req = req.field(k, p.example);
      const multipart = await req;
      expect(multipart.status).toBe(200);
      expect(multipart.body).toMatchObject({ source: 'text', rows: [{ seq: 1, departments: { lead: '商务部' } }] });
      expect(spec.paths['/api/imports'].post.parameters.find((p: { name: string }) => p.name === 'dryRun').schema.example).toBe(true);
    });
  });
});

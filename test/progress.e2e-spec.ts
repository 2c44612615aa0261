import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Response } from 'supertest';
import { createTestApp, type TestApp } from './app.js';
import { bearer } from './auth-helper.js';
import { count, makeBatch, makeDepartment, makeProvinceWorld, makeUser } from './factories.js';

type World = Awaited<ReturnType<typeof makeProvinceWorld>>;

const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

// supertest leaves unknown binary types unparsed: collect the bytes so the download can be compared byte for byte.
// In Node the response handed to a parser is the incoming message stream.
function binary(res: unknown, done: (err: Error | null, body: Buffer) => void): void {
  const chunks: Buffer[] = [];
  const stream = res as NodeJS.ReadableStream;
  stream.on('data', (c: Buffer) => chunks.push(c));
  stream.on('end', () => done(null, Buffer.concat(chunks)));
}

describe('progress reports, evidence and close-out (销号)', () => {
  let t: TestApp;
  let world: World;
  let stranger: World;
  const auth: Record<string, string> = {};
  let taskIds: string[];
  let reportTask: string;
  let closeTask: string;

  const post = (path: string, role: string, body: object = {}) => t.http.post(path).set('Authorization', auth[role]).send(body);
  const upload = (taskId: string, role: string, file: Buffer, name: string, fields: Record<string, string> = {}) => {
    const req = t.http.post(`/api/tasks/${taskId}/evidence`).set('Authorization', auth[role]);
    for (const [k, v] of Object.entries(fields)) req.field(k, v);
    return req.attach('file', file, { filename: name, contentType: 'application/octet-stream' });
  };
  const auditActions = async (entityType: string, entityId: string): Promise<string[]> =>
    (await t.db.query(`SELECT action FROM audit_event WHERE entity_type = $1 AND entity_id = $2 ORDER BY at, id`, [entityType, entityId])).map((r: { action: string }) => r.action);

  beforeAll(async () => {
    t = await createTestApp();
    world = await makeProvinceWorld(t.db);
    stranger = await makeProvinceWorld(t.db);
    const batch = await makeBatch(t.db, [{ name: '国际贸易单一窗口', deadlineDate: '2026-12-31' }, { name: '企业准入单一窗口', deadlineDate: '2026-12-31' }, { name: '社会信用体系建设', deadlineKind: 'ongoing', deadlineText: '持续实施' }]);
    for (const [role, user] of Object.entries(world.users)) auth[role] = await bearer(t, user.username);
    auth.strangerCoordinator = await bearer(t, stranger.users.coordinator.username);
    auth.strangerDepartment = await bearer(t, stranger.users.department.username);
    const adopted = await post(`/api/batches/${batch.batchId}/adopt`, 'coordinator', { regionId: world.province.id });
    taskIds = adopted.body.taskIds;
    [reportTask, closeTask] = taskIds;
    for (const id of taskIds) {
      const res = await t.http.patch(`/api/tasks/${id}`).set('Authorization', auth.coordinator).send({ leadDepartmentId: world.leadDept.id, participantDepartmentIds: [world.otherDept.id], outcome: '系统上线运行，出具验收报告' });
      expect(res.status).toBe(200);
    }
  });
  afterAll(() => t.close());

  describe('the quarterly report loop', () => {
    let reportId: string;

    it('lets only the lead department open a report; others get 403, other provinces 404, nothing written', async () => {
      for (const role of ['otherDepartment', 'leader', 'city', 'coordinator']) {
        expect({ role, status: (await post(`/api/tasks/${reportTask}/progress-reports`, role, { period: '2026Q4' })).status }).toEqual({ role, status: 403 });
      }
      expect((await post(`/api/tasks/${reportTask}/progress-reports`, 'strangerDepartment', { period: '2026Q4' })).status).toBe(404);
      expect(await count(t.db, 'progress_report', 'task_id = $1', [reportTask])).toBe(0);
    });

    it('refuses a malformed or future period and a bad percentage with 400 naming the field', async () => {
      const cases: [object, string][] = [
        [{ period: '2026-Q4' }, 'period'],
        [{ period: '2026q4' }, 'period'],
        [{ period: '2027Q1' }, 'period'],
        [{}, 'period'],
        [{ period: '2026Q4', percentComplete: 101 }, 'percentComplete'],
        [{ period: '2026Q4', percentComplete: 12.5 }, 'percentComplete'],
      ];
      for (const [body, field] of cases) {
        const res = await post(`/api/tasks/${reportTask}/progress-reports`, 'department', body);
        expect({ body, status: res.status }).toEqual({ body, status: 400 });
        expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
      }
      expect(await count(t.db, 'progress_report', 'task_id = $1', [reportTask])).toBe(0);
    });

    it('creates a draft for the lead, and answers a second report for the same quarter with 409', async () => {
      const res = await post(`/api/tasks/${reportTask}/progress-reports`, 'department', { period: '2026Q4', problems: '部门数据共享不畅', percentComplete: 40 });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ period: '2026Q4', periodLabel: '2026年第四季度', status: 'draft', statusLabel: '草稿', percentComplete: 40, department: { id: world.leadDept.id } });
      reportId = res.body.id;
      const again = await post(`/api/tasks/${reportTask}/progress-reports`, 'department', { period: '2026Q4', progress: '另一份' });
      expect(again.status).toBe(409);
      expect(again.body.reportId).toBe(reportId);
      expect(await count(t.db, 'progress_report', 'task_id = $1', [reportTask])).toBe(1);
    });

    it('lets participating departments add their part, once per department, and nobody else', async () => {
      const put = (role: string, text: string) => t.http.put(`/api/progress-reports/${reportId}/contributions`).set('Authorization', auth[role]).send({ text });
      expect((await put('otherDepartment', '已完成海关数据对接')).status).toBe(200);
      const res = await put('otherDepartment', '已完成海关数据对接和联调测试');
      expect(res.status).toBe(200);
      expect(res.body.contributions).toEqual([expect.objectContaining({ department: { id: world.otherDept.id, name: world.otherDept.name }, text: '已完成海关数据对接和联调测试' })]);
      for (const role of ['department', 'leader', 'coordinator', 'city']) expect((await put(role, '越权')).status).toBe(403);
      expect((await put('otherDepartment', '   ')).status).toBe(400);
      const rows = await t.db.query('SELECT department_id, text FROM progress_contribution WHERE report_id = $1', [reportId]);
      expect(rows).toEqual([{ department_id: world.otherDept.id, text: '已完成海关数据对接和联调测试' }]);
    });

    it('will not submit without progress text (400), then submits, freezing the report for everyone', async () => {
      const empty = await post(`/api/progress-reports/${reportId}/submit`, 'department');
      expect(empty.status).toBe(400);
      expect(empty.body.errors[0].field).toBe('progress');
      expect((await t.http.patch(`/api/progress-reports/${reportId}`).set('Authorization', auth.department).send({ progress: '单一窗口已上线试运行' })).status).toBe(200);
      expect((await post(`/api/progress-reports/${reportId}/submit`, 'otherDepartment')).status).toBe(403);
      const submitted = await post(`/api/progress-reports/${reportId}/submit`, 'department');
      expect(submitted.status).toBe(200);
      expect(submitted.body).toMatchObject({ status: 'submitted', progress: '单一窗口已上线试运行' });
      expect((await t.http.patch(`/api/progress-reports/${reportId}`).set('Authorization', auth.department).send({ progress: '改' })).status).toBe(409);
      expect((await t.http.put(`/api/progress-reports/${reportId}/contributions`).set('Authorization', auth.otherDepartment).send({ text: '改' })).status).toBe(409);
      const [row] = await t.db.query('SELECT progress, status FROM progress_report WHERE id = $1', [reportId]);
      expect(row).toEqual({ progress: '单一窗口已上线试运行', status: 'submitted' });
    });

    it('lets only the coordinator review; a return needs a comment and sends the report back to the lead', async () => {
      for (const role of ['department', 'leader']) expect((await post(`/api/progress-reports/${reportId}/accept`, role)).status).toBe(403);
      expect((await post(`/api/progress-reports/${reportId}/return`, 'strangerCoordinator', { comment: '退回' })).status).toBe(404);
      const noComment = await post(`/api/progress-reports/${reportId}/return`, 'coordinator', { comment: '  ' });
      expect(noComment.status).toBe(400);
      expect(noComment.body.errors[0].field).toBe('comment');
      const returned = await post(`/api/progress-reports/${reportId}/return`, 'coordinator', { comment: '请补充上线时间和覆盖企业数' });
      expect(returned.status).toBe(200);
      expect(returned.body).toMatchObject({ status: 'returned', statusLabel: '已退回', reviewComment: '请补充上线时间和覆盖企业数', reviewedBy: world.users.coordinator.id });
    });

    it('takes the revised report and the coordinator accepts it; accepting twice is a 409', async () => {
      expect((await t.http.patch(`/api/progress-reports/${reportId}`).set('Authorization', auth.department).send({ progress: '11月1日上线，覆盖企业320家', percentComplete: 80 })).status).toBe(200);
      expect((await post(`/api/progress-reports/${reportId}/submit`, 'department')).status).toBe(200);
      const accepted = await post(`/api/progress-reports/${reportId}/accept`, 'coordinator', { comment: '同意' });
      expect(accepted.status).toBe(200);
      expect(accepted.body).toMatchObject({ status: 'accepted', percentComplete: 80, reviewComment: '同意' });
      expect((await post(`/api/progress-reports/${reportId}/accept`, 'coordinator')).status).toBe(409);
    });

    it('audits every step with the status before and after', async () => {
      expect(await auditActions('progress_report', reportId)).toEqual(['create', 'contribute', 'contribute', 'update', 'submit', 'return', 'update', 'submit', 'accept']);
      const rows = await t.db.query(`SELECT action, actor_id, before->>'status' AS "from", after->>'status' AS "to" FROM audit_event WHERE entity_id = $1 AND action IN ('submit', 'return', 'accept') ORDER BY at, id`, [reportId]);
      expect(rows).toEqual([
        { action: 'submit', actor_id: world.users.department.id, from: 'draft', to: 'submitted' },
        { action: 'return', actor_id: world.users.coordinator.id, from: 'submitted', to: 'returned' },
        { action: 'submit', actor_id: world.users.department.id, from: 'returned', to: 'submitted' },
        { action: 'accept', actor_id: world.users.coordinator.id, from: 'submitted', to: 'accepted' },
      ]);
    });

    it('shows the report to everyone in the province with contributions and history, and hides it from other provinces', async () => {
      const res = await t.http.get(`/api/progress-reports/${reportId}`).set('Authorization', auth.leader);
      expect(res.status).toBe(200);
      expect(res.body.task).toMatchObject({ reformItemName: '国际贸易单一窗口', seq: 1 });
      expect(res.body.contributions).toHaveLength(1);
      expect(res.body.history).toHaveLength(9);
      expect((await t.http.get(`/api/progress-reports/${reportId}`).set('Authorization', auth.strangerCoordinator)).status).toBe(404);
      const listed = await t.http.get('/api/progress-reports').query({ period: '2026Q4', taskId: reportTask, status: 'accepted' }).set('Authorization', auth.city);
      expect(listed.body).toMatchObject({ total: 1, items: [{ id: reportId, status: 'accepted' }] });
      const theirs = await t.http.get('/api/progress-reports').query({ taskId: reportTask }).set('Authorization', auth.strangerCoordinator);
      expect(theirs.body.total).toBe(0);
      const provinceless = await t.http.get('/api/progress-reports').query({ taskId: reportTask }).set('Authorization', await bearer(t, (await makeUser(t.db, 'leader')).username));
      expect(provinceless.body.total).toBe(0);
      expect((await t.http.get('/api/progress-reports').query({ period: 'Q4' }).set('Authorization', auth.leader)).status).toBe(400);
    });
  });

  describe('who has not reported (missing=true)', () => {
    let fixture: World;
    let depA: { id: string; name: string };
    let depB: { id: string; name: string };
    let ids: string[];
    let coordinatorAuth: string;

    beforeAll(async () => {
      fixture = await makeProvinceWorld(t.db);
      depA = await makeDepartment(t.db, fixture.province, 'A 省发展改革委');
      depB = await makeDepartment(t.db, fixture.province, 'B 省市场监管局');
      coordinatorAuth = await bearer(t, fixture.users.coordinator.username);
      const batch = await makeBatch(t.db, [
        { name: '事项一（A，未报）' },
        { name: '事项二（A，持续实施，草稿）', deadlineKind: 'ongoing', deadlineText: '持续实施' },
        { name: '事项三（A，已报送）' },
        { name: '事项四（B，只报了上季度）' },
        { name: '事项五（B，已销号）' },
        { name: '事项六（未分配牵头部门）' },
        { name: '事项七（不适用）' },
      ]);
      const res = await t.http.post(`/api/batches/${batch.batchId}/adopt`).set('Authorization', coordinatorAuth).send({ regionId: fixture.province.id });
      ids = res.body.taskIds;
      // Hand-built fixture: leads, one closed task and reports in the states the listing must tell apart.
      await t.db.query('UPDATE task SET lead_department_id = $1 WHERE id = ANY($2)', [depA.id, ids.slice(0, 3)]);
      await t.db.query('UPDATE task SET lead_department_id = $1 WHERE id = ANY($2)', [depB.id, [ids[3], ids[4], ids[6]]]);
      await t.db.query(`UPDATE task SET status = 'closed' WHERE id = $1`, [ids[4]]);
      await t.db.query(`UPDATE task SET status = 'not_applicable', not_applicable_reason = '不在推广范围' WHERE id = $1`, [ids[6]]);
      const report = (taskId: string, period: string, status: string) =>
        t.db.query(`INSERT INTO progress_report (task_id, period, progress, status) VALUES ($1, $2, '进展', $3)`, [taskId, period, status]);
      await report(ids[1], '2026Q4', 'draft');
      await report(ids[2], '2026Q4', 'submitted');
      await report(ids[3], '2026Q3', 'accepted');
      await report(ids[4], '2026Q3', 'returned');
    });

    const missing = (query: Record<string, string>, authorization = coordinatorAuth) => t.http.get('/api/progress-reports').query({ missing: 'true', ...query }).set('Authorization', authorization);
    const summary = (res: Response) =>
      res.body.departments.map((d: { department: { name: string }; tasks: { reformItemName: string; reportStatus: string | null }[] }) => [d.department.name, d.tasks.map((x) => [x.reformItemName, x.reportStatus])]);

    it('lists open tasks with a lead and no submitted/accepted report for the quarter, grouped by lead department', async () => {
      const q4 = await missing({ period: '2026Q4' });
      expect(q4.status).toBe(200);
      expect(q4.body).toMatchObject({ period: '2026Q4', periodLabel: '2026年第四季度', departmentCount: 2, taskCount: 3 });
      expect(summary(q4)).toEqual([
        ['A 省发展改革委', [['事项一（A，未报）', null], ['事项二（A，持续实施，草稿）', 'draft']]],
        ['B 省市场监管局', [['事项四（B，只报了上季度）', null]]],
      ]);
      const q3 = await missing({ period: '2026Q3' });
      expect(summary(q3)).toEqual([['A 省发展改革委', [['事项一（A，未报）', null], ['事项二（A，持续实施，草稿）', null], ['事项三（A，已报送）', null]]]]);
    });

    it('filters by department and stays inside the province', async () => {
      expect(summary(await missing({ period: '2026Q4', departmentId: depB.id }))).toEqual([['B 省市场监管局', [['事项四（B，只报了上季度）', null]]]]);
      expect((await missing({ period: '2026Q4' }, auth.coordinator)).body.departments.map((d: { department: { id: string } }) => d.department.id)).not.toContain(depA.id);
    });

    it('needs a valid period', async () => {
      const queries: Record<string, string>[] = [{}, { period: '2026-10' }];
      for (const query of queries) {
        const res = await missing(query);
        expect(res.status).toBe(400);
        expect(res.body.errors[0].field).toBe('period');
      }
    });
  });

  describe('evidence files', () => {
    it('stores an upload on disk with its sha256 and streams the same bytes back to any reader in the province', async () => {
      const res = await upload(closeTask, 'department', PDF, '验收报告（终稿）.pdf', { purpose: 'completion' });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ taskId: closeTask, purpose: 'completion', purposeLabel: '销号佐证', fileName: '验收报告（终稿）.pdf', mimeType: 'application/pdf', sizeBytes: PDF.length, sha256: sha256(PDF) });
      const [row] = await t.db.query('SELECT storage_key, sha256, uploaded_by FROM evidence_file WHERE id = $1', [res.body.id]);
      expect(row.sha256).toBe(sha256(PDF));
      expect(row.storage_key).not.toContain('验收');
      expect(readFileSync(join(process.env.EVIDENCE_DIR!, row.storage_key))).toEqual(PDF);
      expect(await auditActions('evidence_file', res.body.id)).toEqual(['upload']);

      for (const role of ['leader', 'city', 'otherDepartment', 'coordinator']) {
        const download = await t.http.get(`/api/evidence/${res.body.id}/download`).set('Authorization', auth[role]).buffer(true).parse(binary);
        expect(download.status).toBe(200);
        expect(download.body).toEqual(PDF);
        expect(download.headers['content-type']).toBe('application/pdf');
        expect(download.headers['content-disposition']).toContain(`filename*=UTF-8''${encodeURIComponent('验收报告（终稿）.pdf')}`);
      }
      expect((await t.http.get(`/api/evidence/${res.body.id}/download`).set('Authorization', auth.strangerCoordinator)).status).toBe(404);
      expect((await t.http.get(`/api/tasks/${closeTask}/evidence`).set('Authorization', auth.strangerCoordinator)).status).toBe(404);
      const listed = await t.http.get(`/api/tasks/${closeTask}/evidence`).set('Authorization', auth.leader);
      expect(listed.body.map((e: { id: string }) => e.id)).toEqual([res.body.id]);
    });

    it('refuses other types and content that does not match the extension with 400, writing nothing', async () => {
      const before = await count(t.db, 'evidence_file');
      const cases: [Buffer, string][] = [
        [Buffer.from('MZ\x90\x00'), 'setup.exe'],
        [PNG, '伪装.pdf'],
        [PDF, '材料.doc'],
        [Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.from('xl/workbook.xml')]), '改名.docx'],
      ];
      for (const [content, name] of cases) {
        const res = await upload(closeTask, 'department', content, name);
        expect({ name, status: res.status }).toEqual({ name, status: 400 });
        expect(res.body.errors[0].field).toBe('file');
      }
      const none = await t.http.post(`/api/tasks/${closeTask}/evidence`).set('Authorization', auth.department).field('purpose', 'progress');
      expect(none.status).toBe(400);
      expect(none.body.errors[0].field).toBe('file');
      expect((await upload(closeTask, 'department', PNG, 'a.png', { purpose: 'minutes' })).status).toBe(400);
      expect(await count(t.db, 'evidence_file')).toBe(before);
    });

    it('answers a file over EVIDENCE_MAX_BYTES (20 MB) with 413 and a clear message, writing nothing', async () => {
      const before = await count(t.db, 'evidence_file');
      const big = Buffer.alloc(20 * 1024 * 1024 + 1, 0x20);
      PDF.copy(big);
      const res = await upload(closeTask, 'department', big, 'big.pdf');
      expect(res.status).toBe(413);
      expect(res.body.message).toContain('20.0 MB');
      expect(res.body.errors[0].field).toBe('file');
      expect(await count(t.db, 'evidence_file')).toBe(before);
    });

    it('lets leaders, participants and cities read but not upload; other provinces get 404', async () => {
      const before = await count(t.db, 'evidence_file', 'task_id = $1', [closeTask]);
      for (const role of ['leader', 'otherDepartment', 'city']) expect({ role, status: (await upload(closeTask, role, PNG, 'x.png')).status }).toEqual({ role, status: 403 });
      expect((await upload(closeTask, 'strangerCoordinator', PNG, 'x.png')).status).toBe(404);
      expect(await count(t.db, 'evidence_file', 'task_id = $1', [closeTask])).toBe(before);
    });

    it('attaches progress evidence to an open report of the task only', async () => {
      const [accepted] = await t.db.query('SELECT id FROM progress_report WHERE task_id = $1', [reportTask]);
      expect((await upload(reportTask, 'department', PNG, '现场.png', { reportId: accepted.id })).status).toBe(409);
      expect((await upload(closeTask, 'department', PNG, '现场.png', { reportId: accepted.id })).body.errors[0].field).toBe('reportId');
      const draft = await post(`/api/tasks/${taskIds[2]}/progress-reports`, 'department', { period: '2026Q4', progress: '持续推进' });
      const res = await upload(taskIds[2], 'department', PNG, '现场.png', { reportId: draft.body.id });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ reportId: draft.body.id, purpose: 'progress' });
      expect((await t.http.get(`/api/progress-reports/${draft.body.id}`).set('Authorization', auth.leader)).body.evidence.map((e: { id: string }) => e.id)).toEqual([res.body.id]);
    });
  });

  describe('close-out (销号): complete → return → complete → verify → reopen', () => {
    let evidenceId: string;
    const taskRow = async () => (await t.db.query('SELECT status, close_note, closed_at FROM task WHERE id = $1', [closeTask]))[0];
    const completions = async () => t.db.query('SELECT status, summary, evidence_ids, review_note, outcome_snapshot FROM task_completion WHERE task_id = $1 ORDER BY submitted_at, created_at', [closeTask]);

    beforeAll(async () => {
      [{ id: evidenceId }] = await t.db.query(`SELECT id FROM evidence_file WHERE task_id = $1 AND purpose = 'completion'`, [closeTask]);
      expect((await post(`/api/tasks/${closeTask}/transitions`, 'department', { to: 'in_progress' })).status).toBe(200);
    });

    it('needs at least one completion evidence file of this task (400 naming evidenceIds), writing nothing', async () => {
      const [progressEvidence] = await t.db.query(`SELECT id FROM evidence_file WHERE purpose = 'progress' AND task_id = $1`, [taskIds[2]]);
      for (const evidenceIds of [[], [progressEvidence.id], ['00000000-0000-4000-8000-000000000000'], 'x']) {
        const res = await post(`/api/tasks/${closeTask}/completion`, 'department', { summary: '已建成', evidenceIds });
        expect({ evidenceIds, status: res.status }).toEqual({ evidenceIds, status: 400 });
        expect(res.body.errors[0].field).toBe('evidenceIds');
      }
      expect((await taskRow()).status).toBe('in_progress');
      expect(await completions()).toEqual([]);
    });

    it('lets only the lead (or coordinator) submit: participants and leaders get 403, other provinces 404', async () => {
      for (const role of ['otherDepartment', 'leader', 'city']) expect((await post(`/api/tasks/${closeTask}/completion`, role, { summary: '已建成', evidenceIds: [evidenceId] })).status).toBe(403);
      expect((await post(`/api/tasks/${closeTask}/completion`, 'strangerCoordinator', { summary: '已建成', evidenceIds: [evidenceId] })).status).toBe(404);
      expect((await taskRow()).status).toBe('in_progress');
      expect(await completions()).toEqual([]);
    });

    it('submits completion against the verifiable outcome: task → submitted, record kept with its evidence', async () => {
      const res = await post(`/api/tasks/${closeTask}/completion`, 'department', { summary: '系统已上线，附验收报告', evidenceIds: [evidenceId] });
      expect(res.status).toBe(201);
      expect(res.body.task.status).toBe('submitted');
      expect(res.body.completion).toMatchObject({ status: 'submitted', outcomeSnapshot: '系统上线运行，出具验收报告', evidence: [{ id: evidenceId, fileName: '验收报告（终稿）.pdf' }] });
      expect((await post(`/api/tasks/${closeTask}/completion`, 'department', { summary: '再交一次', evidenceIds: [evidenceId] })).status).toBe(409);
      expect(await completions()).toEqual([{ status: 'submitted', summary: '系统已上线，附验收报告', evidence_ids: [evidenceId], review_note: null, outcome_snapshot: '系统上线运行，出具验收报告' }]);
    });

    it('lets only the coordinator verify or return; a return needs the reason and puts the task back in progress', async () => {
      expect((await post(`/api/tasks/${closeTask}/close-out`, 'department', { note: '自己销号' })).status).toBe(403);
      expect((await post(`/api/tasks/${closeTask}/close-out/return`, 'leader', { reason: '退回' })).status).toBe(403);
      const noReason = await post(`/api/tasks/${closeTask}/close-out/return`, 'coordinator', {});
      expect(noReason.status).toBe(400);
      expect(noReason.body.errors[0].field).toBe('reason');
      const res = await post(`/api/tasks/${closeTask}/close-out/return`, 'coordinator', { reason: '验收报告缺少盖章页' });
      expect(res.status).toBe(200);
      expect(res.body.task).toMatchObject({ status: 'in_progress', statusReason: '验收报告缺少盖章页' });
      expect(res.body.completion).toMatchObject({ status: 'returned', reviewNote: '验收报告缺少盖章页' });
      expect((await post(`/api/tasks/${closeTask}/close-out`, 'coordinator', { note: '通过' })).status).toBe(409);
    });

    it('closes the task on the second submission with the verification note, and will not "return" a closed task', async () => {
      expect((await post(`/api/tasks/${closeTask}/completion`, 'department', { summary: '补充盖章页', evidenceIds: [evidenceId] })).status).toBe(201);
      const noNote = await post(`/api/tasks/${closeTask}/close-out`, 'coordinator', { note: '' });
      expect(noNote.status).toBe(400);
      expect(noNote.body.errors[0].field).toBe('note');
      const res = await post(`/api/tasks/${closeTask}/close-out`, 'coordinator', { note: '材料齐全，同意销号' });
      expect(res.status).toBe(200);
      expect(res.body.task).toMatchObject({ status: 'closed', statusLabel: '已销号', closeNote: '材料齐全，同意销号' });
      expect((await taskRow()).close_note).toBe('材料齐全，同意销号');
      expect((await completions()).map((c: { status: string; review_note: string }) => [c.status, c.review_note])).toEqual([
        ['returned', '验收报告缺少盖章页'],
        ['verified', '材料齐全，同意销号'],
      ]);
      expect((await post(`/api/tasks/${closeTask}/close-out/return`, 'coordinator', { reason: '误操作' })).status).toBe(409);
      expect((await taskRow()).status).toBe('closed');
      const listed = await t.http.get(`/api/tasks/${closeTask}/completions`).set('Authorization', auth.leader);
      expect(listed.body.map((c: { statusLabel: string }) => c.statusLabel)).toEqual(['已核验销号', '已退回']);
    });

    it('reopens through the status endpoint with a reason, and the whole loop is in the audit trail', async () => {
      expect((await post(`/api/tasks/${closeTask}/transitions`, 'coordinator', { to: 'in_progress', reason: '抽查发现未全面推开' })).status).toBe(200);
      const row = await taskRow();
      expect(row.status).toBe('in_progress');
      expect(row.closed_at).toBeNull();
      expect(await auditActions('task', closeTask)).toEqual(['adopt', 'update', 'start', 'submit', 'return', 'submit', 'close', 'reopen']);
      const completionAudit = await t.db.query(
        `SELECT e.action, e.actor_id FROM audit_event e JOIN task_completion c ON c.id = e.entity_id WHERE e.entity_type = 'task_completion' AND c.task_id = $1 ORDER BY e.at, e.id`,
        [closeTask],
      );
      expect(completionAudit).toEqual([
        { action: 'submit', actor_id: world.users.department.id },
        { action: 'return', actor_id: world.users.coordinator.id },
        { action: 'submit', actor_id: world.users.department.id },
        { action: 'verify', actor_id: world.users.coordinator.id },
      ]);
    });
  });
});

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { DataSource } from 'typeorm';
import { addDays, periodOf } from '#libs/calendar';
import { appConfig, type AuthUser } from '#libs/common';
import { TasksService } from '#libs/tasks';
import { DEMO_USERNAMES, loadDemoData } from '../seeds/loader/demo-loader.js';
import { readDemoPlan } from '../seeds/loader/demo-plan.js';
import { loadReferenceData } from '../seeds/loader/reference-loader.js';
import { readSeedData } from '../seeds/loader/seed-data.js';
import type { Tally } from '../seeds/loader/tally.js';
import { createTestApp, TEST_TODAY, type TestApp } from './app.js';
import { bearer } from './auth-helper.js';
import { makeUser } from './factories.js';

const data = readSeedData();
const SHANDONG = '370000';
const GF_63 = '国发〔2016〕63号';
const LZBF_21 = '鲁政办发〔2015〕21号';
const DEMO_PASSWORD = 'Demo@seed-test';

/**
 * Rows the seed owns, found by their natural keys (the database is shared with other suites, so no global counts),
 * and the audit rows about them.
 */
async function seededCounts(db: DataSource): Promise<Record<string, number>> {
  const [row] = await db.query(
    `WITH regions AS (SELECT id FROM region WHERE code = ANY($1)),
          depts AS (SELECT id FROM department WHERE name = ANY($2)),
          docs AS (SELECT id FROM policy_document WHERE doc_number = ANY($3)),
          batches AS (SELECT id FROM batch WHERE document_id IN (SELECT id FROM docs)),
          items AS (SELECT id FROM reform_item WHERE batch_id IN (SELECT id FROM batches)),
          tasks AS (SELECT id FROM task WHERE reform_item_id IN (SELECT id FROM items)),
          milestones AS (SELECT id FROM milestone WHERE task_id IN (SELECT id FROM tasks))
     SELECT (SELECT count(*) FROM regions)::int AS regions, (SELECT count(*) FROM depts)::int AS departments,
            (SELECT count(*) FROM docs)::int AS documents, (SELECT count(*) FROM batches)::int AS batches,
            (SELECT count(*) FROM items)::int AS items, (SELECT count(*) FROM tasks)::int AS tasks,
            (SELECT count(*) FROM milestones)::int AS milestones,
            (SELECT count(*) FROM task_participant WHERE task_id IN (SELECT id FROM tasks))::int AS participants,
            (SELECT count(*) FROM rollout WHERE task_id IN (SELECT id FROM tasks))::int AS rollouts,
            (SELECT count(*) FROM audit_event WHERE entity_id IN (
               SELECT id FROM regions UNION ALL SELECT id FROM depts UNION ALL SELECT id FROM docs UNION ALL SELECT id FROM batches
               UNION ALL SELECT id FROM items UNION ALL SELECT id FROM tasks UNION ALL SELECT id FROM milestones))::int AS audit,
            (SELECT max(updated_at) FROM task WHERE id IN (SELECT id FROM tasks))::text AS "lastTaskUpdate"`,
    [data.regions.map((r) => r.code), data.departments.map((d) => d.name), data.documents.map((d) => d.docNumber)],
  );
  return row;
}

interface SeededTask {
  id: string;
  seq: number;
  status: string;
  due_date: string | null;
  scope_text: string | null;
  outcome: string | null;
  not_applicable_reason: string | null;
  lead: string | null;
  participants: string[];
  rollout_codes: string[];
}

/** The province's tasks for a document, by item seq, with their departments and the cities they roll out to. */
async function tasksOf(db: DataSource, docNumber: string, provinceCode: string): Promise<Map<number, SeededTask>> {
  const rows: SeededTask[] = await db.query(
    `SELECT t.id, i.seq, t.status, t.due_date::text, t.scope_text, t.outcome, t.not_applicable_reason, ld.name AS lead,
            coalesce((SELECT array_agg(d.name ORDER BY d.name) FROM task_participant tp JOIN department d ON d.id = tp.department_id WHERE tp.task_id = t.id), '{}') AS participants,
            coalesce((SELECT array_agg(r.code ORDER BY r.code) FROM rollout ro JOIN region r ON r.id = ro.region_id WHERE ro.task_id = t.id), '{}') AS rollout_codes
     FROM task t JOIN reform_item i ON i.id = t.reform_item_id JOIN batch b ON b.id = i.batch_id JOIN policy_document doc ON doc.id = b.document_id
     JOIN region p ON p.id = t.region_id LEFT JOIN department ld ON ld.id = t.lead_department_id
     WHERE doc.doc_number = $1 AND p.code = $2`,
    [docNumber, provinceCode],
  );
  return new Map(rows.map((r) => [r.seq, r]));
}

/** Every row the demo seed writes for Shandong, as counts and sorted ids: equal after a second run. */
async function demoRows(db: DataSource): Promise<Record<string, unknown>> {
  const [row] = await db.query(
    `WITH tasks AS (SELECT id FROM task WHERE region_id = (SELECT id FROM region WHERE code = $1)),
          reports AS (SELECT id FROM progress_report WHERE task_id IN (SELECT id FROM tasks))
     SELECT (SELECT array_agg(id ORDER BY id) FROM tasks) AS tasks,
            (SELECT array_agg(id::text || status ORDER BY id) FROM progress_report WHERE id IN (SELECT id FROM reports)) AS reports,
            (SELECT array_agg(id::text || status ORDER BY id) FROM task_completion WHERE task_id IN (SELECT id FROM tasks)) AS completions,
            (SELECT array_agg(id ORDER BY id) FROM evidence_file WHERE task_id IN (SELECT id FROM tasks)) AS evidence,
            (SELECT array_agg(id::text || status ORDER BY id) FROM rollout WHERE task_id IN (SELECT id FROM tasks)) AS rollouts,
            (SELECT count(*)::int FROM milestone WHERE task_id IN (SELECT id FROM tasks)) AS milestones,
            (SELECT count(*)::int FROM progress_contribution WHERE report_id IN (SELECT id FROM reports)) AS contributions,
            (SELECT count(*)::int FROM notification WHERE province_id = (SELECT id FROM region WHERE code = $1)) AS notices,
            (SELECT count(*)::int FROM notification_read nr JOIN notification n ON n.id = nr.notification_id WHERE n.province_id = (SELECT id FROM region WHERE code = $1)) AS reads,
            (SELECT count(*)::int FROM app_user u JOIN department d ON d.id = u.department_id WHERE d.region_id = (SELECT id FROM region WHERE code = $1)) AS users,
            (SELECT count(*)::int FROM audit_event WHERE actor_username IN (SELECT username FROM app_user WHERE role <> 'admin' AND (region_id = (SELECT id FROM region WHERE code = $1)
               OR department_id IN (SELECT id FROM department WHERE region_id = (SELECT id FROM region WHERE code = $1))))) AS audit`,
    [SHANDONG],
  );
  return row;
}

async function regionId(db: DataSource, code: string): Promise<string> {
  const [row] = await db.query('SELECT id FROM region WHERE code = $1', [code]);
  return row.id as string;
}

describe('seed data loaders', () => {
  let t: TestApp;
  let second: Tally;
  let afterFirst: Record<string, number>;
  let afterSecond: Record<string, number>;

  beforeAll(async () => {
    t = await createTestApp();
    await loadReferenceData(t.app);
    afterFirst = await seededCounts(t.db);
    second = await loadReferenceData(t.app);
    afterSecond = await seededCounts(t.db);
  }, 120_000);

  afterAll(async () => {
    await t.close();
  });

  it('loads every region, department, document and item in seeds/data', () => {
    expect(afterFirst).toMatchObject({
      regions: data.regions.length,
      departments: data.departments.length,
      documents: data.documents.length,
      batches: data.documents.reduce((n, d) => n + d.batches.length, 0),
      items: data.documents.reduce((n, d) => n + d.batches.reduce((m, b) => m + b.items.length, 0), 0),
      tasks: 19 + 6,
      milestones: data.taskTables.reduce((n, tt) => n + tt.tasks.reduce((m, x) => m + x.milestones.length, 0), 0),
    });
    expect(afterFirst.audit).toBeGreaterThan(0);
  });

  it('changes nothing on a second run: same rows, no new audit rows', () => {
    expect(second.changed).toBe(0);
    expect(afterSecond).toEqual(afterFirst);
  });

  it('stores 国发〔2016〕63号 as 19 items due 2016-11-30, and items without a 时限 as unparsed deadlines', async () => {
    const items: { seq: number; deadline_kind: string; deadline_date: string | null; scope: { kind: string } }[] = await t.db.query(
      `SELECT i.seq, i.deadline_kind, i.deadline_date::text, i.scope FROM reform_item i JOIN batch b ON b.id = i.batch_id
       JOIN policy_document d ON d.id = b.document_id WHERE d.doc_number = $1 ORDER BY i.seq`,
      [GF_63],
    );
    expect(items.map((i) => i.seq)).toEqual(Array.from({ length: 19 }, (_, k) => k + 1));
    expect(new Set(items.map((i) => `${i.deadline_kind} ${i.deadline_date}`))).toEqual(new Set(['date 2016-11-30']));
    expect(items.filter((i) => i.scope.kind === 'special_customs_zone').map((i) => i.seq)).toEqual([13, 14, 15, 16, 17, 18]);
    expect(items.find((i) => i.seq === 19)!.scope.kind).toBe('integrated_customs_zone');

    const [noDeadline] = await t.db.query(
      `SELECT count(*)::int AS n, count(*) FILTER (WHERE i.deadline_kind = 'unparsed' AND i.deadline_date IS NULL)::int AS unparsed
       FROM reform_item i JOIN batch b ON b.id = i.batch_id JOIN policy_document d ON d.id = b.document_id WHERE d.doc_number = '国函〔2023〕56号'`,
    );
    expect(noDeadline).toEqual({ n: 24, unparsed: 24 });
  });

  it('gives Shandong the 19 tasks of 国发〔2016〕63号, rolled out to every city or only to cities with customs special zones', async () => {
    const tasks = await tasksOf(t.db, GF_63, SHANDONG);
    expect(tasks.size).toBe(19);
    const cities = data.regions.filter((r) => r.parentCode === SHANDONG);
    const allCities = cities.map((c) => c.code).sort();
    const zoneCities = cities.filter((c) => c.hasSpecialCustomsZone).map((c) => c.code).sort();
    expect(allCities).toHaveLength(16);
    expect(zoneCities.length).toBeGreaterThan(0);
    expect(zoneCities.length).toBeLessThan(16);
    for (const [seq, task] of tasks) {
      expect(task.status).toBe('not_started');
      expect(task.due_date).toBe('2016-11-30'); // 32号 has no 时限 column: the national deadline stands
      expect([...task.rollout_codes].sort()).toEqual(seq >= 13 ? zoneCities : allCities);
    }
  });

  it('assigns the provincial departments and scope written in 鲁政发〔2016〕32号', async () => {
    const tasks = await tasksOf(t.db, GF_63, SHANDONG);
    expect(tasks.get(1)).toMatchObject({ lead: '省商务厅', participants: [], scope_text: '全省' });
    expect(tasks.get(2)).toMatchObject({ lead: '省口岸办', participants: ['济南海关', '青岛海关'] });
    expect(tasks.get(11)).toMatchObject({ lead: '山东出入境检验检疫局', participants: [] });
    expect(tasks.get(13)).toMatchObject({ lead: '省商务厅', scope_text: '海关特殊监管区域' });
    expect(tasks.get(13)!.participants.sort()).toEqual(['山东出入境检验检疫局', '济南海关', '省环保厅', '青岛海关'].sort());
    expect(tasks.get(19)).toMatchObject({ lead: '青岛海关', participants: ['济南海关'], scope_text: '实行通关一体化的海关特殊监管区域' });
  });

  it('turns 鲁政办发〔2015〕21号 into six tasks with dated milestones, outcome and the first-listed department as lead', async () => {
    const table = data.taskTables.find((x) => x.docNumber === LZBF_21)!;
    const tasks = await tasksOf(t.db, LZBF_21, SHANDONG);
    expect(tasks.size).toBe(6);
    for (const entry of table.tasks) {
      const task = tasks.get(entry.itemSeq)!;
      expect(task).toMatchObject({ lead: entry.leadDepartment, outcome: entry.outcome, due_date: entry.deadline!.date });
      const milestones: { title: string; due: string | null }[] = await t.db.query(
        'SELECT title, due_date::text AS due FROM milestone WHERE task_id = $1 ORDER BY title',
        [task.id],
      );
      expect(milestones).toEqual(entry.milestones.map((m) => ({ title: m.title, due: m.due })).sort((a, b) => (a.title < b.title ? -1 : a.title > b.title ? 1 : 0)));
    }
    expect(tasks.get(2)).toMatchObject({ lead: '省发展改革委', due_date: '2020-12-31' });
    const [dated] = await t.db.query(`SELECT count(*)::int AS n FROM milestone WHERE task_id = $1 AND due_date = '2016-06-30'`, [tasks.get(2)!.id]);
    expect(dated.n).toBe(1);
  });

  it("keeps a coordinator's reassignment when the seed runs again", async () => {
    const shandong = await regionId(t.db, SHANDONG);
    const coordinatorRow = await makeUser(t.db, 'coordinator', { regionId: shandong });
    const coordinator: AuthUser = { id: coordinatorRow.id, username: coordinatorRow.username, displayName: '测试协调员', role: 'coordinator', departmentId: null, regionId: shandong, provinceId: shandong, provinceName: '山东省' };
    const [market] = await t.db.query(`SELECT id FROM department WHERE name = '省市场监管局' AND region_id = $1`, [shandong]);
    const task9 = (await tasksOf(t.db, GF_63, SHANDONG)).get(9)!;
    await t.app.get(TasksService).update(task9.id, { leadDepartmentId: market.id, participantDepartmentIds: [] }, coordinator);

    const rerun = await loadReferenceData(t.app);
    expect(rerun.changed).toBe(0);
    expect((await tasksOf(t.db, GF_63, SHANDONG)).get(9)!.lead).toBe('省市场监管局');
  });

  it('adopts a 沿海地区 item for an inland province as not applicable, with the reason', async () => {
    const [item] = await t.db.query(
      `SELECT i.seq, i.batch_id FROM reform_item i JOIN batch b ON b.id = i.batch_id JOIN policy_document d ON d.id = b.document_id
       WHERE d.doc_number = '国函〔2023〕56号' AND i.scope->>'kind' = 'coastal'`,
    );
    expect(item.seq).toBe(24);
    const henan = data.regions.find((r) => r.code === '410000')!;
    expect(henan).toMatchObject({ coastal: false, hasFtz: true });

    const result = await t.app.get(TasksService).adoptBatch(item.batch_id, await regionId(t.db, henan.code), null);
    expect(result.notApplicable.map((n) => n.seq)).toEqual([24]);
    const tasks = await tasksOf(t.db, '国函〔2023〕56号', henan.code);
    expect(tasks.size).toBe(24);
    expect(tasks.get(24)!.status).toBe('not_applicable');
    expect(tasks.get(24)!.not_applicable_reason).toBe('推广范围为沿海地区，河南省非沿海');
    expect(tasks.get(23)!.status).toBe('not_started'); // 自贸试验区: 河南 has one
  });

  describe('demo seed', () => {
    const plan = readDemoPlan();
    const BATCH = plan.batch.docNumber;
    const PERIOD = periodOf(TEST_TODAY).key;
    let demoFirst: Tally;
    let demoSecond: Tally;
    let afterFirst: Record<string, unknown>;
    let afterSecond: Record<string, unknown>;

    beforeAll(async () => {
      demoFirst = await loadDemoData(t.app, { password: DEMO_PASSWORD });
      afterFirst = await demoRows(t.db);
      demoSecond = await loadDemoData(t.app, { password: DEMO_PASSWORD });
      afterSecond = await demoRows(t.db);
    }, 300_000);

    it('creates each demo user once: department leads open tasks and takes part in others, city is 青岛市', async () => {
      const users: { username: string; role: string; dept: string | null; region: string | null }[] = await t.db.query(
        `SELECT u.username, u.role, d.name AS dept, r.code AS region FROM app_user u
         LEFT JOIN department d ON d.id = u.department_id LEFT JOIN region r ON r.id = u.region_id WHERE u.username = ANY($1) ORDER BY u.username`,
        [[...DEMO_USERNAMES]],
      );
      expect(users).toEqual([
        { username: 'admin', role: 'admin', dept: null, region: null },
        { username: 'auditor', role: 'audit_admin', dept: null, region: null },
        { username: 'city', role: 'city', dept: null, region: '370200' },
        { username: 'coordinator', role: 'coordinator', dept: null, region: SHANDONG },
        { username: 'department', role: 'department', dept: '青岛海关', region: null },
        { username: 'department2', role: 'department', dept: '省市场监管局', region: null },
        { username: 'leader', role: 'leader', dept: null, region: SHANDONG },
        { username: 'secadmin', role: 'security_admin', dept: null, region: null },
      ]);
      // The demo accounts keep their documented password: no forced change, no expiry.
      expect(await t.db.query(`SELECT DISTINCT password_change_required, password_expires FROM app_user WHERE username = ANY($1)`, [[...DEMO_USERNAMES]])).toEqual([
        { password_change_required: null, password_expires: false },
      ]);
      const [share] = await t.db.query(
        `SELECT count(*) FILTER (WHERE t.lead_department_id = u.department_id)::int AS leads,
                count(*) FILTER (WHERE EXISTS (SELECT 1 FROM task_participant tp WHERE tp.task_id = t.id AND tp.department_id = u.department_id))::int AS takes_part
         FROM app_user u JOIN task t ON t.region_id = (SELECT id FROM region WHERE code = $1) AND t.status NOT IN ('closed', 'not_applicable')
         WHERE u.username = 'department'`,
        [SHANDONG],
      );
      expect(share.leads).toBeGreaterThanOrEqual(3);
      expect(share.takes_part).toBeGreaterThanOrEqual(3);
      await expect(bearer(t, 'department2', DEMO_PASSWORD)).resolves.toMatch(/^Bearer /);
    });

    it('turns the 2015–2016 tables into history: closed on the planned days with evidence and notes, a few late, two left open', async () => {
      const rows: { doc: string; seq: number; status: string; closed_on: string | null; due: string | null; close_note: string | null; verified: number; files: number }[] = await t.db.query(
        `SELECT doc.doc_number AS doc, i.seq, t.status, (t.closed_at AT TIME ZONE 'Asia/Shanghai')::date::text AS closed_on, t.due_date::text AS due, t.close_note,
                (SELECT count(*)::int FROM task_completion c WHERE c.task_id = t.id AND c.status = 'verified') AS verified,
                (SELECT count(*)::int FROM evidence_file e WHERE e.task_id = t.id AND e.purpose = 'completion') AS files
         FROM task t JOIN reform_item i ON i.id = t.reform_item_id JOIN batch b ON b.id = i.batch_id JOIN policy_document doc ON doc.id = b.document_id
         WHERE doc.doc_number = ANY($1) AND t.region_id = (SELECT id FROM region WHERE code = $2)`,
        [plan.history.map((h) => h.docNumber), SHANDONG],
      );
      const planned = plan.history.flatMap((h) => h.tasks.map((x) => ({ doc: h.docNumber, ...x })));
      expect(rows).toHaveLength(planned.length);
      for (const p of planned) {
        const row = rows.find((r) => r.doc === p.doc && r.seq === p.seq)!;
        if (p.closedOn) expect(row).toMatchObject({ status: 'closed', closed_on: p.closedOn, verified: 1, files: 1 });
        else expect([p.seq, row.status]).toEqual([p.seq, p.open!.status]);
      }
      const closed = rows.filter((r) => r.status === 'closed');
      expect(closed.length).toBe(planned.filter((p) => p.closedOn).length);
      expect(closed.every((r) => r.close_note && r.close_note.length > 10)).toBe(true);
      const late = closed.filter((r) => r.due && r.closed_on! > r.due).length;
      expect(late).toBeGreaterThanOrEqual(2);
      expect(late).toBeLessThan(closed.length / 3);
    });

    it('leaves the province mid-work: overdue by weeks not years, tasks due within 14 days, ongoing ones, every status', async () => {
      const open: { status: string; deadline_kind: string; days_left: number | null; status_reason: string | null }[] = await t.db.query(
        `SELECT t.status, t.deadline_kind, (t.due_date - $2::date) AS days_left, t.status_reason FROM task t
         WHERE t.region_id = (SELECT id FROM region WHERE code = $1) AND t.status NOT IN ('closed', 'not_applicable')`,
        [SHANDONG, TEST_TODAY],
      );
      const dated = open.filter((x) => x.deadline_kind === 'date');
      const overdue = dated.filter((x) => x.days_left! < 0);
      expect(overdue.length).toBeGreaterThanOrEqual(3);
      expect(Math.min(...overdue.map((x) => x.days_left!))).toBeGreaterThan(-60);
      expect(dated.filter((x) => x.days_left! >= 0 && x.days_left! <= 14).length).toBeGreaterThanOrEqual(3);
      expect(dated.filter((x) => x.days_left! > 14).length).toBeGreaterThanOrEqual(3);
      expect(open.filter((x) => x.deadline_kind === 'ongoing').length).toBeGreaterThanOrEqual(3);
      expect(new Set(open.map((x) => x.status))).toEqual(new Set(['not_started', 'in_progress', 'blocked', 'submitted']));
      expect(open.filter((x) => x.status === 'blocked').every((x) => x.status_reason)).toBe(true);

      const batch = await tasksOf(t.db, BATCH, SHANDONG);
      for (const p of plan.batch.tasks) {
        const expected = p.status === 'returned' ? 'in_progress' : p.status;
        expect([p.seq, batch.get(p.seq)!.status]).toEqual([p.seq, expected]);
        expect(batch.get(p.seq)!.due_date).toBe(p.due === 'ongoing' ? null : addDays(TEST_TODAY, p.due));
      }
    });

    it('has close-outs waiting for review with evidence on disk, returned ones with the reason, milestones done and one missed', async () => {
      const completions: { status: string; review_note: string | null; storage_key: string }[] = await t.db.query(
        `SELECT c.status, c.review_note, e.storage_key FROM task_completion c JOIN task t ON t.id = c.task_id JOIN evidence_file e ON e.id = c.evidence_ids[1]
         WHERE t.region_id = (SELECT id FROM region WHERE code = $1)`,
        [SHANDONG],
      );
      const waiting = completions.filter((c) => c.status === 'submitted');
      expect(waiting.length).toBeGreaterThanOrEqual(3);
      for (const c of waiting) expect(readFileSync(path.join(appConfig().EVIDENCE_DIR, c.storage_key)).subarray(0, 5).toString()).toBe('%PDF-');
      const returned = completions.filter((c) => c.status === 'returned');
      expect(returned.length).toBe(plan.batch.tasks.filter((p) => p.status === 'returned').length);
      expect(returned.every((c) => c.review_note)).toBe(true);

      const [milestones] = await t.db.query(
        `SELECT count(*) FILTER (WHERE m.done_at IS NOT NULL)::int AS done,
                count(*) FILTER (WHERE m.done_at IS NULL AND m.due_date < $2)::int AS missed
         FROM milestone m JOIN task t ON t.id = m.task_id JOIN reform_item i ON i.id = t.reform_item_id JOIN batch b ON b.id = i.batch_id
         JOIN policy_document d ON d.id = b.document_id WHERE d.doc_number = $1 AND t.region_id = (SELECT id FROM region WHERE code = $3)`,
        [BATCH, TEST_TODAY, SHANDONG],
      );
      expect(milestones.done).toBeGreaterThanOrEqual(4);
      expect(milestones.missed).toBe(1);
    });

    it("files the quarters' reports: accepted, awaiting review, returned with a reason, drafts, and missing ones for this quarter", async () => {
      const reports: { period: string; status: string; review_comment: string | null; progress: string }[] = await t.db.query(
        `SELECT p.period, p.status, p.review_comment, p.progress FROM progress_report p JOIN task t ON t.id = p.task_id WHERE t.region_id = (SELECT id FROM region WHERE code = $1)`,
        [SHANDONG],
      );
      const current = reports.filter((r) => r.period === PERIOD);
      expect(new Set(current.map((r) => r.status))).toEqual(new Set(['accepted', 'submitted', 'returned', 'draft']));
      expect(current.filter((r) => r.status === 'returned').every((r) => r.review_comment)).toBe(true);
      expect(new Set(reports.map((r) => r.period)).size).toBeGreaterThanOrEqual(3);
      expect(reports.filter((r) => r.period !== PERIOD).every((r) => r.status === 'accepted')).toBe(true);
      const [contributions] = await t.db.query(
        `SELECT count(*)::int AS n FROM progress_contribution c JOIN progress_report p ON p.id = c.report_id JOIN task t ON t.id = p.task_id WHERE t.region_id = (SELECT id FROM region WHERE code = $1)`,
        [SHANDONG],
      );
      expect(contributions.n).toBeGreaterThan(0);

      const coordinator = await bearer(t, 'coordinator', DEMO_PASSWORD);
      const missing = await t.http.get(`/api/progress-reports?period=${PERIOD}&missing=true`).set('Authorization', coordinator);
      expect(missing.status).toBe(200);
      expect(missing.body.taskCount).toBeGreaterThanOrEqual(3);
    });

    it("records rollouts in every state for the city user's city, with dates", async () => {
      const rows: { status: string; n: number; dated: number }[] = await t.db.query(
        `SELECT ro.status, count(*)::int AS n,
                count(*) FILTER (WHERE (ro.status = 'adopted' AND ro.adopted_on IS NOT NULL) OR (ro.status = 'implemented' AND ro.implemented_on >= ro.adopted_on))::int AS dated
         FROM rollout ro JOIN region r ON r.id = ro.region_id WHERE r.code = $1 GROUP BY ro.status`,
        ['370200'],
      );
      const by = new Map(rows.map((r) => [r.status, r]));
      expect([...by.keys()].sort()).toEqual(['adopted', 'implemented', 'not_applicable', 'not_started']);
      expect(by.get('adopted')!.dated).toBe(by.get('adopted')!.n);
      expect(by.get('implemented')!.dated).toBe(by.get('implemented')!.n);
      const [province] = await t.db.query(
        `SELECT count(*) FILTER (WHERE ro.status = 'implemented')::int AS implemented, count(*)::int AS n
         FROM rollout ro JOIN task t ON t.id = ro.task_id WHERE t.region_id = (SELECT id FROM region WHERE code = $1)`,
        [SHANDONG],
      );
      expect(province.implemented / province.n).toBeGreaterThan(0.3);
      expect(province.implemented / province.n).toBeLessThan(0.9);
    });

    it('leaves read and unread notices in the demo inboxes', async () => {
      for (const username of ['department', 'coordinator']) {
        const res = await t.http.get('/api/me/notifications').set('Authorization', await bearer(t, username, DEMO_PASSWORD));
        expect(res.status).toBe(200);
        expect([username, res.body.unread > 0]).toEqual([username, true]);
        expect([username, res.body.total > res.body.unread]).toEqual([username, true]);
      }
    });

    it('shows a province in mid-work on the dashboard', async () => {
      const res = await t.http.get('/api/dashboard/summary').set('Authorization', await bearer(t, 'leader', DEMO_PASSWORD));
      expect(res.status).toBe(200);
      const s = res.body;
      expect(s.closed).toBeGreaterThan(s.applicable / 3);
      expect(s.closed).toBeLessThan(s.applicable);
      expect(s.overdue).toBeGreaterThan(0);
      expect(s.overdue).toBeLessThan(s.applicable / 5);
      expect(s.dueSoon).toBeGreaterThan(0);

      // Tasks are dated from their adoption, so last quarter's figures are history, not an empty quarter.
      const trend = await t.http.get('/api/dashboard/trend').set('Authorization', await bearer(t, 'leader', DEMO_PASSWORD));
      const last = trend.body.points.at(-2);
      expect(last).toMatchObject({ source: 'snapshot', total: s.total });
      expect(last.closed).toBeGreaterThan(0);
      expect(last.closed).toBeLessThan(s.closed);
    });

    it('changes nothing on a second run: same rows, same ids, no audit rows', () => {
      expect(demoFirst.changed).toBeGreaterThan(0);
      expect(demoSecond.changed).toBe(0);
      expect(afterSecond).toEqual(afterFirst);
    });

    it('gives Shandong departments placeholder contacts, never the reference data', async () => {
      const [row] = await t.db.query(
        `SELECT count(*)::int AS n, count(*) FILTER (WHERE d.liaison_email LIKE 'liaison-%@example.gov.cn' AND d.head_email LIKE 'head-%@example.gov.cn')::int AS fake
         FROM department d JOIN region r ON r.id = d.region_id WHERE r.code = $1 OR r.code IN (SELECT code FROM region WHERE parent_id = (SELECT id FROM region WHERE code = $1))`,
        [SHANDONG],
      );
      expect(row.n).toBe(data.departments.filter((d) => d.regionCode !== null).length);
      expect(row.fake).toBe(row.n);
      const [national] = await t.db.query(`SELECT count(*)::int AS n FROM department WHERE region_id IS NULL AND name = ANY($1) AND liaison_email IS NOT NULL`, [data.departments.map((d) => d.name)]);
      expect(national.n).toBe(0);
    });
  });
});

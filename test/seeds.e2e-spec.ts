import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { DataSource } from 'typeorm';
import type { AuthUser } from '#libs/common';
import { TasksService } from '#libs/tasks';
import { DEMO_PROGRESS, DEMO_USERNAMES, loadDemoData } from '../seeds/loader/demo-loader.js';
import { loadReferenceData } from '../seeds/loader/reference-loader.js';
import { readSeedData } from '../seeds/loader/seed-data.js';
import type { Tally } from '../seeds/loader/tally.js';
import { createTestApp, type TestApp } from './app.js';
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
    let demoFirst: Tally;
    let demoSecond: Tally;
    let demoAuditBefore: number;
    let demoAuditAfter: number;

    const demoAudit = async () => {
      const ids = [...(await tasksOf(t.db, GF_63, SHANDONG)).values()].map((x) => x.id);
      const [row] = await t.db.query(`SELECT count(*)::int AS n FROM audit_event WHERE entity_id = ANY($1)`, [ids]);
      return row.n as number;
    };

    beforeAll(async () => {
      demoFirst = await loadDemoData(t.app, { password: DEMO_PASSWORD });
      demoAuditBefore = await demoAudit();
      demoSecond = await loadDemoData(t.app, { password: DEMO_PASSWORD });
      demoAuditAfter = await demoAudit();
    }, 60_000);

    it('creates each demo user once, the department user in the department leading most Shandong tasks', async () => {
      const users: { username: string; role: string; dept: string | null; region: string | null }[] = await t.db.query(
        `SELECT u.username, u.role, d.name AS dept, r.code AS region FROM app_user u
         LEFT JOIN department d ON d.id = u.department_id LEFT JOIN region r ON r.id = u.region_id WHERE u.username = ANY($1) ORDER BY u.username`,
        [[...DEMO_USERNAMES]],
      );
      expect(users).toEqual([
        { username: 'admin', role: 'admin', dept: null, region: null },
        { username: 'city', role: 'city', dept: null, region: '370200' },
        { username: 'coordinator', role: 'coordinator', dept: null, region: SHANDONG },
        { username: 'department', role: 'department', dept: '青岛海关', region: null },
        { username: 'leader', role: 'leader', dept: null, region: SHANDONG },
      ]);
      expect(demoFirst.get('user').created + demoFirst.get('user').unchanged).toBe(5);
      expect(demoSecond.get('user')).toEqual({ created: 0, updated: 0, unchanged: 5 });
      await expect(bearer(t, 'coordinator', DEMO_PASSWORD)).resolves.toMatch(/^Bearer /);
    });

    it('moves the demo tasks once, as the lead department or the coordinator', async () => {
      const tasks = await tasksOf(t.db, GF_63, SHANDONG);
      for (const { seq, steps } of DEMO_PROGRESS) expect([seq, tasks.get(seq)!.status]).toEqual([seq, steps.at(-1)!.to]);
      const counts = (['in_progress', 'submitted', 'closed', 'blocked'] as const).map((s) => [...tasks.values()].filter((x) => x.status === s).length);
      expect(counts).toEqual([3, 2, 3, 1]);

      const [closeNotes] = await t.db.query(`SELECT count(*)::int AS n FROM task WHERE id = ANY($1) AND status = 'closed' AND close_note IS NOT NULL`, [[...tasks.values()].map((x) => x.id)]);
      expect(closeNotes.n).toBe(3);
      const [byDepartment] = await t.db.query(
        `SELECT count(*)::int AS n FROM audit_event WHERE entity_id = $1 AND action IN ('start', 'block') AND actor_username = 'department'`,
        [tasks.get(16)!.id],
      );
      expect(byDepartment.n).toBe(2);

      expect(demoSecond.changed).toBe(0);
      expect(demoAuditAfter).toBe(demoAuditBefore);
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

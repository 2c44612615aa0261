import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DashboardsService } from '#libs/dashboards';
import { createTestApp, TEST_NOW, TEST_TODAY, type TestApp } from './app.js';
import { bearer } from './auth-helper.js';
import { count, makeBatch, makeDepartment, makeProvinceWorld, makeUser } from './factories.js';

/**
 * A hand-built province, today = 2026-11-26 (period 2026Q4: 10-01..12-31). Nine tasks:
 *
 * | task | batch | domain   | lead | status         | due / deadline | notes                                             |
 * |------|-------|----------|------|----------------|----------------|---------------------------------------------------|
 * | t1   | A     | 贸易便利化 | L    | closed         | 2026-11-20     | closed 2026-11-18 (on time, in Q4)                |
 * | t2   | A     | 贸易便利化 | L    | in_progress    | 2026-09-15     | overdue 72 days; Q3 accepted + Q4 submitted report |
 * | t3   | A     | 投资管理  | O    | not_started    | 2026-12-05     | due in 9 days → yellow; Q4 report only a draft     |
 * | t4   | A     | 投资管理  | O    | submitted      | 2026-12-08     | due in 12 days but submitted → green; Q4 returned  |
 * | t5   | A     | (none)   | M    | in_progress    | 持续实施        | Q4 accepted report                                  |
 * | t6   | A     | 金融      | —    | not_applicable | 2026-12-31     |                                                   |
 * | t7   | B     | 贸易便利化 | O    | closed         | 2026-09-29     | closed 2026-09-29T17:30Z = 09-30 in Shanghai: late |
 * | t8   | B     | 金融      | L    | blocked        | 2027-03-31     | 125 days left; no report                           |
 * | t9   | B     | (none)   | —    | in_progress    | 2026-12-10     | due in exactly 14 days → yellow                    |
 *
 * Batch A tasks were created 2026-05-15, batch B 2026-08-01 (for the quarter-end snapshots).
 */
describe('dashboards: every figure against a hand-computed province', () => {
  let t: TestApp;
  let world: Awaited<ReturnType<typeof makeProvinceWorld>>;
  let a: Awaited<ReturnType<typeof makeBatch>>;
  let b: Awaited<ReturnType<typeof makeBatch>>;
  let deptM: { id: string; name: string };
  let county: { id: string };
  const task: Record<string, string> = {};
  const auth: Record<string, string> = {};
  const get = (path: string, who = 'leader') => t.http.get(path).set('Authorization', auth[who]);

  beforeAll(async () => {
    t = await createTestApp();
    world = await makeProvinceWorld(t.db);
    deptM = await makeDepartment(t.db, world.province);
    a = await makeBatch(t.db, [
      { name: '国际贸易单一窗口', deadlineDate: '2026-11-20' },
      { name: '货物状态分类监管', deadlineDate: '2026-09-15' },
      { name: '外商投资负面清单', deadlineDate: '2026-12-05' },
      { name: '企业准入单一窗口', deadlineDate: '2026-12-08' },
      { name: '社会信用体系建设', deadlineKind: 'ongoing', deadlineText: '持续实施' },
      { name: '融资租赁监管', deadlineDate: '2026-12-31' },
    ]);
    b = await makeBatch(t.db, [
      { name: '进口商品检验采信', deadlineDate: '2026-09-29' },
      { name: '跨境人民币结算', deadlineDate: '2027-03-31' },
      { name: '服务业扩大开放', deadlineDate: '2026-12-10' },
    ]);
    for (const [role, user] of Object.entries(world.users)) auth[role] = await bearer(t, user.username);
    auth.admin = await bearer(t, (await makeUser(t.db, 'admin')).username);
    const elsewhere = await makeProvinceWorld(t.db);
    auth.foreignLeader = await bearer(t, elsewhere.users.leader.username);

    for (const batch of [a, b]) {
      const res = await t.http.post(`/api/batches/${batch.batchId}/adopt`).set('Authorization', auth.coordinator).send({ regionId: world.province.id });
      expect(res.status).toBe(200);
      res.body.taskIds.forEach((id: string, i: number) => (task[`t${i + 1 + (batch === b ? 6 : 0)}`] = id));
    }
    const domains: Record<string, string | null> = { t1: '贸易便利化', t2: '贸易便利化', t3: '投资管理', t4: '投资管理', t5: null, t6: '金融', t7: '贸易便利化', t8: '金融', t9: null };
    const [L, O, M] = [world.leadDept.id, world.otherDept.id, deptM.id];
    const rows: Record<string, [string, string | null, string | null, string]> = {
      // status, lead, closed_at, created_at
      t1: ['closed', L, '2026-11-18T03:00:00Z', '2026-05-15T00:00:00Z'],
      t2: ['in_progress', L, null, '2026-05-15T00:00:00Z'],
      t3: ['not_started', O, null, '2026-05-15T00:00:00Z'],
      t4: ['submitted', O, null, '2026-05-15T00:00:00Z'],
      t5: ['in_progress', M, null, '2026-05-15T00:00:00Z'],
      t6: ['not_applicable', null, null, '2026-05-15T00:00:00Z'],
      t7: ['closed', O, '2026-09-29T17:30:00Z', '2026-08-01T00:00:00Z'],
      t8: ['blocked', L, null, '2026-08-01T00:00:00Z'],
      t9: ['in_progress', null, null, '2026-08-01T00:00:00Z'],
    };
    for (const [key, [status, lead, closedAt, createdAt]] of Object.entries(rows)) {
      await t.db.query(`UPDATE task SET status = $2, lead_department_id = $3, closed_at = $4, created_at = $5 WHERE id = $1`, [task[key], status, lead, closedAt, createdAt]);
      await t.db.query(`UPDATE reform_item SET domain = $2 FROM task WHERE task.id = $1 AND reform_item.id = task.reform_item_id`, [task[key], domains[key]]);
    }
    const report = (key: string, period: string, status: string, progress: string, problems: string | null = null) =>
      t.db.query(`INSERT INTO progress_report (task_id, period, status, progress, problems) VALUES ($1, $2, $3, $4, $5)`, [task[key], period, status, progress, problems]);
    await report('t2', '2026Q3', 'accepted', 'Q3进展：完成方案', null);
    await report('t2', '2026Q4', 'submitted', 'Q4进展：系统上线试运行', '数据接口未打通');
    await report('t3', '2026Q4', 'draft', '草稿');
    await report('t4', '2026Q4', 'returned', '被退回');
    await report('t5', '2026Q4', 'accepted', '持续推进');

    const [coastal, inland] = world.cities;
    [county] = await t.db.query(`INSERT INTO region (code, name, level, parent_id) VALUES ($1, '测试县', 'county', $2) RETURNING id`, [`k${Date.now().toString(36)}`.slice(0, 12), inland.id]);
    const rollout = (key: string, region: string, status: string, adoptedOn: string | null, implementedOn: string | null) =>
      t.db.query(
        `INSERT INTO rollout (task_id, region_id, status, adopted_on, implemented_on) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (task_id, region_id) DO UPDATE SET status = EXCLUDED.status, adopted_on = EXCLUDED.adopted_on, implemented_on = EXCLUDED.implemented_on`,
        [task[key], region, status, adoptedOn, implementedOn],
      );
    await rollout('t1', coastal.id, 'implemented', '2026-10-15', '2026-11-02');
    await rollout('t2', coastal.id, 'adopted', '2026-09-20', null);
    await rollout('t3', coastal.id, 'adopted', '2026-11-10', null);
    await rollout('t7', coastal.id, 'implemented', '2026-08-01', '2026-09-15');
    await rollout('t8', coastal.id, 'not_applicable', null, null);
    await t.db.query(`DELETE FROM rollout WHERE task_id = $1 AND region_id = $2`, [task.t9, coastal.id]);
    await rollout('t1', inland.id, 'implemented', '2026-11-01', '2026-11-20');
    await rollout('t6', inland.id, 'implemented', '2026-11-01', '2026-11-20'); // a not-applicable task: never counted
    await rollout('t5', county.id, 'implemented', '2026-10-08', '2026-10-20'); // a county counts for its city
  }, 30_000);
  afterAll(() => t.close());

  describe('summary', () => {
    it('counts statuses, completion, overdue, due soon and missing reports by hand', async () => {
      const res = await get('/api/dashboard/summary');
      expect(res.status).toBe(200);
      expect(res.body.scope).toMatchObject({ provinceId: world.province.id, period: '2026Q4', periodLabel: '2026年第四季度', today: TEST_TODAY });
      expect(res.body).toMatchObject({
        total: 9,
        applicable: 8, // all but t6
        notApplicable: 1,
        closed: 2, // t1, t7
        completionRate: 0.25, // 2 / 8
        overdue: 1, // t2 (due 09-15)
        dueSoon: 3, // t3 12-05, t4 12-08, t9 12-10 (= today + 14, inclusive)
        closedInPeriod: 1, // t1 (11-18); t7 closed in Q3
        reportsMissing: 3, // open with a lead: t2 ✓, t3 draft ✗, t4 returned ✗, t5 ✓, t8 none ✗
      });
      const byStatus = Object.fromEntries(res.body.byStatus.map((s: { status: string; count: number }) => [s.status, s.count]));
      expect(byStatus).toEqual({ not_started: 1, in_progress: 3, submitted: 1, closed: 2, blocked: 1, not_applicable: 1 });
      expect(res.body.byStatus.find((s: { status: string }) => s.status === 'closed').label).toBe('已销号');
      const batches = Object.fromEntries(res.body.byBatch.map((x: { batchId: string }) => [x.batchId, x]));
      // A: t1..t6 → applicable 5, closed 1 (t1) → 1/5; B: t7..t9 → closed 1 (t7) → 1/3
      expect(batches[a.batchId]).toMatchObject({ total: 6, applicable: 5, closed: 1, completionRate: 0.2, overdue: 1, dueSoon: 2, closedInPeriod: 1 });
      expect(batches[b.batchId]).toMatchObject({ total: 3, applicable: 3, closed: 1, completionRate: 0.3333, overdue: 0, dueSoon: 1, closedInPeriod: 0 });
    });

    it('narrows by batch, domain, lead department, city and period', async () => {
      const batchB = await get(`/api/dashboard/summary?batchId=${b.batchId}`);
      expect(batchB.body).toMatchObject({ total: 3, applicable: 3, closed: 1, completionRate: 0.3333, overdue: 0, dueSoon: 1 });
      const unclassified = await get(`/api/dashboard/summary?domain=${encodeURIComponent('未分类')}`);
      expect(unclassified.body).toMatchObject({ total: 2, closed: 0, completionRate: 0, dueSoon: 1 }); // t5, t9
      const lead = await get(`/api/dashboard/summary?departmentId=${world.leadDept.id}`);
      expect(lead.body).toMatchObject({ total: 3, closed: 1, overdue: 1, dueSoon: 0, reportsMissing: 1 }); // t1, t2, t8
      // The coastal city has rollouts of every task but t9: 8 tasks, t6 not applicable, closed t1 + t7 → 2/7
      const city = await get(`/api/dashboard/summary?regionId=${world.cities[0].id}`);
      expect(city.body).toMatchObject({ total: 8, applicable: 7, closed: 2, completionRate: 0.2857, dueSoon: 2 });
      expect(city.body.scope).toMatchObject({ cityId: world.cities[0].id, provinceId: world.province.id });
      // Q3: t7 closed on 09-30 (Shanghai); missing Q3 reports: t3, t4, t5, t8 (t2 has its Q3 report)
      const q3 = await get('/api/dashboard/summary?period=2026Q3');
      expect(q3.body).toMatchObject({ closedInPeriod: 1, reportsMissing: 4, closed: 2 });
    });

    it('counts the tasks 待确认 of the province (not one set aside as not applicable), and narrows them like every figure', async () => {
      expect((await get('/api/dashboard/summary')).body.pendingDecision).toBe(0);
      await t.db.query(`UPDATE task SET pending_decision = '有意愿的' WHERE id = ANY($1::uuid[])`, [[task.t3, task.t9, task.t6, task.t8]]);
      try {
        // The coordinator decides t8 (an audited write: the dashboards' cached answers end with it).
        const decided = await t.http.post(`/api/tasks/${task.t8}/applicability`).set('Authorization', auth.coordinator).send({ applies: true });
        expect(decided.status).toBe(200);
        const pending = (await get('/api/dashboard/summary')).body;
        expect(pending.pendingDecision).toBe(2); // t3, t9; t6 is not applicable, t8 decided
        // A task 待确认 is not chased for its report, so it is not missing one either: t3's draft no longer counts.
        expect(pending.reportsMissing).toBe(2); // t4 returned, t8 none
        expect((await get(`/api/dashboard/summary?batchId=${b.batchId}`)).body.pendingDecision).toBe(1); // t9
        expect((await get(`/api/dashboard/summary?departmentId=${world.otherDept.id}`)).body.pendingDecision).toBe(1); // t3
        expect((await get('/api/dashboard/summary', 'coordinator')).body.pendingDecision).toBe(2);
      } finally {
        await t.db.query(`UPDATE task SET pending_decision = NULL, applicability_overridden = false WHERE id = ANY($1::uuid[])`, [[task.t3, task.t9, task.t6, task.t8]]);
      }
    });

    it('refuses bad periods, other provinces and admins without a province, and lets admins choose one', async () => {
      const future = await get('/api/dashboard/summary?period=2027Q1');
      expect(future.status).toBe(400);
      expect(future.body.errors[0].field).toBe('period');
      expect((await get('/api/dashboard/summary?period=2026-Q3')).status).toBe(400);
      expect((await get(`/api/dashboard/summary?regionId=${world.province.id}`, 'foreignLeader')).status).toBe(403);
      const adminNoRegion = await get('/api/dashboard/summary', 'admin');
      expect(adminNoRegion.status).toBe(400);
      expect(adminNoRegion.body.errors[0].field).toBe('regionId');
      const admin = await get(`/api/dashboard/summary?regionId=${world.province.id}`, 'admin');
      expect(admin.body).toMatchObject({ total: 9, closed: 2, overdue: 1 });
      for (const role of ['coordinator', 'department', 'city']) expect((await get('/api/dashboard/summary', role)).body.total).toBe(9);
      expect((await t.http.get('/api/dashboard/summary')).status).toBe(401);
    });
  });

  it('ranks lead departments: completion, then fewer overdue, with on-time rate and missing reports', async () => {
    const res = await get('/api/dashboard/departments');
    expect(res.status).toBe(200);
    // O: t3, t4, t7 → closed 1/3, t7 closed 09-30 Shanghai after due 09-29 → on time 0/1; overdue 0; missing t3, t4
    // L: t1, t2, t8 → closed 1/3, t1 on time → 1/1; overdue 1 (t2); missing t8
    // M: t5 → 0/1, nothing closed → on-time rate null
    // O and L tie on 1/3; O has fewer overdue → O first.
    expect(res.body.items).toEqual([
      { rank: 1, departmentId: world.otherDept.id, departmentName: world.otherDept.name, assigned: 3, closed: 1, completionRate: 0.3333, closedOnTime: 0, onTimeRate: 0, overdue: 0, closedInPeriod: 0, reportsMissing: 2 },
      { rank: 2, departmentId: world.leadDept.id, departmentName: world.leadDept.name, assigned: 3, closed: 1, completionRate: 0.3333, closedOnTime: 1, onTimeRate: 1, overdue: 1, closedInPeriod: 1, reportsMissing: 1 },
      { rank: 3, departmentId: deptM.id, departmentName: deptM.name, assigned: 1, closed: 0, completionRate: 0, closedOnTime: 0, onTimeRate: null, overdue: 0, closedInPeriod: 0, reportsMissing: 0 },
    ]);
    const q3 = await get('/api/dashboard/departments?period=2026Q3');
    // In Q3 O closed t7 and missed t3 + t4; L missed t8 only (t2 reported Q3); M missed t5.
    expect(q3.body.items.map((d: { departmentId: string; closedInPeriod: number; reportsMissing: number }) => [d.departmentId, d.closedInPeriod, d.reportsMissing])).toEqual([
      [world.otherDept.id, 1, 2],
      [world.leadDept.id, 0, 1],
      [deptM.id, 0, 1],
    ]);
  });

  it('maps cities: adopted (incl. implemented), implemented, applicable rollouts, counties rolled up', async () => {
    const res = await get('/api/dashboard/regions');
    const [coastal, inland] = world.cities;
    // coastal: rollouts of t1..t5, t7, t8 (t9's deleted, t6's task not applicable) = 7, minus t8's not_applicable = 6;
    //   adopted t1, t2, t3, t7 = 4 → 4/6; implemented t1, t7 = 2 → 2/6; in Q4: adopted t1 (10-15), t3 (11-10); implemented t1 (11-02)
    // inland: city rollouts of the 8 applicable tasks + the county's t5 = 9; adopted = implemented = t1, t5 → 2/9; both in Q4
    expect(res.body.items).toEqual([
      { rank: 1, regionId: coastal.id, regionName: coastal.name, total: 6, adopted: 4, implemented: 2, adoptionRate: 0.6667, implementationRate: 0.3333, adoptedInPeriod: 2, implementedInPeriod: 1 },
      { rank: 2, regionId: inland.id, regionName: inland.name, total: 9, adopted: 2, implemented: 2, adoptionRate: 0.2222, implementationRate: 0.2222, adoptedInPeriod: 2, implementedInPeriod: 2 },
    ]);
    const onlyInland = await get(`/api/dashboard/regions?regionId=${inland.id}`);
    expect(onlyInland.body.items).toHaveLength(1);
    expect(onlyInland.body.items[0]).toMatchObject({ regionId: inland.id, total: 9, implemented: 2 });
    const batchA = await get(`/api/dashboard/regions?batchId=${a.batchId}`);
    // batch A only: coastal t1..t5 = 5 (adopted t1, t2, t3; implemented t1); inland t1..t5 + county t5 = 6 (implemented t1, t5)
    expect(batchA.body.items.map((r: { total: number; adopted: number; implemented: number }) => [r.total, r.adopted, r.implemented])).toEqual([
      [6, 2, 2], // inland: 2/6 implemented beats coastal's 1/5
      [5, 3, 1],
    ]);
  });

  it('groups completion by domain with 未分类 for items without one', async () => {
    const res = await get('/api/dashboard/domains');
    const byDomain = Object.fromEntries(res.body.items.map((d: { domain: string }) => [d.domain, d]));
    // 贸易便利化: t1 ✓, t2 overdue, t7 ✓ → 2/3; 投资管理: t3, t4 → 0/2; 金融: t6 n/a, t8 → 0/1; 未分类: t5, t9 → 0/2
    expect(byDomain['贸易便利化']).toMatchObject({ total: 3, applicable: 3, closed: 2, completionRate: 0.6667, overdue: 1, dueSoon: 0 });
    expect(byDomain['投资管理']).toMatchObject({ total: 2, applicable: 2, closed: 0, completionRate: 0, dueSoon: 2 });
    expect(byDomain['金融']).toMatchObject({ total: 2, applicable: 1, closed: 0, completionRate: 0 });
    expect(byDomain['未分类']).toMatchObject({ total: 2, applicable: 2, closed: 0, dueSoon: 1 });
    expect(res.body.items[0].domain).toBe('贸易便利化');
    const filtered = await get(`/api/dashboard/domains?domain=${encodeURIComponent('金融')}`);
    expect(filtered.body.items.map((d: { domain: string }) => d.domain)).toEqual(['金融']);
  });

  it('lights open tasks red / yellow / green with days and the latest report', async () => {
    const res = await get('/api/dashboard/traffic-lights');
    // open: t2 red; t3 (9 days) and t9 (14 days) yellow; t4 (submitted), t5 (ongoing), t8 (125 days) green
    expect(res.body.counts).toEqual({ red: 1, yellow: 2, green: 3 });
    expect(res.body.items.map((i: { taskId: string; light: string; daysOverdue: number | null; daysLeft: number | null }) => [i.taskId, i.light, i.daysOverdue, i.daysLeft])).toEqual([
      [task.t2, 'red', 72, null], // 09-15 → 11-26: 15 + 31 + 26
      [task.t3, 'yellow', null, 9],
      [task.t9, 'yellow', null, 14],
      [task.t4, 'green', null, 12],
      [task.t8, 'green', null, 125], // 4 + 31 + 31 + 28 + 31
      [task.t5, 'green', null, null],
    ]);
    const red = res.body.items[0];
    expect(red).toMatchObject({ lightLabel: '逾期', statusLabel: '推进中', leadDepartment: { id: world.leadDept.id }, reportedInPeriod: true });
    expect(red.latestReport).toEqual({ period: '2026Q4', status: 'submitted', progress: 'Q4进展：系统上线试运行', problems: '数据接口未打通' });
    expect(res.body.items[1]).toMatchObject({ reportedInPeriod: false, latestReport: null }); // t3 only has a draft

    const onlyRedYellow = await get('/api/dashboard/traffic-lights?light=red,yellow&period=2026Q3');
    expect(onlyRedYellow.body.counts).toEqual({ red: 1, yellow: 2, green: 3 });
    expect(onlyRedYellow.body.items).toHaveLength(3);
    expect(onlyRedYellow.body.items[0].latestReport.period).toBe('2026Q3'); // the latest up to Q3
    expect((await get('/api/dashboard/traffic-lights?light=blue')).status).toBe(400);
  });

  it('trends: past quarters frozen as at their end, the current quarter live', async () => {
    const res = await get('/api/dashboard/trend?quarters=3');
    expect(res.status).toBe(200);
    // Q2 (to 06-30): only batch A existed → 6 tasks, 5 applicable, none closed, none due yet
    // Q3 (to 09-30, 24:00 Shanghai): 9 tasks, 8 applicable; t7 closed 09-30 01:30 Shanghai → 1/8; t2 due 09-15 open → overdue 1
    // Q4 live = the summary: 2/8, overdue 1
    expect(res.body.points).toEqual([
      { period: '2026Q2', label: '2026年第二季度', total: 6, applicable: 5, closed: 0, overdue: 0, completionRate: 0, source: 'snapshot' },
      { period: '2026Q3', label: '2026年第三季度', total: 9, applicable: 8, closed: 1, overdue: 1, completionRate: 0.125, source: 'snapshot' },
      { period: '2026Q4', label: '2026年第四季度', total: 9, applicable: 8, closed: 2, overdue: 1, completionRate: 0.25, source: 'live' },
    ]);
    expect(await count(t.db, 'quarter_snapshot', `province_id = $1 AND filter_key = ''`, [world.province.id])).toBe(2);

    // Batch B alone is snapshotted under its own key: Q3 → t7, t8, t9, t7 closed → 1/3
    const batchB = await get(`/api/dashboard/trend?quarters=2&batchId=${b.batchId}`);
    expect(batchB.body.points[0]).toMatchObject({ period: '2026Q3', total: 3, applicable: 3, closed: 1, overdue: 0, source: 'snapshot' });
    expect(await count(t.db, 'quarter_snapshot', 'province_id = $1 AND filter_key = $2', [world.province.id, `batch=${b.batchId}`])).toBe(1);

    // Reopening t7 now changes the live quarter but not the frozen Q3 — on the very next request: the write
    // commits an audited change, which the cached answers of the dashboards do not outlive.
    const reopened = await t.http.post(`/api/tasks/${task.t7}/transitions`).set('Authorization', auth.coordinator).send({ to: 'in_progress', reason: '复核发现未全面落实' });
    expect(reopened.status).toBe(200);
    const after = await get('/api/dashboard/trend?quarters=3');
    expect(after.body.points[1]).toMatchObject({ period: '2026Q3', closed: 1, overdue: 1, source: 'snapshot' });
    expect(after.body.points[2]).toMatchObject({ period: '2026Q4', closed: 1, overdue: 2, source: 'live' }); // t7 now overdue too
    expect(await count(t.db, 'quarter_snapshot', `province_id = $1 AND filter_key = ''`, [world.province.id])).toBe(2);

    // A trend ending at a past period holds only snapshots.
    const past = await get('/api/dashboard/trend?quarters=2&period=2026Q3');
    expect(past.body.points.map((p: { period: string; source: string }) => `${p.period}:${p.source}`)).toEqual(['2026Q2:snapshot', '2026Q3:snapshot']);
    expect((await get('/api/dashboard/trend?quarters=13')).status).toBe(400);
  });

  it('freezes the quarter that just ended for every province with tasks, once (the worker runs this at quarter start)', async () => {
    t.clock.set('2027-01-01T00:05:00+08:00');
    try {
      const dashboards = t.app.get(DashboardsService);
      const first = await dashboards.snapshotEndedQuarter();
      expect(first.period).toBe('2026Q4');
      expect(first.provinces).toBeGreaterThanOrEqual(1);
      // At 2026-12-31 24:00: 9 tasks, 8 applicable; closed only t1 (t7 was reopened above);
      // overdue = due by 12-31 and not closed: t2, t3, t4 (submitted is not closed), t7, t9 → 5
      const [row] = await t.db.query(`SELECT total, applicable, closed, overdue FROM quarter_snapshot WHERE province_id = $1 AND period = '2026Q4' AND filter_key = ''`, [world.province.id]);
      expect(row).toEqual({ total: 9, applicable: 8, closed: 1, overdue: 5 });
      await t.db.query(`UPDATE task SET status = 'closed', closed_at = now() WHERE id = $1`, [task.t2]);
      await dashboards.snapshotEndedQuarter();
      expect(await count(t.db, 'quarter_snapshot', `province_id = $1 AND period = '2026Q4' AND filter_key = '' AND closed = 1`, [world.province.id])).toBe(1);
    } finally {
      t.clock.set(TEST_NOW);
    }
  });
});

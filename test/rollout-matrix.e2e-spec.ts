import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createTestApp, TEST_TODAY, type TestApp } from './app.js';
import { bearer } from './auth-helper.js';
import { count, makeBatch, makeProvinceWorld, makeUser } from './factories.js';

describe('rollout matrix (承接落实矩阵) and bulk update', () => {
  let t: TestApp;
  let world: Awaited<ReturnType<typeof makeProvinceWorld>>;
  let batchA: string;
  let batchB: string;
  let taskIds: string[];
  const auth: Record<string, string> = {};
  /** rollout ids by "<task index>:<city index>" */
  const r: Record<string, string> = {};

  beforeAll(async () => {
    t = await createTestApp();
    world = await makeProvinceWorld(t.db);
    for (const [role, user] of Object.entries(world.users)) auth[role] = await bearer(t, user.username);
    auth.admin = await bearer(t, (await makeUser(t.db, 'admin')).username);
    batchA = (await makeBatch(t.db, [{ name: '国际贸易单一窗口' }, { name: '证照分离改革' }])).batchId;
    batchB = (await makeBatch(t.db, [{ name: '融资租赁监管' }])).batchId;
    taskIds = [];
    for (const b of [batchA, batchB]) taskIds.push(...(await t.http.post(`/api/batches/${b}/adopt`).set('Authorization', auth.coordinator).send({ regionId: world.province.id })).body.taskIds);
    for (const x of await t.db.query('SELECT id, task_id, region_id FROM rollout WHERE task_id = ANY($1)', [taskIds])) {
      r[`${taskIds.indexOf(x.task_id)}:${world.cities.findIndex((c) => c.id === x.region_id)}`] = x.id;
    }
    await t.db.query(`UPDATE rollout SET status = 'adopted', adopted_on = '2026-11-01' WHERE id = ANY($1)`, [[r['0:0'], r['2:0']]]);
    await t.db.query(`UPDATE rollout SET status = 'implemented', adopted_on = '2026-10-01', implemented_on = '2026-11-20' WHERE id = $1`, [r['1:0']]);
    await t.db.query(`UPDATE rollout SET status = 'not_applicable', note = '无相关产业' WHERE id = $1`, [r['0:1']]);
  });
  afterAll(() => t.close());

  const matrix = (role: string, query: Record<string, string> = {}) => t.http.get('/api/rollouts/matrix').query(query).set('Authorization', auth[role]);

  it('counts each row, city and the whole province as the rollout table does', async () => {
    const res = await matrix('coordinator');
    expect(res.status).toBe(200);
    expect(res.body.cities.map((c: { id: string }) => c.id).sort()).toEqual(world.cities.map((c) => c.id).sort());
    expect(res.body.rows).toHaveLength(3);
    expect(res.body.totals).toEqual({ not_started: 2, adopted: 2, implemented: 1, not_applicable: 1, total: 6 });
    const coastal = res.body.cities.find((c: { id: string }) => c.id === world.cities[0].id);
    expect(coastal.counts).toEqual({ not_started: 0, adopted: 2, implemented: 1, not_applicable: 0, total: 3 });
    const first = res.body.rows.find((row: { taskId: string }) => row.taskId === taskIds[0]);
    expect(first).toMatchObject({ itemName: '国际贸易单一窗口', counts: { adopted: 1, not_applicable: 1, total: 2 } });
    expect(first.cells).toContainEqual({ rolloutId: r['0:0'], regionId: world.cities[0].id, status: 'adopted' });
    const sql = await count(t.db, 'rollout', `status = 'adopted' AND task_id = ANY($1)`, [taskIds]);
    expect(res.body.totals.adopted).toBe(sql);
  });

  it('filters by batch, asks an admin for the province and keeps other roles to their own', async () => {
    expect((await matrix('coordinator', { batchId: batchB })).body.totals).toEqual({ not_started: 1, adopted: 1, implemented: 0, not_applicable: 0, total: 2 });
    expect((await matrix('admin')).status).toBe(400);
    expect((await matrix('admin', { regionId: world.province.id })).body.totals.total).toBe(6);
    expect((await matrix('leader')).status).toBe(200);
    expect((await matrix('coordinator', { regionId: world.cities[0].id })).status).toBe(403);
    expect((await matrix('city')).status).toBe(403);
    expect((await matrix('department')).status).toBe(403);
  });

  it('lets a city adopt several items at once, all or none, with one audit row each', async () => {
    const bulk = (role: string, body: object) => t.http.patch('/api/rollouts/bulk').set('Authorization', auth[role]).send(body);
    const audits = () => count(t.db, 'audit_event', `entity_type = 'rollout' AND entity_id = ANY($1)`, [[r['0:0'], r['2:0'], r['0:1']]]);
    const before = await audits();
    // Another city's row in the set: refused, nothing written.
    expect((await bulk('city', { ids: [r['2:0'], r['0:1']], status: 'adopted' })).status).toBe(403);
    // A date after today for one of them: refused with the item's name, nothing written.
    const late = await bulk('city', { ids: [r['0:0'], r['2:0']], status: 'implemented', implementedOn: '2026-12-31' });
    expect(late.status).toBe(400);
    expect(late.body.errors[0].messages[0]).toContain('落实日期不能晚于今天');
    expect(await audits()).toBe(before);

    const ok = await bulk('city', { ids: [r['0:0'], r['2:0']], status: 'implemented', note: '已出台实施细则' });
    expect(ok.status).toBe(200);
    expect(ok.body.map((v: { id: string; status: string; implementedOn: string }) => [v.id, v.status, v.implementedOn])).toEqual([
      [r['0:0'], 'implemented', TEST_TODAY],
      [r['2:0'], 'implemented', TEST_TODAY],
    ]);
    expect(ok.body[0]).toMatchObject({ statusLabel: '已落实', evidenceCount: 0, task: { deadlineLabel: expect.any(String) } });
    expect(await count(t.db, 'rollout', `id = ANY($1) AND status = 'implemented' AND adopted_on = '2026-11-01' AND note = '已出台实施细则'`, [[r['0:0'], r['2:0']]])).toBe(2);
    expect(await audits()).toBe(before + 2);
    expect((await bulk('leader', { ids: [r['0:0']], status: 'adopted' })).status).toBe(403);
    expect((await bulk('city', { ids: [], status: 'adopted' })).status).toBe(400);
    expect((await bulk('city', { ids: [r['0:0']] })).status).toBe(400);
  });
});

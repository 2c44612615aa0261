import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createTestApp, TEST_NOW, TEST_TODAY, type TestApp } from './app.js';
import { bearer } from './auth-helper.js';
import { count, makeBatch, makeProvinceWorld } from './factories.js';

describe('city rollout (承接 / 落实)', () => {
  let t: TestApp;
  let world: Awaited<ReturnType<typeof makeProvinceWorld>>;
  let batchId: string;
  const auth: Record<string, string> = {};
  /** rollout ids by "<task index>:<coastal|inland|county>" */
  const r: Record<string, string> = {};
  let taskIds: string[];

  const patch = (id: string, role: string, body: object) => t.http.patch(`/api/rollouts/${id}`).set('Authorization', auth[role]).send(body);
  const row = async (id: string) =>
    (await t.db.query(`SELECT status, to_char(adopted_on, 'YYYY-MM-DD') AS adopted, to_char(implemented_on, 'YYYY-MM-DD') AS implemented, note, updated_by FROM rollout WHERE id = $1`, [id]))[0];
  const audits = (id: string) => count(t.db, 'audit_event', `entity_type = 'rollout' AND entity_id = $1`, [id]);

  beforeAll(async () => {
    t = await createTestApp();
    world = await makeProvinceWorld(t.db);
    const stranger = await makeProvinceWorld(t.db);
    const [coastal, inland] = world.cities;
    const [county] = await t.db.query(`INSERT INTO region (code, name, level, parent_id) VALUES ($1, '测试区', 'county', $2) RETURNING id`, [`x${Date.now().toString(36)}`.slice(0, 12), coastal.id]);
    const batch = await makeBatch(t.db, [{ name: '国际贸易单一窗口' }, { name: '证照分离改革' }]);
    batchId = batch.batchId;
    for (const [role, user] of Object.entries(world.users)) auth[role] = await bearer(t, user.username);
    auth.stranger = await bearer(t, stranger.users.coordinator.username);
    const adopted = await t.http.post(`/api/batches/${batchId}/adopt`).set('Authorization', auth.coordinator).send({ regionId: world.province.id });
    taskIds = adopted.body.taskIds;
    // Adoption rolls out to cities; a district's own row is added by hand, as a county-level rollout.
    await t.db.query('INSERT INTO rollout (task_id, region_id) VALUES ($1, $2)', [taskIds[0], county.id]);
    const names = new Map([[coastal.id, 'coastal'], [inland.id, 'inland'], [county.id, 'county']]);
    for (const x of await t.db.query('SELECT id, task_id, region_id FROM rollout WHERE task_id = ANY($1)', [taskIds])) r[`${taskIds.indexOf(x.task_id)}:${names.get(x.region_id)}`] = x.id;
  });
  afterAll(() => t.close());

  describe('listing', () => {
    const list = (role: string, query: Record<string, string | number> = {}) => t.http.get('/api/rollouts').query({ batchId, ...query }).set('Authorization', auth[role]);
    const ids = (res: { body: { items: { id: string }[] } }) => res.body.items.map((x) => x.id).sort();

    it('shows a city user only its own city and the districts under it', async () => {
      const res = await list('city');
      expect(res.status).toBe(200);
      expect(res.body.total).toBe(3);
      expect(ids(res)).toEqual([r['0:coastal'], r['0:county'], r['1:coastal']].sort());
      expect(res.body.items[0]).toMatchObject({ status: 'not_started', statusLabel: '未承接', task: { reformItemName: '国际贸易单一窗口', batchId } });
    });

    it('shows everyone else in the province all of its rollouts, and other provinces none', async () => {
      for (const role of ['coordinator', 'leader', 'department']) expect((await list(role)).body.total).toBe(5);
      expect((await list('stranger')).body.total).toBe(0);
    });

    it('filters by region (a city includes its districts), task and status, and pages', async () => {
      expect(ids(await list('coordinator', { regionId: world.cities[0].id }))).toEqual([r['0:coastal'], r['0:county'], r['1:coastal']].sort());
      expect(ids(await list('coordinator', { regionId: world.cities[1].id }))).toEqual([r['0:inland'], r['1:inland']].sort());
      expect((await list('coordinator', { taskId: taskIds[1] })).body.total).toBe(2);
      expect((await list('coordinator', { status: 'adopted,implemented' })).body.total).toBe(0);
      const page = await list('coordinator', { pageSize: 2, page: 3 });
      expect(page.body).toMatchObject({ total: 5, page: 3, pageSize: 2 });
      expect(page.body.items).toHaveLength(1);
      expect((await list('coordinator', { status: 'done' })).status).toBe(400);
    });

    it('answers a single rollout outside the caller’s sight with 404', async () => {
      expect((await t.http.get(`/api/rollouts/${r['0:inland']}`).set('Authorization', auth.city)).status).toBe(404);
      expect((await t.http.get(`/api/rollouts/${r['0:inland']}`).set('Authorization', auth.stranger)).status).toBe(404);
      const res = await t.http.get(`/api/rollouts/${r['0:inland']}`).set('Authorization', auth.leader);
      expect(res.status).toBe(200);
      expect(res.body.region).toMatchObject({ id: world.cities[1].id, level: 'city' });
    });
  });

  describe('recording adoption and implementation', () => {
    it('lets a city user adopt in its own city (dated today by default) and audits before/after', async () => {
      const res = await patch(r['0:coastal'], 'city', { status: 'adopted', note: '已印发实施方案' });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ status: 'adopted', statusLabel: '已承接', adoptedOn: TEST_TODAY, implementedOn: null, note: '已印发实施方案' });
      expect(await row(r['0:coastal'])).toEqual({ status: 'adopted', adopted: TEST_TODAY, implemented: null, note: '已印发实施方案', updated_by: world.users.city.id });
      const [audit] = await t.db.query(`SELECT actor_id, before, after FROM audit_event WHERE entity_type = 'rollout' AND entity_id = $1`, [r['0:coastal']]);
      expect(audit).toEqual({
        actor_id: world.users.city.id,
        before: { status: 'not_started', adoptedOn: null, implementedOn: null, note: null },
        after: { status: 'adopted', adoptedOn: TEST_TODAY, implementedOn: null, note: '已印发实施方案' },
      });
      expect((await patch(r['0:county'], 'city', { status: 'adopted', adoptedOn: '2026-10-08' })).status).toBe(200);
    });

    it('refuses a city user another city (403) and departments and leaders (403), writing nothing', async () => {
      for (const role of ['city', 'department', 'leader']) {
        expect({ role, status: (await patch(r['0:inland'], role, { status: 'adopted' })).status }).toEqual({ role, status: 403 });
      }
      expect((await patch(r['0:inland'], 'stranger', { status: 'adopted' })).status).toBe(404);
      expect(await row(r['0:inland'])).toMatchObject({ status: 'not_started', adopted: null, updated_by: null });
      expect(await audits(r['0:inland'])).toBe(0);
      const coordinator = await patch(r['0:inland'], 'coordinator', { status: 'adopted', adoptedOn: '2026-09-30' });
      expect(coordinator.status).toBe(200);
      expect(await audits(r['0:inland'])).toBe(1);
    });

    it('checks dates: none in the future, implementation not before adoption, real calendar days', async () => {
      const cases: [object, string][] = [
        [{ status: 'implemented', implementedOn: '2026-11-27' }, 'implementedOn'],
        [{ status: 'implemented', implementedOn: '2026-11-01' }, 'implementedOn'],
        [{ adoptedOn: '2026-02-30' }, 'adoptedOn'],
        [{ status: 'adopted', implementedOn: '2026-11-20' }, 'implementedOn'],
        [{ status: 'not_applicable' }, 'note'],
        [{ status: 'finished' }, 'status'],
        [{}, 'status'],
      ];
      for (const [body, field] of cases) {
        const res = await patch(r['0:coastal'], 'city', body);
        expect({ body, status: res.status }).toEqual({ body, status: 400 });
        expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
      }
      expect(await row(r['0:coastal'])).toMatchObject({ status: 'adopted', adopted: TEST_TODAY, implemented: null });
      expect(await audits(r['0:coastal'])).toBe(1);
    });

    it('sets implementedOn to today when implemented without a date, keeping the adoption date', async () => {
      const res = await patch(r['0:inland'], 'coordinator', { status: 'implemented' });
      expect(res.body).toMatchObject({ status: 'implemented', statusLabel: '已落实', adoptedOn: '2026-09-30', implementedOn: TEST_TODAY });
    });

    it('treats implementation as adoption too, against the clock of the day', async () => {
      t.clock.set('2026-12-01T02:00:00Z');
      try {
        const res = await patch(r['1:coastal'], 'city', { status: 'implemented', implementedOn: '2026-11-30' });
        expect(res.status).toBe(200);
        expect(await row(r['1:coastal'])).toMatchObject({ status: 'implemented', adopted: '2026-11-30', implemented: '2026-11-30' });
      } finally {
        t.clock.set(TEST_NOW);
      }
    });

    it('marks a rollout not applicable with a reason, clearing its dates', async () => {
      const res = await patch(r['0:county'], 'city', { status: 'not_applicable', note: '本区无相关业务' });
      expect(res.body).toMatchObject({ status: 'not_applicable', statusLabel: '不适用', adoptedOn: null, implementedOn: null, note: '本区无相关业务' });
      expect(await row(r['0:county'])).toMatchObject({ status: 'not_applicable', adopted: null, implemented: null });
    });
  });

  describe('rollout evidence', () => {
    const PDF = Buffer.from('%PDF-1.4\n%%EOF\n');
    const upload = (taskId: string, role: string, rolloutId: string) =>
      t.http.post(`/api/tasks/${taskId}/evidence`).set('Authorization', auth[role]).field('rolloutId', rolloutId).attach('file', PDF, '落实情况.pdf');

    it('lets the city attach evidence to its own rollout only', async () => {
      const res = await upload(taskIds[0], 'city', r['0:coastal']);
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ purpose: 'rollout', purposeLabel: '承接落实佐证', rolloutId: r['0:coastal'] });
      const before = await count(t.db, 'evidence_file', 'task_id = ANY($1)', [taskIds]);
      expect((await upload(taskIds[0], 'city', r['0:inland'])).status).toBe(403);
      expect((await upload(taskIds[0], 'department', r['0:coastal'])).status).toBe(403);
      const otherTask = await upload(taskIds[1], 'city', r['0:coastal']);
      expect(otherTask.status).toBe(400);
      expect(otherTask.body.errors[0].field).toBe('rolloutId');
      expect(await count(t.db, 'evidence_file', 'task_id = ANY($1)', [taskIds])).toBe(before);
    });
  });
});

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createTestApp, type TestApp } from './app.js';
import { bearer } from './auth-helper.js';
import { count, makeBatch, makeProvinceWorld } from './factories.js';

describe('adoption preview and overrides: GET /api/batches/:id/adoption-preview, POST /api/batches/:id/adopt {overrides}', () => {
  let t: TestApp;
  let world: Awaited<ReturnType<typeof makeProvinceWorld>>;
  let other: Awaited<ReturnType<typeof makeProvinceWorld>>;
  const auth: Record<string, string> = {};

  const preview = (batchId: string, regionId: string, who = 'coordinator') => t.http.get(`/api/batches/${batchId}/adoption-preview?regionId=${regionId}`).set('Authorization', auth[who]!);
  const adopt = (batchId: string, body: object, who = 'coordinator') => t.http.post(`/api/batches/${batchId}/adopt`).set('Authorization', auth[who]!).send({ regionId: world.province.id, ...body });
  const fourItems = () =>
    makeBatch(t.db, [
      { name: '全国推广事项' },
      { name: '沿海推广事项', scope: { kind: 'coastal', label: '沿海地区' } },
      { name: '范围不明事项', scope: { kind: 'unparsed', label: '特定区域' }, scopeText: '具备条件的地区' },
      { name: '海关特殊监管区域事项', scope: { kind: 'special_customs_zone', label: '海关特殊监管区域' } },
    ]);
  const tasksOf = (batchId: string) =>
    t.db.query(
      `SELECT i.seq, t.id, t.status, t.status_reason, t.not_applicable_reason, t.applicability_overridden, (SELECT count(*)::int FROM rollout r WHERE r.task_id = t.id) AS rollouts
       FROM task t JOIN reform_item i ON i.id = t.reform_item_id WHERE i.batch_id = $1 AND t.region_id = $2 ORDER BY i.seq`,
      [batchId, world.province.id],
    );

  beforeAll(async () => {
    t = await createTestApp();
    // Inland, with a special customs zone: coastal items do not apply; its coastal city has the zone.
    world = await makeProvinceWorld(t.db, { coastal: false, has_ftz: false, has_special_customs_zone: true });
    other = await makeProvinceWorld(t.db);
    for (const [role, user] of Object.entries(world.users)) auth[role] = await bearer(t, user.username);
    auth.otherCoordinator = await bearer(t, other.users.coordinator.username);
  });
  afterAll(() => t.close());

  it('answers per item whether it applies, why, which cities, and whether a task exists — writing nothing', async () => {
    const batch = await fourItems();
    const res = await preview(batch.batchId, world.province.id);
    expect(res.status).toBe(200);
    expect(res.body.batchId).toBe(batch.batchId);
    const [national, coastal, unclear, customs] = res.body.items;
    expect(national).toMatchObject({ seq: 1, name: '全国推广事项', scopeText: '全国', decision: 'applies', reason: null, taskExists: false, taskId: null });
    expect(national.cities.count).toBe(2);
    expect(national.cities.names.sort()).toEqual(world.cities.map((c) => c.name).sort());
    expect(coastal).toMatchObject({ decision: 'not_applicable', cities: { count: 0, names: [] } });
    expect(coastal.reason).toContain('非沿海');
    expect(unclear).toMatchObject({ scopeText: '具备条件的地区', decision: 'needs_decision', reason: '推广范围含自愿或附条件的表述：“具备条件的地区”，请确认是否适用' });
    expect(customs).toMatchObject({ decision: 'applies', cities: { count: 1, names: [world.cities[0]!.name] } });
    expect(await count(t.db, 'task', 'reform_item_id = ANY($1)', [batch.itemIds])).toBe(0);
  });

  it('adopts with the coordinator’s overrides in the same transaction, audited, and the preview then shows the tasks', async () => {
    const batch = await fourItems();
    const res = await adopt(batch.batchId, {
      overrides: [
        { reformItemId: batch.itemIds[1], applicable: true, reason: '我省内河港口参照沿海地区执行' },
        { reformItemId: batch.itemIds[2], applicable: false, reason: '  我省不具备试点条件  ' },
      ],
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ created: 4, existing: 0, applicable: 3, overridden: 2 });
    expect(res.body.notApplicable).toEqual([{ reformItemId: batch.itemIds[2], seq: 3, name: '范围不明事项', reason: '我省不具备试点条件' }]);
    const rows = await tasksOf(batch.batchId);
    expect(rows.map((r: { status: string; applicability_overridden: boolean; rollouts: number }) => [r.status, r.applicability_overridden, r.rollouts])).toEqual([
      ['not_started', false, 2],
      ['not_started', true, 2], // made applicable against its scope: every city
      ['not_applicable', true, 0],
      ['not_started', false, 1],
    ]);
    expect(rows[1].status_reason).toBe('我省内河港口参照沿海地区执行');
    expect(rows[2].not_applicable_reason).toBe('我省不具备试点条件');
    const [audit] = await t.db.query(`SELECT actor_id, after FROM audit_event WHERE entity_id = $1 AND action = 'adopt'`, [rows[1].id]);
    expect(audit.actor_id).toBe(world.users.coordinator.id);
    expect(audit.after.override).toEqual({ reformItemId: batch.itemIds[1], applicable: true, reason: '我省内河港口参照沿海地区执行' });

    const after = (await preview(batch.batchId, world.province.id)).body.items;
    expect(after.map((i: { taskExists: boolean; taskStatus: string }) => [i.taskExists, i.taskStatus])).toEqual([
      [true, 'not_started'],
      [true, 'not_started'],
      [true, 'not_applicable'],
      [true, 'not_started'],
    ]);
    expect(after[0].taskId).toBe(rows[0].id);
  });

  it('moves tasks adopted before through the workflow’s own steps, and keeps the plain adopt contract', async () => {
    const batch = await fourItems();
    expect((await adopt(batch.batchId, {})).body).toMatchObject({ created: 4, overridden: 0, applicable: 3 });
    const res = await adopt(batch.batchId, {
      overrides: [
        { reformItemId: batch.itemIds[0], applicable: false, reason: '已由国家部委统一实施' },
        { reformItemId: batch.itemIds[1], applicable: true, reason: '参照执行' },
        { reformItemId: batch.itemIds[3], applicable: true, reason: '确认适用' },
      ],
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ created: 0, existing: 4, overridden: 3, applicable: 3 });
    const rows = await tasksOf(batch.batchId);
    expect(rows.map((r: { status: string }) => r.status)).toEqual(['not_applicable', 'not_started', 'not_started', 'not_started']);
    expect(rows[0].not_applicable_reason).toBe('已由国家部委统一实施');
    const actions = await t.db.query(`SELECT entity_id, action FROM audit_event WHERE entity_id = ANY($1) AND action <> 'adopt' ORDER BY at`, [rows.map((r: { id: string }) => r.id)]);
    expect(actions).toEqual([
      { entity_id: rows[0].id, action: 'mark_not_applicable' },
      { entity_id: rows[1].id, action: 'override_applicability' },
    ]);
  });

  it('answers 409 when the workflow does not allow the decision, and rolls the whole adoption back', async () => {
    const batch = await fourItems();
    await adopt(batch.batchId, {});
    const [first] = await tasksOf(batch.batchId);
    await t.db.query(`UPDATE task SET status = 'submitted' WHERE id = $1`, [first.id]);
    const res = await adopt(batch.batchId, {
      overrides: [
        { reformItemId: batch.itemIds[1], applicable: true, reason: '参照执行' },
        { reformItemId: batch.itemIds[0], applicable: false, reason: '不再适用' },
      ],
    });
    expect(res.status).toBe(409);
    expect(res.body.message).toContain('待审核销号');
    expect((await tasksOf(batch.batchId)).map((r: { status: string }) => r.status)).toEqual(['submitted', 'not_applicable', 'not_started', 'not_started']);
  });

  it('answers bad overrides with 400 naming the field, and writes nothing', async () => {
    const batch = await fourItems();
    const foreign = await makeBatch(t.db, [{ name: '别的批次事项' }]);
    const cases: [object[], string][] = [
      [[{ reformItemId: batch.itemIds[0], applicable: false, reason: '' }], 'overrides.0.reason'],
      [[{ reformItemId: batch.itemIds[0], applicable: false, reason: '   ' }], 'overrides.0.reason'],
      [[{ reformItemId: batch.itemIds[0], applicable: false }], 'overrides.0.reason'],
      [[{ reformItemId: batch.itemIds[0], applicable: 'no', reason: '理由' }], 'overrides.0.applicable'],
      [[{ reformItemId: 'x', applicable: false, reason: '理由' }], 'overrides.0.reformItemId'],
      [[{ reformItemId: foreign.itemIds[0], applicable: false, reason: '理由' }], 'overrides.0.reformItemId'],
      [
        [
          { reformItemId: batch.itemIds[0], applicable: false, reason: '理由' },
          { reformItemId: batch.itemIds[0], applicable: true, reason: '理由' },
        ],
        'overrides.1.reformItemId',
      ],
    ];
    for (const [overrides, field] of cases) {
      const res = await adopt(batch.batchId, { overrides });
      expect({ field, status: res.status }).toEqual({ field, status: 400 });
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    }
    expect(await count(t.db, 'task', 'reform_item_id = ANY($1)', [batch.itemIds])).toBe(0);
  });

  it('lets only the province’s coordinator preview (403 otherwise), and validates regionId', async () => {
    const batch = await fourItems();
    expect((await preview(batch.batchId, world.province.id, 'otherCoordinator')).status).toBe(403);
    for (const who of ['department', 'leader', 'city']) expect((await preview(batch.batchId, world.province.id, who)).status).toBe(403);
    const city = await preview(batch.batchId, world.cities[0]!.id);
    expect(city.status).toBe(400);
    expect(city.body.errors[0].field).toBe('regionId');
    const missing = await t.http.get(`/api/batches/${batch.batchId}/adoption-preview`).set('Authorization', auth.coordinator!);
    expect(missing.status).toBe(400);
    expect(missing.body.errors[0].field).toBe('regionId');
    expect((await preview('00000000-0000-4000-8000-000000000000', world.province.id)).status).toBe(404);
  });
});

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createTestApp, type TestApp } from './app.js';
import { bearer } from './auth-helper.js';
import { makeBatch, makeUser } from './factories.js';

/**
 * Scopes read against the whole country: a city or zone of another province brings in that province and only that
 * city; voluntary wording waits for the coordinator (待确认); re-adoption follows a changed scope both ways.
 */
describe('scopes across the country: cities, zones, 待确认 and re-evaluation', () => {
  let t: TestApp;
  const auth: Record<string, string> = {};
  const ids: Record<string, string> = {};

  const regionId = async (code: string) => ((await t.db.query('SELECT id FROM region WHERE code = $1', [code])) as { id: string }[])[0]!.id;
  const adopt = (batchId: string, province: 'liaoning' | 'shandong') =>
    t.http.post(`/api/batches/${batchId}/adopt`).set('Authorization', auth[province]!).send({ regionId: ids[province] });
  const taskOf = async (itemId: string, province: 'liaoning' | 'shandong') => {
    const [task] = await t.db.query(
      `SELECT t.id, t.status, t.pending_decision, t.not_applicable_reason,
              coalesce((SELECT array_agg(r.code ORDER BY r.code) FROM rollout ro JOIN region r ON r.id = ro.region_id WHERE ro.task_id = t.id), '{}') AS rollouts
       FROM task t WHERE t.reform_item_id = $1 AND t.region_id = $2`,
      [itemId, ids[province]],
    );
    return task as { id: string; status: string; pending_decision: string | null; not_applicable_reason: string | null; rollouts: string[] };
  };
  const setScope = (itemId: string, scopeText: string) => t.http.patch(`/api/reform-items/${itemId}`).set('Authorization', auth.liaoning!).send({ scopeText });
  const audits = async (taskId: string, action: string) => (await t.db.query('SELECT after FROM audit_event WHERE entity_id = $1 AND action = $2', [taskId, action])) as { after: Record<string, unknown> }[];

  beforeAll(async () => {
    t = await createTestApp();
    ids.liaoning = await regionId('210000');
    ids.shandong = await regionId('370000');
    auth.liaoning = await bearer(t, (await makeUser(t.db, 'coordinator', { regionId: ids.liaoning })).username);
    auth.shandong = await bearer(t, (await makeUser(t.db, 'coordinator', { regionId: ids.shandong })).username);
    auth.admin = await bearer(t, (await makeUser(t.db, 'admin')).username);
  });
  afterAll(() => t.close());

  it('an item scoped to 大连 applies to 辽宁 with a rollout for 大连 only, and not to 山东', async () => {
    const batch = await makeBatch(t.db, [{ name: '大连试点事项', scopeText: '大连' }]);
    const liaoning = await adopt(batch.batchId, 'liaoning');
    expect(liaoning.status).toBe(200);
    expect(liaoning.body).toMatchObject({ created: 1, applicable: 1, notApplicable: [], pendingDecision: [] });
    expect(await taskOf(batch.itemIds[0]!, 'liaoning')).toMatchObject({ status: 'not_started', pending_decision: null, rollouts: ['210200'] });

    const shandong = await adopt(batch.batchId, 'shandong');
    expect(shandong.body.notApplicable).toEqual([expect.objectContaining({ name: '大连试点事项', reason: '推广范围为大连，山东省及其下辖地区不在其中' })]);
    expect(await taskOf(batch.itemIds[0]!, 'shandong')).toMatchObject({ status: 'not_applicable', rollouts: [] });
  });

  it('a zone-scoped item rolls out to the zone’s city, never to the whole province', async () => {
    const batch = await makeBatch(t.db, [{ name: '综保区事项', scopeText: '青岛前湾综合保税区' }, { name: '片区事项', scopeText: '中国（山东）自由贸易试验区烟台片区、大连片区' }]);
    const res = await adopt(batch.batchId, 'shandong');
    expect(res.body).toMatchObject({ created: 2, applicable: 2 });
    expect((await taskOf(batch.itemIds[0]!, 'shandong')).rollouts).toEqual(['370200']);
    expect((await taskOf(batch.itemIds[1]!, 'shandong')).rollouts).toEqual(['370600']);
    expect((await adopt(batch.batchId, 'liaoning')).body.notApplicable.map((n: { seq: number }) => n.seq)).toEqual([1]);
    expect((await taskOf(batch.itemIds[1]!, 'liaoning')).rollouts).toEqual(['210200']);
  });

  it('voluntary wording creates the task as 待确认 with the phrase; the coordinator decides, audited', async () => {
    const batch = await makeBatch(t.db, [{ name: '自愿事项', scopeText: '有意愿的地区' }, { name: '看不懂的事项', scopeText: '某某试点地区' }]);
    const res = await adopt(batch.batchId, 'shandong');
    expect(res.body.pendingDecision.map((p: { seq: number; phrase: string }) => [p.seq, p.phrase])).toEqual([
      [1, '推广范围含自愿或附条件的表述：“有意愿的地区”，请确认是否适用'],
      [2, '推广范围无法识别：“某某试点地区”，请确认是否适用'],
    ]);
    const [voluntary, unreadable] = [await taskOf(batch.itemIds[0]!, 'shandong'), await taskOf(batch.itemIds[1]!, 'shandong')];
    expect(voluntary).toMatchObject({ status: 'not_started', pending_decision: expect.stringContaining('有意愿的地区') });

    const list = await t.http.get(`/api/tasks?batchId=${batch.batchId}&pendingDecision=true`).set('Authorization', auth.shandong!);
    expect(list.body.total).toBe(2);
    expect(list.body.applicability.pendingDecision).toBe(2);
    expect(list.body.items[0].pendingDecision).toContain('有意愿的地区');

    const refused = await t.http.post(`/api/tasks/${unreadable.id}/applicability`).set('Authorization', auth.shandong!).send({ applies: false });
    expect(refused.status).toBe(400);
    expect(refused.body.errors[0].field).toBe('reason');

    const applies = await t.http.post(`/api/tasks/${voluntary.id}/applicability`).set('Authorization', auth.shandong!).send({ applies: true });
    expect(applies.status).toBe(200);
    expect(applies.body).toMatchObject({ status: 'not_started', pendingDecision: null, applicabilityOverridden: true });
    const notApplicable = await t.http.post(`/api/tasks/${unreadable.id}/applicability`).set('Authorization', auth.shandong!).send({ applies: false, reason: '本省无此类试点' });
    expect(notApplicable.body).toMatchObject({ status: 'not_applicable', notApplicableReason: '本省无此类试点', pendingDecision: null });
    expect((await audits(voluntary.id, 'decide_applicability'))[0]!.after).toMatchObject({ applies: true, phrase: expect.stringContaining('有意愿的地区') });
    expect((await t.http.post(`/api/tasks/${voluntary.id}/applicability`).set('Authorization', auth.shandong!).send({ applies: true })).status).toBe(409);
    // Decided by a person: re-adoption leaves both alone.
    expect((await adopt(batch.batchId, 'shandong')).body.reEvaluated).toEqual([]);
  });

  it('re-adoption after a scope change follows it both ways, with audit rows, and keeps a task that has progress', async () => {
    const batch = await makeBatch(t.db, [{ name: '范围变更事项', scopeText: '大连' }, { name: '已推进事项', scopeText: '大连' }, { name: '后加入事项', scopeText: '山东' }]);
    await adopt(batch.batchId, 'liaoning');
    const started = await taskOf(batch.itemIds[1]!, 'liaoning');
    await t.db.query(`UPDATE task SET status = 'in_progress' WHERE id = $1`, [started.id]);
    expect((await taskOf(batch.itemIds[2]!, 'liaoning')).status).toBe('not_applicable');

    expect((await setScope(batch.itemIds[0]!, '沈阳')).status).toBe(200);
    await setScope(batch.itemIds[1]!, '山东');
    await setScope(batch.itemIds[2]!, '大连');
    const again = await adopt(batch.batchId, 'liaoning');
    expect(again.status).toBe(200);
    expect(again.body.created).toBe(0);
    expect(again.body.reEvaluated.map((r: { seq: number; change: string }) => [r.seq, r.change])).toEqual([
      [1, '新增城市 210100；移除城市 210200'],
      [2, '已有进展，改为待确认'],
      [3, '恢复适用；新增城市 210200'],
    ]);
    expect(await taskOf(batch.itemIds[0]!, 'liaoning')).toMatchObject({ status: 'not_started', rollouts: ['210100'] });
    expect(await taskOf(batch.itemIds[1]!, 'liaoning')).toMatchObject({ status: 'in_progress', pending_decision: expect.stringContaining('任务已有进展'), rollouts: ['210200'] });
    expect(await taskOf(batch.itemIds[2]!, 'liaoning')).toMatchObject({ status: 'not_started', not_applicable_reason: null, rollouts: ['210200'] });
    expect(await audits(started.id, 're_evaluate')).toHaveLength(1);

    // The other way: back to 山东 only, the untouched task is set aside; a second run changes nothing.
    await setScope(batch.itemIds[2]!, '山东');
    const back = await adopt(batch.batchId, 'liaoning');
    expect(back.body.reEvaluated.map((r: { seq: number }) => r.seq)).toEqual([3]);
    expect(await taskOf(batch.itemIds[2]!, 'liaoning')).toMatchObject({ status: 'not_applicable', not_applicable_reason: '推广范围为山东，辽宁省及其下辖地区不在其中', rollouts: [] });
    expect((await adopt(batch.batchId, 'liaoning')).body.reEvaluated).toEqual([]);
  });

  it('re-adoption after the zone registry changes: a zone added later turns a 待确认 item into that city only', async () => {
    const zone = `测试综合保税区${Date.now().toString(36)}`;
    const batch = await makeBatch(t.db, [{ name: '新综保区事项', scopeText: zone }]);
    await adopt(batch.batchId, 'shandong');
    const before = await taskOf(batch.itemIds[0]!, 'shandong');
    expect(before.pending_decision).toBe(`推广范围无法识别：“${zone}”，请确认是否适用`);
    expect(before.rollouts).toHaveLength(16);

    await t.db.query(`INSERT INTO zone (name, kind, zone_type, region_id, sources) VALUES ($1, 'special_customs_zone', '综合保税区', (SELECT id FROM region WHERE code = '370600'), '{test}')`, [zone]);
    const again = await adopt(batch.batchId, 'shandong');
    expect(again.body.reEvaluated).toHaveLength(1);
    expect(again.body.reEvaluated[0].change).toContain('不再待确认');
    expect(await taskOf(batch.itemIds[0]!, 'shandong')).toMatchObject({ status: 'not_started', pending_decision: null, rollouts: ['370600'] });
  });

  it('refuses a batch default scope it cannot read: 400 naming defaultScope and the words', async () => {
    const [doc] = await t.db.query(`INSERT INTO policy_document (doc_number, title) VALUES ('测试〔2026〕范围1号', '测试') RETURNING id`);
    const bad = await t.http.post('/api/batches').set('Authorization', auth.liaoning!).send({ documentId: doc.id, name: '默认范围批次', kind: 'pilot-experience', defaultScope: '大连、某某地' });
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual([{ field: 'defaultScope', messages: [expect.stringContaining('“某某地”')] }]);
    const good = await t.http.post('/api/batches').set('Authorization', auth.liaoning!).send({ documentId: doc.id, name: '默认范围批次', kind: 'pilot-experience', defaultScope: '大连' });
    expect(good.status).toBe(201);
    const patched = await t.http.patch(`/api/batches/${good.body.id}`).set('Authorization', auth.liaoning!).send({ defaultScope: '特定区域' });
    expect(patched.status).toBe(400);
    expect(patched.body.errors[0].field).toBe('defaultScope');

    const imported = await t.http.post('/api/imports').set('Authorization', auth.shandong!).send({ docNumber: '测试〔2026〕范围2号', title: '测试通知', batchName: '测试批次', defaultScope: '有关地区', rows: [{ 改革事项: '甲' }] });
    expect(imported.status).toBe(400);
    expect(imported.body.errors).toEqual([{ field: 'defaultScope', messages: [expect.stringContaining('“有关地区”')] }]);
    expect((await t.db.query(`SELECT count(*)::int AS n FROM policy_document WHERE doc_number = '测试〔2026〕范围2号'`))[0].n).toBe(0);
  });

  it('lists regions by level, parent and full or short name, and zones with their region', async () => {
    const dalian = await t.http.get('/api/regions?q=大连').set('Authorization', auth.admin!);
    expect(dalian.body.items[0]).toMatchObject({ code: '210200', name: '大连市', shortName: '大连' });
    const inner = await t.http.get('/api/regions?level=province&q=内蒙古').set('Authorization', auth.admin!);
    expect(inner.body.items.map((r: { code: string }) => r.code)).toEqual(['150000']);
    const sdCities = await t.http.get(`/api/regions?level=city&parentId=${ids.shandong}&pageSize=100`).set('Authorization', auth.admin!);
    expect(sdCities.body.total).toBe(16);
    const qingdao = await regionId('370200');
    const zones = await t.http.get(`/api/zones?regionId=${qingdao}&pageSize=100`).set('Authorization', auth.admin!);
    const names = zones.body.items.map((z: { name: string }) => z.name);
    expect(names).toEqual(expect.arrayContaining(['中国（山东）自由贸易试验区青岛片区', '青岛前湾综合保税区', '青岛西海岸新区', '沿海开放城市']));
    expect(zones.body.items.find((z: { name: string }) => z.name === '青岛前湾综合保税区')).toMatchObject({ kind: 'special_customs_zone', zoneType: '综合保税区', region: { code: '370211', name: '黄岛区' } });
    const ftz = await t.http.get('/api/zones?kind=ftz&pageSize=100').set('Authorization', auth.admin!);
    expect(ftz.body.total).toBe(22);
  });
});

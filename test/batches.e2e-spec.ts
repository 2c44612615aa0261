import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createTestApp, type TestApp } from './app.js';
import { bearer } from './auth-helper.js';
import { makeBatch, makeProvinceWorld, makeUser } from './factories.js';

describe('batches list for 批次与导入: document, item count and a province adoption in one answer', () => {
  let t: TestApp;
  let world: Awaited<ReturnType<typeof makeProvinceWorld>>;
  const auth: Record<string, string> = {};

  beforeAll(async () => {
    t = await createTestApp();
    world = await makeProvinceWorld(t.db);
    auth.coordinator = await bearer(t, world.users.coordinator.username);
    auth.leader = await bearer(t, world.users.leader.username);
    auth.admin = await bearer(t, (await makeUser(t.db, 'admin')).username);
  });
  afterAll(() => t.close());

  const docNumberOf = async (documentId: string) => (await t.db.query('SELECT doc_number FROM policy_document WHERE id = $1', [documentId]))[0].doc_number as string;

  it('answers adopted batches with task, applicable and closed counts, and not-adopted ones with zeros', async () => {
    const adopted = await makeBatch(t.db, [{}, {}, {}, {}]);
    const notAdopted = await makeBatch(t.db, [{}, {}]);
    expect((await t.http.post(`/api/batches/${adopted.batchId}/adopt`).set('Authorization', auth.coordinator).send({ regionId: world.province.id })).status).toBe(200);
    const taskIds: string[] = (await t.db.query('SELECT t.id FROM task t JOIN reform_item i ON i.id = t.reform_item_id WHERE i.batch_id = $1 AND t.region_id = $2 ORDER BY i.seq', [adopted.batchId, world.province.id])).map((r: { id: string }) => r.id);
    await t.db.query(`UPDATE task SET status = 'not_applicable', not_applicable_reason = '本省无此类区域' WHERE id = $1`, [taskIds[0]]);
    await t.db.query(`UPDATE task SET status = 'closed', closed_at = now() WHERE id = $1`, [taskIds[1]]);

    for (const batch of [adopted, notAdopted]) {
      const docNumber = await docNumberOf(batch.documentId);
      const res = await t.http.get(`/api/batches?regionId=${world.province.id}&q=${encodeURIComponent(docNumber)}`).set('Authorization', auth.leader);
      expect(res.status).toBe(200);
      expect(res.body.total).toBe(1);
      const [row] = res.body.items;
      expect(row).toMatchObject({ id: batch.batchId, documentId: batch.documentId, kind: 'pilot-experience', publishedOn: '2026-01-10', document: { id: batch.documentId, docNumber, title: '测试文件', issuer: '国务院', issuedOn: '2026-01-10' } });
      if (batch === adopted) expect(row).toMatchObject({ itemCount: 4, adoption: { regionId: world.province.id, adopted: true, taskCount: 4, applicableCount: 3, closedCount: 1 } });
      else expect(row).toMatchObject({ itemCount: 2, adoption: { regionId: world.province.id, adopted: false, taskCount: 0, applicableCount: 0, closedCount: 0 } });
    }
  });

  it('leaves adoption null without regionId, filters by document, and counts the total even past the last page', async () => {
    const batch = await makeBatch(t.db, [{}]);
    const res = await t.http.get(`/api/batches?documentId=${batch.documentId}`).set('Authorization', auth.coordinator);
    expect(res.body).toMatchObject({ total: 1, items: [{ id: batch.batchId, itemCount: 1, adoption: null }] });
    const past = await t.http.get(`/api/batches?documentId=${batch.documentId}&page=3`).set('Authorization', auth.coordinator);
    expect(past.body).toEqual({ items: [], total: 1, page: 3, pageSize: 20 });
  });

  it("refuses another province's adoption to a coordinator (403) and a region that is not a province (400 naming regionId), but not to admins", async () => {
    const other = await makeProvinceWorld(t.db);
    const forbidden = await t.http.get(`/api/batches?regionId=${other.province.id}`).set('Authorization', auth.coordinator);
    expect(forbidden.status).toBe(403);
    expect(forbidden.body.message).toContain('本省');
    const city = await t.http.get(`/api/batches?regionId=${world.cities[0].id}`).set('Authorization', auth.coordinator);
    expect(city.status).toBe(400);
    expect(city.body.errors[0].field).toBe('regionId');
    expect((await t.http.get(`/api/batches?regionId=${other.province.id}`).set('Authorization', auth.admin)).status).toBe(200);
  });
});

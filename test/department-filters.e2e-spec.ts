import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createTestApp, type TestApp } from './app.js';
import { bearer } from './auth-helper.js';
import { makeBatch, makeProvinceWorld } from './factories.js';

type World = Awaited<ReturnType<typeof makeProvinceWorld>>;
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

/** The filters a department's workbench needs: 牵头/参加 on tasks and reports, and completions returned to the lead. */
describe('department filters: departmentRole on tasks and reports, completionReturned on tasks', () => {
  let t: TestApp;
  let world: World;
  const auth: Record<string, string> = {};
  // led: leadDept leads, otherDept takes part; joined: otherDept leads, leadDept takes part.
  let led: string;
  let joined: string;

  const get = (url: string, role: string) => t.http.get(url).set('Authorization', auth[role]);
  const post = (url: string, role: string, body: object = {}) => t.http.post(url).set('Authorization', auth[role]).send(body);
  const ids = (res: { body: { items: { id: string }[] } }) => res.body.items.map((i) => i.id).sort();

  beforeAll(async () => {
    t = await createTestApp();
    world = await makeProvinceWorld(t.db);
    for (const [role, user] of Object.entries(world.users)) auth[role] = await bearer(t, user.username);
    const batch = await makeBatch(t.db, [{ name: '牵头事项' }, { name: '参加事项' }]);
    [led, joined] = (await post(`/api/batches/${batch.batchId}/adopt`, 'coordinator', { regionId: world.province.id })).body.taskIds;
    const split: [string, string, string][] = [
      [led, world.leadDept.id, world.otherDept.id],
      [joined, world.otherDept.id, world.leadDept.id],
    ];
    for (const [id, lead, participant] of split) {
      expect((await t.http.patch(`/api/tasks/${id}`).set('Authorization', auth.coordinator).send({ leadDepartmentId: lead, participantDepartmentIds: [participant] })).status).toBe(200);
    }
  });
  afterAll(() => t.close());

  it('lists a department tasks it leads, takes part in, or both', async () => {
    const base = `/api/tasks?departmentId=${world.leadDept.id}`;
    expect(ids(await get(base, 'department'))).toEqual([led, joined].sort());
    expect(ids(await get(`${base}&departmentRole=lead`, 'department'))).toEqual([led]);
    expect(ids(await get(`${base}&departmentRole=participant`, 'department'))).toEqual([joined]);
  });

  it('refuses departmentRole without a department or with an unknown value (400 naming the field)', async () => {
    for (const url of ['/api/tasks?departmentRole=lead', `/api/tasks?departmentId=${world.leadDept.id}&departmentRole=boss`, '/api/progress-reports?departmentRole=participant']) {
      const res = await get(url, 'department');
      expect({ url, status: res.status }).toEqual({ url, status: 400 });
      expect(JSON.stringify(res.body)).toContain('departmentRole');
    }
  });

  it('lists the reports a department files and those of tasks it takes part in', async () => {
    const mine = (await post(`/api/tasks/${led}/progress-reports`, 'department', { period: '2026Q4', progress: '牵头进展' })).body.id;
    const theirs = (await post(`/api/tasks/${joined}/progress-reports`, 'otherDepartment', { period: '2026Q4', progress: '对方进展' })).body.id;
    const base = `/api/progress-reports?period=2026Q4&departmentId=${world.leadDept.id}`;
    expect(ids(await get(base, 'department'))).toEqual([mine]);
    expect(ids(await get(`${base}&departmentRole=lead`, 'department'))).toEqual([mine]);
    expect(ids(await get(`${base}&departmentRole=participant`, 'department'))).toEqual([theirs]);
  });

  it('finds the tasks whose completion the coordinator returned, until the lead submits again', async () => {
    const returned = () => get(`/api/tasks?departmentId=${world.leadDept.id}&departmentRole=lead&completionReturned=true`, 'department');
    expect((await returned()).body.items).toEqual([]);
    expect((await post(`/api/tasks/${led}/transitions`, 'department', { to: 'in_progress' })).status).toBe(200);
    const upload = async () =>
      (await t.http.post(`/api/tasks/${led}/evidence`).set('Authorization', auth.department).field('purpose', 'completion').attach('file', PDF, { filename: '验收报告.pdf', contentType: 'application/pdf' })).body.id as string;
    expect((await post(`/api/tasks/${led}/completion`, 'department', { summary: '已上线', evidenceIds: [await upload()] })).status).toBe(201);
    expect((await returned()).body.items).toEqual([]);
    expect((await post(`/api/tasks/${led}/close-out/return`, 'coordinator', { reason: '缺少验收报告盖章页' })).status).toBe(200);
    const page = (await returned()).body;
    expect(page.items.map((i: { id: string; statusReason: string }) => [i.id, i.statusReason])).toEqual([[led, '缺少验收报告盖章页']]);
    const notReturned = await get(`/api/tasks?departmentId=${world.leadDept.id}&completionReturned=false`, 'department');
    expect(ids(notReturned)).toEqual([joined]);
    expect((await post(`/api/tasks/${led}/completion`, 'department', { summary: '补充盖章页', evidenceIds: [await upload()] })).status).toBe(201);
    expect((await returned()).body.items).toEqual([]);
  });
});

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createTestApp, type TestApp } from './app.js';
import { bearer } from './auth-helper.js';
import { count, makeDepartment, makeProvinceWorld, makeUser } from './factories.js';

describe('departments: contacts kept by the province coordinator and admins', () => {
  let t: TestApp;
  let world: Awaited<ReturnType<typeof makeProvinceWorld>>;
  let other: Awaited<ReturnType<typeof makeProvinceWorld>>;
  const auth: Record<string, string> = {};

  beforeAll(async () => {
    t = await createTestApp();
    world = await makeProvinceWorld(t.db);
    other = await makeProvinceWorld(t.db);
    auth.coordinator = await bearer(t, world.users.coordinator.username);
    auth.department = await bearer(t, world.users.department.username);
    auth.admin = await bearer(t, (await makeUser(t.db, 'admin')).username);
  });
  afterAll(() => t.close());

  const contacts = { headName: '王处长', headPhone: '0531-86001234', headEmail: 'wang@sd.gov.cn', liaisonName: '李科员', liaisonPhone: '13800000001', liaisonEmail: 'li@sd.gov.cn' };
  const unique = (name: string) => `${name}${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

  it('lets the coordinator edit the head and liaison of its own departments, audited, and read back', async () => {
    const res = await t.http.patch(`/api/departments/${world.leadDept.id}`).set('Authorization', auth.coordinator).send(contacts);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject(contacts);
    const [row] = await t.db.query('SELECT head_name, head_phone, head_email, liaison_name, liaison_phone, liaison_email FROM department WHERE id = $1', [world.leadDept.id]);
    expect(row).toEqual({ head_name: '王处长', head_phone: '0531-86001234', head_email: 'wang@sd.gov.cn', liaison_name: '李科员', liaison_phone: '13800000001', liaison_email: 'li@sd.gov.cn' });
    const [audit] = await t.db.query(`SELECT before->>'liaisonName' AS was, after->>'liaisonName' AS now FROM audit_event WHERE entity_type = 'department' AND entity_id = $1 AND action = 'update'`, [world.leadDept.id]);
    expect(audit).toEqual({ was: '联络员', now: '李科员' });
    expect((await t.http.get(`/api/departments/${world.leadDept.id}`).set('Authorization', auth.department)).body.liaisonPhone).toBe('13800000001');

    const cleared = await t.http.patch(`/api/departments/${world.leadDept.id}`).set('Authorization', auth.coordinator).send({ liaisonEmail: null });
    expect(cleared.body.liaisonEmail).toBeNull();
  });

  it("refuses another province's departments and national ministries to a coordinator with 403, and department users with 403", async () => {
    const ministry = await makeDepartment(t.db, null);
    for (const id of [other.leadDept.id, ministry.id]) {
      const res = await t.http.patch(`/api/departments/${id}`).set('Authorization', auth.coordinator).send({ liaisonName: '越权' });
      expect(res.status).toBe(403);
      expect(res.body.message).toMatch(/本省|管理员/);
    }
    expect((await t.http.patch(`/api/departments/${world.leadDept.id}`).set('Authorization', auth.department).send({ liaisonName: '越权' })).status).toBe(403);
    expect(await count(t.db, 'department', `liaison_name = '越权'`)).toBe(0);
    expect((await t.http.patch(`/api/departments/${ministry.id}`).set('Authorization', auth.admin).send({ liaisonName: '部委联络员' })).status).toBe(200);
  });

  it('creates a department under the coordinator province by default, or in one of its cities, audited', async () => {
    const name = unique('省大数据局');
    const res = await t.http.post('/api/departments').set('Authorization', auth.coordinator).send({ name, level: 'provincial', ...contacts });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ name, level: 'provincial', regionId: world.province.id, headName: '王处长' });
    expect(await count(t.db, 'audit_event', `entity_type = 'department' AND action = 'create' AND entity_id = $1`, [res.body.id])).toBe(1);

    const cityDept = await t.http.post('/api/departments').set('Authorization', auth.coordinator).send({ name: unique('市商务局'), level: 'city', regionId: world.cities[0].id });
    expect(cityDept.status).toBe(201);
    expect((await t.http.post('/api/departments').set('Authorization', auth.coordinator).send({ name: unique('外省局'), level: 'provincial', regionId: other.province.id })).status).toBe(403);
    expect((await t.http.post('/api/departments').set('Authorization', auth.coordinator).send({ name: unique('新部委'), level: 'national' })).status).toBe(403);
  });

  it('answers 409 in Chinese for a name the region already has, and 400 naming the field for bad contacts or a level that does not fit the region', async () => {
    const dup = await t.http.post('/api/departments').set('Authorization', auth.coordinator).send({ name: world.otherDept.name, level: 'provincial' });
    expect(dup.status).toBe(409);
    expect(dup.body.message).toContain(`已有名为“${world.otherDept.name}”的部门`);
    const rename = await t.http.patch(`/api/departments/${world.leadDept.id}`).set('Authorization', auth.coordinator).send({ name: world.otherDept.name });
    expect(rename.status).toBe(409);

    const cases: [Record<string, unknown>, string, string][] = [
      [{ headPhone: 'call me' }, 'headPhone', '负责人电话格式不正确'],
      [{ liaisonEmail: 'not-an-email' }, 'liaisonEmail', '联络员邮箱格式不正确'],
      [{ name: null }, 'name', '部门名称'],
      [{ level: 'city' }, 'regionId', '市级部门应属于市或区县'],
      [{ regionId: world.cities[0].id }, 'regionId', '省直部门应属于省级行政区'],
    ];
    for (const [body, field, message] of cases) {
      const res = await t.http.patch(`/api/departments/${world.otherDept.id}`).set('Authorization', auth.coordinator).send(body);
      expect(res.status).toBe(400);
      expect(res.body.errors[0]).toEqual({ field, messages: [expect.stringContaining(message)] });
    }
    expect(await t.db.query('SELECT name, level, region_id, head_phone FROM department WHERE id = $1', [world.otherDept.id])).toEqual([
      { name: world.otherDept.name, level: 'provincial', region_id: world.province.id, head_phone: null },
    ]);
  });
});

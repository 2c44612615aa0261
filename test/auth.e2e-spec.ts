import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createTestApp, type TestApp } from './app.js';
import { bearer } from './auth-helper.js';
import { count, makeProvinceWorld, makeUser, TEST_PASSWORD } from './factories.js';

describe('auth and users', () => {
  let t: TestApp;
  let world: Awaited<ReturnType<typeof makeProvinceWorld>>;
  let admin: { id: string; username: string };

  beforeAll(async () => {
    t = await createTestApp();
    world = await makeProvinceWorld(t.db);
    admin = await makeUser(t.db, 'admin');
  });
  afterAll(() => t.close());

  it('logs in each role and tells who it is, with the province they work in', async () => {
    for (const [role, user] of Object.entries({ ...world.users, admin })) {
      const res = await t.http.post('/api/auth/login').send({ username: user.username, password: TEST_PASSWORD });
      expect(res.status).toBe(200);
      expect(res.body.accessToken).toEqual(expect.any(String));
      expect(res.body.user).not.toHaveProperty('passwordHash');
      const me = await t.http.get('/api/auth/me').set('Authorization', `Bearer ${res.body.accessToken}`);
      expect(me.status).toBe(200);
      expect(me.body.username).toBe(user.username);
      expect(me.body.provinceId).toBe(role === 'admin' ? null : world.province.id);
    }
  });

  it('refuses wrong credentials and unknown users with 401, and anonymous calls with 401', async () => {
    expect((await t.http.post('/api/auth/login').send({ username: world.users.leader.username, password: 'wrong-password' })).status).toBe(401);
    expect((await t.http.post('/api/auth/login').send({ username: 'nobody_here', password: TEST_PASSWORD })).status).toBe(401);
    expect((await t.http.get('/api/tasks')).status).toBe(401);
    expect((await t.http.get('/api/tasks').set('Authorization', 'Bearer not-a-token')).status).toBe(401);
  });

  it('refuses a deactivated user even with a token issued before', async () => {
    const user = await makeUser(t.db, 'leader', { regionId: world.province.id });
    const auth = await bearer(t, user.username);
    await t.db.query('UPDATE app_user SET active = false WHERE id = $1', [user.id]);
    expect((await t.http.get('/api/auth/me').set('Authorization', auth)).status).toBe(401);
    expect((await t.http.post('/api/auth/login').send({ username: user.username, password: TEST_PASSWORD })).status).toBe(401);
  });

  it('rate-limits repeated login attempts with 429', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) statuses.push((await t.http.post('/api/auth/login').send({ username: 'brute_force_target', password: `guess${i}` })).status);
    expect(statuses.slice(0, 10).every((s) => s === 401)).toBe(true);
    expect(statuses.slice(10)).toEqual([429, 429]);
  });

  it('lets only admins manage users, audits it, and never stores the password in the trail', async () => {
    const adminAuth = await bearer(t, admin.username);
    const coordinatorAuth = await bearer(t, world.users.coordinator.username);
    const body = { username: 'new_liaison', displayName: '李联络', password: 'Str0ngPass!', role: 'department', departmentId: world.leadDept.id };
    expect((await t.http.post('/api/users').set('Authorization', coordinatorAuth).send(body)).status).toBe(403);
    expect(await count(t.db, 'app_user', 'username = $1', ['new_liaison'])).toBe(0);

    const created = await t.http.post('/api/users').set('Authorization', adminAuth).send(body);
    expect(created.status).toBe(201);
    expect(created.body.provinceId).toBe(world.province.id);
    const [audit] = await t.db.query(`SELECT after FROM audit_event WHERE entity_type = 'user' AND entity_id = $1`, [created.body.id]);
    expect(JSON.stringify(audit.after)).not.toMatch(/password|\$2[aby]\$/i);

    expect((await t.http.post('/api/users').set('Authorization', adminAuth).send(body)).status).toBe(409);
    const missingDept = await t.http.post('/api/users').set('Authorization', adminAuth).send({ ...body, username: 'x_user', departmentId: undefined });
    expect(missingDept.status).toBe(400);
    expect(missingDept.body.errors[0].field).toBe('departmentId');
    expect((await bearer(t, 'new_liaison', 'Str0ngPass!')).startsWith('Bearer ')).toBe(true);
  });
});

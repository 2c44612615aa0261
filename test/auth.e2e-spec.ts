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
    expect(JSON.stringify(audit.after)).not.toMatch(/passwordHash|Str0ngPass|\$2[aby]\$|\$argon2/i);

    expect((await t.http.post('/api/users').set('Authorization', adminAuth).send(body)).status).toBe(409);
    const missingDept = await t.http.post('/api/users').set('Authorization', adminAuth).send({ ...body, username: 'x_user', departmentId: undefined });
    expect(missingDept.status).toBe(400);
    expect(missingDept.body.errors[0].field).toBe('departmentId');
    expect((await bearer(t, 'new_liaison', 'Str0ngPass!')).startsWith('Bearer ')).toBe(true);
  });

  describe('own password', () => {
    it('changes it with the current one, audits it without the hash, and the old one stops working', async () => {
      const user = await makeUser(t.db, 'leader', { regionId: world.province.id });
      const auth = await bearer(t, user.username);
      const res = await t.http.post('/api/auth/password').set('Authorization', auth).send({ currentPassword: TEST_PASSWORD, newPassword: 'Xin#mima2026' });
      expect(res.status).toBe(204);
      expect((await t.http.post('/api/auth/login').send({ username: user.username, password: TEST_PASSWORD })).status).toBe(401);
      expect((await bearer(t, user.username, 'Xin#mima2026')).startsWith('Bearer ')).toBe(true);
      const audit = await t.db.query(`SELECT actor_id, after FROM audit_event WHERE entity_type = 'user' AND entity_id = $1 AND action = 'change_password'`, [user.id]);
      expect(audit).toEqual([{ actor_id: user.id, after: { passwordChanged: true } }]);
    });

    it('refuses a wrong current password naming currentPassword, and a weak new one naming newPassword, changing nothing', async () => {
      const user = await makeUser(t.db, 'city', { regionId: world.cities[0].id });
      const auth = await bearer(t, user.username);
      const [{ password_hash: hashBefore }] = await t.db.query('SELECT password_hash FROM app_user WHERE id = $1', [user.id]);
      const wrong = await t.http.post('/api/auth/password').set('Authorization', auth).send({ currentPassword: 'Not-the-2026-one', newPassword: 'Xin#mima2026' });
      expect(wrong.status).toBe(400);
      expect(wrong.body.errors).toEqual([{ field: 'currentPassword', messages: [expect.stringContaining('当前密码不正确')] }]);
      for (const [weak, says] of [['Ab1@xyz', '8'], ['alllowercase123', '三类'], [`${user.username.toUpperCase()}@1a`, '用户名']]) {
        const res = await t.http.post('/api/auth/password').set('Authorization', auth).send({ currentPassword: TEST_PASSWORD, newPassword: weak });
        expect(res.status).toBe(400);
        expect(res.body.errors[0].field).toBe('newPassword');
        expect(res.body.message).toContain(says);
      }
      expect((await t.http.post('/api/auth/password').send({ currentPassword: TEST_PASSWORD, newPassword: 'Xin#mima2026' })).status).toBe(401);
      expect(await t.db.query('SELECT password_hash FROM app_user WHERE id = $1', [user.id])).toEqual([{ password_hash: hashBefore }]);
      expect(await count(t.db, 'audit_event', `entity_id = $1 AND action = 'change_password'`, [user.id])).toBe(0);
    });
  });

  it('answers /me with what the header shows: name, role label, department or region name, province', async () => {
    const expectations = {
      department: { departmentId: world.leadDept.id, departmentName: world.leadDept.name, regionId: null, regionName: null, roleLabel: '责任部门' },
      city: { departmentId: null, departmentName: null, regionId: world.cities[0].id, regionName: world.cities[0].name, roleLabel: '市级商务部门' },
      coordinator: { departmentName: null, regionId: world.province.id, regionName: world.province.name },
    };
    for (const [role, expected] of Object.entries(expectations)) {
      const user = world.users[role as keyof typeof expectations];
      const me = await t.http.get('/api/auth/me').set('Authorization', await bearer(t, user.username));
      expect(me.body).toMatchObject({ ...expected, username: user.username, displayName: `测试${role}`, role, provinceId: world.province.id, provinceName: world.province.name });
    }
  });

  describe('user administration', () => {
    let adminAuth: string;
    let securityAuth: string;
    beforeAll(async () => {
      adminAuth = await bearer(t, admin.username);
      securityAuth = await bearer(t, (await makeUser(t.db, 'security_admin')).username);
    });
    const newUser = (over: Record<string, unknown> = {}) => ({ username: `u_${Math.random().toString(36).slice(2, 10)}`, displayName: '王管理', password: 'Str0ngPass!', role: 'department', departmentId: world.leadDept.id, ...over });

    it('lists users filtered by role, department, region (a province includes its departments and cities), active state and name', async () => {
      // its own province: other tests here add users to the shared one
      const own = await makeProvinceWorld(t.db);
      const otherWorld = await makeProvinceWorld(t.db);
      const inactive = await makeUser(t.db, 'city', { regionId: own.cities[1].id });
      await t.db.query('UPDATE app_user SET active = false, display_name = $2 WHERE id = $1', [inactive.id, '停用的赵科长']);
      const list = async (query: string) => {
        const res = await t.http.get(`/api/users?${query.includes('pageSize') ? '' : 'pageSize=200&'}${query}`).set('Authorization', adminAuth);
        expect(res.status).toBe(200);
        return res.body as { total: number; items: { id: string; username: string; departmentName: string | null; regionName: string | null }[] };
      };
      const ids = (page: { items: { id: string }[] }) => page.items.map((u) => u.id).sort();

      const inProvince = await list(`regionId=${own.province.id}`);
      expect(ids(inProvince)).toEqual([...Object.values(own.users).map((u) => u.id), inactive.id].sort());
      expect(inProvince.total).toBe(6);
      expect(ids(await list(`regionId=${own.cities[1].id}`))).toEqual([inactive.id]);
      expect(ids(await list(`regionId=${own.province.id}&active=false`))).toEqual([inactive.id]);
      expect(ids(await list(`regionId=${own.province.id}&role=department`))).toEqual([own.users.department.id, own.users.otherDepartment.id].sort());
      expect(ids(await list(`departmentId=${otherWorld.leadDept.id}`))).toEqual([otherWorld.users.department.id]);
      expect(ids(await list(`q=${encodeURIComponent('赵科长')}`))).toEqual([inactive.id]);
      const page = await list(`regionId=${own.province.id}&pageSize=2&page=2`);
      expect(page).toMatchObject({ total: 6, items: [expect.anything(), expect.anything()] });
      expect((await t.http.get('/api/users?active=maybe').set('Authorization', adminAuth)).body.errors[0].field).toBe('active');
      expect((await t.http.get('/api/users').set('Authorization', await bearer(t, world.users.coordinator.username))).status).toBe(403);
    });

    it('refuses a weak initial password and a taken username with a Chinese sentence, writing nothing', async () => {
      const body = newUser();
      const weak = await t.http.post('/api/users').set('Authorization', adminAuth).send({ ...body, password: 'abcdefgh1' });
      expect(weak.status).toBe(400);
      expect(weak.body.errors[0].field).toBe('password');
      expect(await count(t.db, 'app_user', 'username = $1', [body.username])).toBe(0);
      expect((await t.http.post('/api/users').set('Authorization', adminAuth).send(body)).status).toBe(201);
      const taken = await t.http.post('/api/users').set('Authorization', adminAuth).send({ ...body, displayName: '另一人' });
      expect(taken.status).toBe(409);
      expect(taken.body.message).toContain(`用户名“${body.username}”已被使用`);
      expect(await count(t.db, 'app_user', 'username = $1', [body.username])).toBe(1);
    });

    it('deactivates (login refused in Chinese, issued tokens dead at the next request) and reactivates, audited by name', async () => {
      const created = (await t.http.post('/api/users').set('Authorization', adminAuth).send(newUser())).body;
      const userAuth = await bearer(t, created.username, 'Str0ngPass!');
      const off = await t.http.patch(`/api/users/${created.id}`).set('Authorization', adminAuth).send({ active: false });
      expect(off.status).toBe(200);
      expect(off.body.active).toBe(false);
      expect(await t.db.query('SELECT active FROM app_user WHERE id = $1', [created.id])).toEqual([{ active: false }]);
      expect((await t.http.get('/api/auth/me').set('Authorization', userAuth)).status).toBe(401);
      const login = await t.http.post('/api/auth/login').send({ username: created.username, password: 'Str0ngPass!' });
      expect(login.status).toBe(401);
      expect(login.body.message).toContain('账号已停用');
      // a wrong password for a deactivated account says only that the credentials are wrong
      expect((await t.http.post('/api/auth/login').send({ username: created.username, password: 'Wrong-pass-1' })).body.message).toContain('用户名或密码错误');

      expect((await t.http.patch(`/api/users/${created.id}`).set('Authorization', adminAuth).send({ active: true })).status).toBe(200);
      expect((await bearer(t, created.username, 'Str0ngPass!')).startsWith('Bearer ')).toBe(true);
      const actions = await t.db.query(`SELECT action FROM audit_event WHERE entity_type = 'user' AND entity_id = $1 AND action NOT LIKE 'login%' ORDER BY at`, [created.id]);
      expect(actions.map((a: { action: string }) => a.action)).toEqual(['create', 'deactivate', 'reactivate']);
    });

    it('resets a password (security administrator) under the same strength rule, never auditing the hash', async () => {
      const created = (await t.http.post('/api/users').set('Authorization', adminAuth).send(newUser())).body;
      const weak = await t.http.post(`/api/security/users/${created.id}/password`).set('Authorization', securityAuth).send({ password: `${created.username}A1!` });
      expect(weak.status).toBe(400);
      expect(weak.body.errors[0]).toEqual({ field: 'password', messages: [expect.stringContaining('用户名')] });
      expect((await t.http.post(`/api/security/users/${created.id}/password`).set('Authorization', securityAuth).send({ password: 'Reset#2026ok' })).status).toBe(201);
      expect((await bearer(t, created.username, 'Reset#2026ok')).startsWith('Bearer ')).toBe(true);
      const [audit] = await t.db.query(`SELECT after FROM audit_event WHERE entity_id = $1 AND action = 'reset_password'`, [created.id]);
      expect(audit.after.passwordChanged).toBe(true);
      expect(JSON.stringify(audit.after)).not.toMatch(/passwordHash|\$2[aby]\$|\$argon2/);
      // the system administrator no longer resets passwords: that is the security administrator's job
      expect((await t.http.patch(`/api/users/${created.id}`).set('Authorization', adminAuth).send({ password: 'Reset#2026ok' })).status).toBe(400);
    });

    it('changes role and affiliation (security administrator), clearing the link the new role does not use, and checks the level of the region', async () => {
      const created = (await t.http.post('/api/users').set('Authorization', adminAuth).send(newUser())).body;
      const role = (body: object) => t.http.put(`/api/security/users/${created.id}/role`).set('Authorization', securityAuth).send(body);
      const toProvince = await role({ role: 'city', regionId: world.province.id });
      expect(toProvince.status).toBe(400);
      expect(toProvince.body.errors[0]).toEqual({ field: 'regionId', messages: [expect.stringContaining('市级用户应属于市或区县')] });
      const noRegion = await role({ role: 'coordinator' });
      expect(noRegion.body.errors[0].field).toBe('regionId');

      const toCity = await role({ role: 'city', regionId: world.cities[1].id });
      expect(toCity.status).toBe(200);
      expect(toCity.body).toMatchObject({ role: 'city', departmentId: null, regionId: world.cities[1].id, regionName: world.cities[1].name, provinceId: world.province.id });
      expect(await t.db.query('SELECT role, department_id, region_id FROM app_user WHERE id = $1', [created.id])).toEqual([{ role: 'city', department_id: null, region_id: world.cities[1].id }]);

      const toDept = await role({ role: 'department', departmentId: world.otherDept.id });
      expect(toDept.body).toMatchObject({ departmentId: world.otherDept.id, departmentName: world.otherDept.name, regionId: null });
      expect((await t.http.patch(`/api/users/${created.id}`).set('Authorization', adminAuth).send({ displayName: null })).body.errors[0].field).toBe('displayName');
      const audited = await t.db.query(`SELECT after FROM audit_event WHERE entity_id = $1 AND action = 'role_change' ORDER BY at`, [created.id]);
      expect(audited.map((a: { after: { role: string } }) => a.after.role)).toEqual(['city', 'department']);
      // the system administrator no longer assigns roles
      expect((await t.http.patch(`/api/users/${created.id}`).set('Authorization', adminAuth).send({ role: 'leader' })).status).toBe(400);
    });

    it('does not let an admin deactivate their own account', async () => {
      const off = await t.http.patch(`/api/users/${admin.id}`).set('Authorization', adminAuth).send({ active: false });
      expect(off.status).toBe(400);
      expect(off.body.errors[0].field).toBe('active');
      expect(await t.db.query('SELECT role, active FROM app_user WHERE id = $1', [admin.id])).toEqual([{ role: 'admin', active: true }]);
    });
  });
});

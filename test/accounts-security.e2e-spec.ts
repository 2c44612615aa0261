import { afterAll, afterEach, beforeAll, describe, expect, it, jest } from '@jest/globals';
import bcrypt from 'bcryptjs';
import { PasswordHasher } from '#libs/auth';
import { createTestApp, TEST_NOW, type TestApp } from './app.js';
import { bearer } from './auth-helper.js';
import { makeProvinceWorld, makeUser, TEST_PASSWORD } from './factories.js';

const MINUTE = 60_000;

describe('accounts and sessions (等保 2.0 三级)', () => {
  let t: TestApp;
  let world: Awaited<ReturnType<typeof makeProvinceWorld>>;
  let admin: { id: string; username: string };
  let security: { id: string; username: string };
  let auditor: { id: string; username: string };

  beforeAll(async () => {
    // The limits as deployed (the run's global setup lifts them for the suites that move the clock by days).
    Object.assign(process.env, { SESSION_IDLE_MINUTES: '30', SESSION_MAX_HOURS: '8' });
    t = await createTestApp();
    world = await makeProvinceWorld(t.db);
    [admin, security, auditor] = [await makeUser(t.db, 'admin'), await makeUser(t.db, 'security_admin'), await makeUser(t.db, 'audit_admin')];
  });
  afterEach(() => t.clock.set(TEST_NOW));
  afterAll(() => t.close());

  const login = (username: string, password = TEST_PASSWORD) => t.http.post('/api/auth/login').send({ username, password });
  const leader = () => makeUser(t.db, 'leader', { regionId: world.province.id });
  const actions = async (userId: string): Promise<string[]> =>
    (await t.db.query(`SELECT action FROM audit_event WHERE entity_type = 'user' AND entity_id = $1 ORDER BY at, action`, [userId])).map((r: { action: string }) => r.action);
  const later = (minutes: number) => t.clock.set(new Date(t.clock.now().getTime() + minutes * MINUTE));

  describe('login failures', () => {
    it('locks an account for 15 minutes after 5 wrong passwords, saying until when, even to the right password', async () => {
      const user = await leader();
      for (let i = 1; i <= 4; i++) expect((await login(user.username, `Wrong#pass${i}`)).body.message).toContain('用户名或密码错误');
      const fifth = await login(user.username, 'Wrong#pass5');
      expect(fifth.status).toBe(401);
      expect(fifth.body).toMatchObject({ code: 'ACCOUNT_LOCKED', message: expect.stringContaining('账号已锁定至 11-26 10:15') });
      const right = await login(user.username);
      expect(right.status).toBe(401);
      expect(right.body.code).toBe('ACCOUNT_LOCKED');
      expect(await t.db.query('SELECT failed_logins, locked_until FROM app_user WHERE id = $1', [user.id])).toEqual([{ failed_logins: 5, locked_until: new Date('2026-11-26T02:15:00Z') }]);
      expect(await actions(user.id)).toEqual([...Array(5).fill('login_failure'), 'lock', 'login_failure']);
      expect((await t.db.query(`SELECT after FROM audit_event WHERE entity_id = $1 AND action = 'login_failure' ORDER BY at DESC LIMIT 1`, [user.id]))[0].after).toMatchObject({ reason: 'locked' });

      later(15);
      // a lock that has run out starts the count again: one more wrong password does not lock at once
      expect((await login(user.username, 'Wrong#again1')).body.message).toContain('用户名或密码错误');
      expect((await login(user.username)).status).toBe(200);
      expect(await t.db.query('SELECT failed_logins, locked_until FROM app_user WHERE id = $1', [user.id])).toEqual([{ failed_logins: 0, locked_until: null }]);
    });

    it('lets the security administrator see the lock and lift it, audited', async () => {
      const user = await leader();
      for (let i = 1; i <= 5; i++) await login(user.username, `Wrong#pass${i}`);
      const securityAuth = await bearer(t, security.username);
      const listed = await t.http.get('/api/security/users').query({ q: user.username }).set('Authorization', securityAuth);
      expect(listed.body.items[0]).toMatchObject({ username: user.username, failedLogins: 5, lockedUntil: '2026-11-26T02:15:00.000Z' });

      const unlocked = await t.http.post(`/api/security/users/${user.id}/unlock`).set('Authorization', securityAuth);
      expect(unlocked.status).toBe(201);
      expect(unlocked.body).toMatchObject({ failedLogins: 0, lockedUntil: null });
      expect((await login(user.username)).status).toBe(200);
      const [audit] = await t.db.query(`SELECT actor_id, before FROM audit_event WHERE entity_id = $1 AND action = 'unlock'`, [user.id]);
      expect(audit).toEqual({ actor_id: security.id, before: { failedLogins: 5, lockedUntil: '2026-11-26T02:15:00.000Z' } });
    });

    it('spends a real password verification on an unknown username (against a dummy hash), and logs the attempt', async () => {
      const hasher = t.app.get(PasswordHasher);
      const verify = jest.spyOn(hasher, 'verify');
      const res = await login('nobody_at_all', 'Some#guess1');
      expect(res.status).toBe(401);
      expect(res.body.message).toContain('用户名或密码错误');
      expect(verify).toHaveBeenCalledTimes(1);
      expect(verify.mock.calls[0][0]).toMatch(/^\$argon2id\$/);
      expect(verify.mock.calls[0][1]).toBe('Some#guess1');
      verify.mockRestore();
      const [logged] = await t.db.query(`SELECT after FROM audit_event WHERE action = 'login_failure' AND after->>'username' = 'nobody_at_all'`);
      expect(logged.after).toMatchObject({ reason: 'unknown_user' });
    });

    it('verifies an old bcrypt hash and stores argon2id in its place at that login', async () => {
      const user = await leader();
      await t.db.query('UPDATE app_user SET password_hash = $2 WHERE id = $1', [user.id, bcrypt.hashSync(TEST_PASSWORD, 4)]);
      expect((await login(user.username)).status).toBe(200);
      const [{ password_hash }] = await t.db.query('SELECT password_hash FROM app_user WHERE id = $1', [user.id]);
      expect(password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
      expect((await login(user.username)).status).toBe(200);
    });
  });

  describe('password policy', () => {
    it('makes a user with an initial password change it before anything else, then refuses reusing a recent one', async () => {
      const adminAuth = await bearer(t, admin.username);
      const created = await t.http.post('/api/users').set('Authorization', adminAuth)
        .send({ username: 'first_login', displayName: '初次', password: 'Init#2026pw', role: 'leader', regionId: world.province.id });
      expect(created.status).toBe(201);
      const first = await login('first_login', 'Init#2026pw');
      expect(first.body.user.passwordChangeRequired).toBe('initial');
      const auth = `Bearer ${first.body.accessToken}`;
      const blocked = await t.http.get('/api/tasks').set('Authorization', auth);
      expect(blocked.status).toBe(403);
      expect(blocked.body).toMatchObject({ code: 'PASSWORD_CHANGE_REQUIRED', message: expect.stringContaining('首次登录须修改初始密码') });
      expect((await t.http.get('/api/auth/me').set('Authorization', auth)).body.passwordChangeRequired).toBe('initial');

      const change = (authorization: string, currentPassword: string, newPassword: string) =>
        t.http.post('/api/auth/password').set('Authorization', authorization).send({ currentPassword, newPassword });
      expect((await change(auth, 'Init#2026pw', 'Second#2026pw')).status).toBe(204);
      const second = await login('first_login', 'Second#2026pw');
      expect(second.body.user.passwordChangeRequired).toBeNull();
      const auth2 = `Bearer ${second.body.accessToken}`;
      expect((await t.http.get('/api/tasks').set('Authorization', auth2)).status).toBe(200);
      const reuse = await change(auth2, 'Second#2026pw', 'Init#2026pw');
      expect(reuse.status).toBe(400);
      expect(reuse.body.errors[0]).toEqual({ field: 'newPassword', messages: [expect.stringContaining('最近 5 次')] });
      expect((await login('first_login', 'Second#2026pw')).status).toBe(200);
    });

    it('makes a password older than 90 days expire: login works, everything but changing it is refused', async () => {
      const user = await leader();
      await t.db.query(`UPDATE app_user SET password_changed_at = $2::timestamptz - interval '90 days' WHERE id = $1`, [user.id, TEST_NOW]);
      const res = await login(user.username);
      expect(res.status).toBe(200);
      expect(res.body.user.passwordChangeRequired).toBe('expired');
      const auth = `Bearer ${res.body.accessToken}`;
      expect((await t.http.get('/api/tasks').set('Authorization', auth)).body.message).toContain('密码已过期');
      expect((await t.http.post('/api/auth/password').set('Authorization', auth).send({ currentPassword: TEST_PASSWORD, newPassword: 'Fresh#2026pw' })).status).toBe(204);
      const fresh = await login(user.username, 'Fresh#2026pw');
      expect(fresh.body.user.passwordChangeRequired).toBeNull();
      expect((await t.http.get('/api/tasks').set('Authorization', `Bearer ${fresh.body.accessToken}`)).status).toBe(200);
    });

    it('forces a change after a reset by the security administrator, and applies the policy they set', async () => {
      const securityAuth = await bearer(t, security.username);
      const user = await leader();
      expect((await t.http.post(`/api/security/users/${user.id}/password`).set('Authorization', securityAuth).send({ password: 'Reset#2026pw' })).status).toBe(201);
      expect((await login(user.username, 'Reset#2026pw')).body.user.passwordChangeRequired).toBe('reset');

      const policy = { minLength: 12, minClasses: 4, historyCount: 3, maxAgeDays: 30, lockThreshold: 3, lockMinutes: 5 };
      const bad = await t.http.put('/api/security/policy').set('Authorization', securityAuth).send({ ...policy, minLength: 4 });
      expect(bad.status).toBe(400);
      expect(bad.body.errors[0].field).toBe('minLength');
      expect((await t.http.put('/api/security/policy').set('Authorization', securityAuth).send(policy)).body).toEqual({ ...policy, custom: true });
      try {
        const weak = await t.http.post(`/api/security/users/${user.id}/password`).set('Authorization', securityAuth).send({ password: 'Reset#2026p' });
        expect(weak.body.errors[0].messages[0]).toContain('至少 12 位');
        const other = await leader();
        for (let i = 1; i <= 3; i++) await login(other.username, `Wrong#pass${i}`);
        expect((await login(other.username)).body.code).toBe('ACCOUNT_LOCKED');
      } finally {
        await t.db.query('DELETE FROM security_policy');
      }
      expect((await t.http.get('/api/security/policy').set('Authorization', securityAuth)).body).toEqual({ minLength: 8, minClasses: 3, historyCount: 5, maxAgeDays: 90, lockThreshold: 5, lockMinutes: 15, custom: false });
    });
  });

  describe('sessions', () => {
    it('end after 30 minutes without a request, saying so', async () => {
      const auth = await bearer(t, (await leader()).username);
      later(29);
      expect((await t.http.get('/api/auth/me').set('Authorization', auth)).status).toBe(200);
      later(29);
      expect((await t.http.get('/api/auth/me').set('Authorization', auth)).status).toBe(200);
      later(30);
      const idle = await t.http.get('/api/auth/me').set('Authorization', auth);
      expect(idle.status).toBe(401);
      expect(idle.body).toMatchObject({ code: 'SESSION_IDLE', message: expect.stringContaining('超过 30 分钟未操作') });
    });

    it('end after 30 minutes of only background requests (the web app polling an unattended tab), which are answered but are not activity', async () => {
      const auth = await bearer(t, (await leader()).username);
      const poll = () => t.http.get('/api/me/notifications?unread=true&pageSize=1').set('Authorization', auth).set('X-FTZ-Background', '1');
      for (let minutes = 10; minutes < 30; minutes += 10) {
        later(10);
        expect((await poll()).status).toBe(200);
      }
      later(10);
      const idle = await poll();
      expect(idle.status).toBe(401);
      expect(idle.body.code).toBe('SESSION_IDLE');
      expect((await t.http.get('/api/auth/me').set('Authorization', auth)).body.code).toBe('SESSION_IDLE');
    });

    it('end 8 hours after login however busy', async () => {
      const auth = await bearer(t, (await leader()).username);
      for (let minutes = 20; minutes < 8 * 60; minutes += 20) {
        later(20);
        expect((await t.http.get('/api/auth/me').set('Authorization', auth)).status).toBe(200);
      }
      later(20);
      const expired = await t.http.get('/api/auth/me').set('Authorization', auth);
      expect(expired.status).toBe(401);
      expect(expired.body).toMatchObject({ code: 'SESSION_EXPIRED', message: expect.stringContaining('登录已满 8 小时') });
    });

    it('all end at once on logout, on a password change and on deactivation', async () => {
      const user = await leader();
      const me = (auth: string) => t.http.get('/api/auth/me').set('Authorization', auth);

      let [a, b] = [await bearer(t, user.username), await bearer(t, user.username)];
      expect((await t.http.post('/api/auth/logout').set('Authorization', a)).status).toBe(204);
      for (const auth of [a, b]) expect((await me(auth)).body).toMatchObject({ code: 'SESSION_ENDED', message: expect.stringContaining('已退出登录') });

      [a, b] = [await bearer(t, user.username), await bearer(t, user.username)];
      expect((await t.http.post('/api/auth/password').set('Authorization', a).send({ currentPassword: TEST_PASSWORD, newPassword: 'Other#2026pw' })).status).toBe(204);
      for (const auth of [a, b]) expect((await me(auth)).body.message).toContain('密码已修改');

      [a, b] = [await bearer(t, user.username, 'Other#2026pw'), await bearer(t, user.username, 'Other#2026pw')];
      expect((await t.http.patch(`/api/users/${user.id}`).set('Authorization', await bearer(t, admin.username)).send({ active: false })).status).toBe(200);
      for (const auth of [a, b]) expect((await me(auth)).body).toMatchObject({ code: 'ACCOUNT_DEACTIVATED' });
      expect(await t.db.query('SELECT count(*)::int AS open FROM user_session WHERE user_id = $1 AND ended_at IS NULL', [user.id])).toEqual([{ open: 0 }]);
      expect(await actions(user.id)).toEqual(expect.arrayContaining(['logout', 'change_password', 'deactivate']));
    });
  });

  describe('three administrators (三员分立)', () => {
    it('refuse each other\'s routes with 403, each refusal audited', async () => {
      const [adminAuth, securityAuth, auditAuth] = [await bearer(t, admin.username), await bearer(t, security.username), await bearer(t, auditor.username)];
      const target = await leader();
      const securityRoutes = [
        () => t.http.get('/api/security/users'),
        () => t.http.post(`/api/security/users/${target.id}/unlock`),
        () => t.http.post(`/api/security/users/${target.id}/password`).send({ password: 'Reset#2026pw' }),
        () => t.http.put(`/api/security/users/${target.id}/role`).send({ role: 'admin' }),
        () => t.http.get('/api/security/policy'),
        () => t.http.put('/api/security/policy').send({ minLength: 8, minClasses: 3, historyCount: 5, maxAgeDays: 90, lockThreshold: 5, lockMinutes: 15 }),
      ];
      const systemRoutes = [
        () => t.http.get('/api/users'),
        () => t.http.post('/api/users').send({ username: 'sneaky', displayName: '越权', password: 'Sneaky#2026', role: 'leader', regionId: world.province.id }),
        () => t.http.patch(`/api/users/${target.id}`).send({ active: false }),
        () => t.http.post('/api/departments').send({ name: '越权厅', level: 'national' }),
      ];
      const businessWrites = [() => t.http.post('/api/batches').send({}), () => t.http.post(`/api/tasks/${world.users.leader.id}/close-out`).send({})];
      for (const [auth, routes] of [
        [adminAuth, securityRoutes],
        [auditAuth, securityRoutes],
        [securityAuth, systemRoutes],
        [auditAuth, systemRoutes],
        [securityAuth, businessWrites],
        [auditAuth, businessWrites],
      ] as const) {
        for (const route of routes) {
          const res = await route().set('Authorization', auth);
          expect([res.status, res.body.message]).toEqual([403, expect.stringContaining('无权执行此操作')]);
        }
      }
      expect(await t.db.query(`SELECT count(*)::int AS n FROM app_user WHERE username = 'sneaky'`)).toEqual([{ n: 0 }]);
      expect(await t.db.query(`SELECT active, role FROM app_user WHERE id = $1`, [target.id])).toEqual([{ active: true, role: 'leader' }]);
      const refused = await t.db.query(`SELECT actor_id, count(*)::int AS n FROM audit_event WHERE action = 'permission_denied' AND actor_id = ANY($1) GROUP BY actor_id`, [[admin.id, security.id, auditor.id]]);
      expect(Object.fromEntries(refused.map((r: { actor_id: string; n: number }) => [r.actor_id, r.n]))).toEqual({
        [admin.id]: securityRoutes.length,
        [security.id]: systemRoutes.length + businessWrites.length,
        [auditor.id]: securityRoutes.length + systemRoutes.length + businessWrites.length,
      });
    });

    it('keeps the administrators\' accounts out of the system administrator\'s reach, and gives roles only through the security administrator', async () => {
      const [adminAuth, securityAuth] = [await bearer(t, admin.username), await bearer(t, security.username)];
      expect((await t.http.patch(`/api/users/${security.id}`).set('Authorization', adminAuth).send({ active: false })).status).toBe(403);
      const asAdmin = await t.http.post('/api/users').set('Authorization', adminAuth).send({ username: 'wannabe_admin', displayName: '想当管理员', password: 'Wanna#2026pw', role: 'security_admin' });
      expect(asAdmin.status).toBe(400);
      expect(asAdmin.body.errors[0].field).toBe('role');

      const target = await leader();
      const own = await t.http.put(`/api/security/users/${security.id}/role`).set('Authorization', securityAuth).send({ role: 'admin' });
      expect(own.status).toBe(400);
      const promoted = await t.http.put(`/api/security/users/${target.id}/role`).set('Authorization', securityAuth).send({ role: 'audit_admin' });
      expect(promoted.body).toMatchObject({ role: 'audit_admin', roleLabel: '审计管理员', regionId: null });
      const [audit] = await t.db.query(`SELECT actor_id, before, after FROM audit_event WHERE entity_id = $1 AND action = 'role_change'`, [target.id]);
      expect(audit).toMatchObject({ actor_id: security.id, before: { role: 'leader' }, after: { role: 'audit_admin' } });
    });
  });
});

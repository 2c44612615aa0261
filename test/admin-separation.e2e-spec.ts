import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import type { Test } from 'supertest';
import { createTestApp, type TestApp } from './app.js';
import { bearer } from './auth-helper.js';
import { makeProvinceWorld, makeUser } from './factories.js';

/**
 * 三员分立 (等保2.0 三级): the system administrator keeps users, departments and configuration, reads the coordinator's
 * pages, and makes no business write. The routes come from the app's own OpenAPI document, so a business route added
 * later without deciding who may write it fails here until it is refused to the admin or put on the allow-list.
 */
const ADMIN_WRITES = new Set([
  // signing in and out, one's own password
  'POST /api/auth/login',
  'POST /api/auth/logout',
  'POST /api/auth/password',
  // one's own notices
  'POST /api/me/notifications/read-all',
  'POST /api/me/notifications/{id}/read',
  // users and departments
  'POST /api/users',
  'PATCH /api/users/{id}',
  'POST /api/departments',
  'PATCH /api/departments/{id}',
  // configuration: the regions reference data, the reminder rules, running the reminder scheduler's sweep
  'POST /api/regions',
  'PATCH /api/regions/{id}',
  'PUT /api/admin/reminders/config/{id}',
  'POST /api/admin/reminders/sweep',
]);
/** The other administrators' routes, the admin's reads excepted: 三员分立 refuses them in both directions. */
const OTHER_ADMINISTRATORS = /^\/api\/(security|audit)(\/|$)/;

interface Route {
  method: string;
  template: string;
  key: string;
}

describe('三员分立: the system administrator makes no business write', () => {
  let t: TestApp;
  let admin: { id: string; username: string };
  let adminAuth: string;
  let routes: Route[];
  /** Province-scoped reads need a province: the admin picks one, as in the header. */
  let regionId: string;

  beforeAll(async () => {
    t = await createTestApp();
    regionId = (await makeProvinceWorld(t.db)).province.id;
    admin = await makeUser(t.db, 'admin');
    adminAuth = await bearer(t, admin.username);
    const doc: { paths: Record<string, Record<string, unknown>> } = (await t.http.get('/docs-json')).body;
    routes = Object.entries(doc.paths).flatMap(([template, methods]) => Object.keys(methods).map((m) => ({ method: m.toUpperCase(), template, key: `${m.toUpperCase()} ${template}` })));
  });
  afterAll(() => t.close());

  const writes = () => routes.filter((r) => r.method !== 'GET');
  const refusedWrites = () => writes().filter((r) => !ADMIN_WRITES.has(r.key));

  function call(route: Route, auth: string, body?: object): Test {
    const path = route.template.replace(/\{\w+\}/g, () => randomUUID());
    const req = (t.http as unknown as Record<string, (path: string) => Test>)[route.method.toLowerCase()](path).set('Authorization', auth);
    return body ? req.send(body) : req;
  }

  it('reads the allow-list off the app itself: every entry is a route the app has', () => {
    expect(refusedWrites().length).toBeGreaterThan(25);
    expect([...ADMIN_WRITES].filter((key) => !routes.some((r) => r.key === key))).toEqual([]);
  });

  it('refuses the admin every other write with 403 naming the role needed, audited, writing nothing', async () => {
    const before = await t.db.query(`SELECT count(*)::int AS n FROM audit_event WHERE actor_id = $1 AND action <> 'login'`, [admin.id]);
    const answers: string[] = [];
    for (const route of refusedWrites()) {
      const res = await call(route, adminAuth, {});
      const named = typeof res.body.message === 'string' && res.body.message.startsWith('无权执行此操作，需要角色：');
      if (res.status !== 403 || !named) answers.push(`${route.key} → ${res.status} ${JSON.stringify(res.body.message)}`);
    }
    expect(answers).toEqual([]);
    const trail = await t.db.query(`SELECT action, count(*)::int AS n FROM audit_event WHERE actor_id = $1 AND action <> 'login' GROUP BY action`, [admin.id]);
    expect(before).toEqual([{ n: 0 }]);
    expect(trail).toEqual([{ action: 'permission_denied', n: refusedWrites().length }]);
  });

  it('lets the admin through to users, departments and configuration (not refused; bad input answers 400)', async () => {
    const answers: string[] = [];
    for (const route of writes().filter((r) => ADMIN_WRITES.has(r.key))) {
      // A separate session for logging out, so the others stay signed in.
      const auth = route.key === 'POST /api/auth/logout' ? await bearer(t, admin.username) : adminAuth;
      // An unknown field fails validation after the roles guard: nothing is written, and a 403 would still show.
      const res = await call(route, auth, { probe: '三员分立' });
      if (res.status === 403 || res.status >= 500) answers.push(`${route.key} → ${res.status} ${JSON.stringify(res.body.message)}`);
    }
    expect(answers).toEqual([]);
  });

  it("keeps the coordinator's reads open to the admin (ledger, cockpit, batches, reports, rollouts, imports, settings)", async () => {
    const answers: string[] = [];
    for (const route of routes.filter((r) => r.method === 'GET' && !OTHER_ADMINISTRATORS.test(r.template))) {
      const res = await call(route, adminAuth).query({ regionId });
      if (res.status === 403 || res.status >= 500) answers.push(`${route.key} → ${res.status} ${JSON.stringify(res.body.message)}`);
    }
    expect(answers).toEqual([]);
  });
});

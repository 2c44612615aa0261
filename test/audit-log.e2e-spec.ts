import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { createTestApp, type TestApp } from './app.js';
import { bearer } from './auth-helper.js';
import { makeProvinceWorld, makeUser } from './factories.js';

describe('GET /api/audit (审计日志, login log, export)', () => {
  let t: TestApp;
  let auditor: string;
  let coordinator: string;
  const entity = randomUUID();
  const actor = `audit_probe_${Date.now()}`;

  beforeAll(async () => {
    t = await createTestApp();
    const world = await makeProvinceWorld(t.db);
    auditor = await bearer(t, (await makeUser(t.db, 'audit_admin')).username);
    coordinator = await bearer(t, world.users.coordinator.username);
    await t.db.query(
      `INSERT INTO audit_event (actor_username, entity_type, entity_id, action, after, at) VALUES
         ($1, 'user', $2, 'auth.login', NULL, '2026-11-20T01:00:00Z'),
         ($1, 'user', $2, 'auth.login_failed', NULL, '2026-11-21T01:00:00Z'),
         ($1, 'task', $2, 'update', '{"outcome":"=HYPERLINK(\\"http://evil.example\\",\\"x\\")"}', '2026-11-22T01:00:00Z'),
         ($1, 'task', $2, '-2+3', NULL, '2026-11-23T01:00:00Z')`,
      [actor, entity],
    );
  });
  afterAll(() => t.close());

  it('filters by time, user, action prefix (the login log) and object, newest first', async () => {
    const all = await t.http.get('/api/audit').query({ actor }).set('Authorization', auditor);
    expect(all.status).toBe(200);
    expect(all.body.items.map((e: { action: string }) => e.action)).toEqual(['-2+3', 'update', 'auth.login_failed', 'auth.login']);
    const logins = await t.http.get('/api/audit').query({ actor, action: 'auth.' }).set('Authorization', auditor);
    expect(logins.body.total).toBe(2);
    const exact = await t.http.get('/api/audit').query({ actor, action: 'auth.login' }).set('Authorization', auditor);
    expect(exact.body.total).toBe(1);
    const window = await t.http.get('/api/audit').query({ actor, from: '2026-11-21T00:00:00Z', to: '2026-11-23T00:00:00Z', entityType: 'task' }).set('Authorization', auditor);
    expect(window.body.items.map((e: { action: string }) => e.action)).toEqual(['update']);
    const paged = await t.http.get('/api/audit').query({ actor, page: 2, pageSize: 3 }).set('Authorization', auditor);
    expect(paged.body).toMatchObject({ total: 4, page: 2, pageSize: 3, items: [{ action: 'auth.login' }] });
  });

  it('exports CSV with formula-like text neutralised', async () => {
    const res = await t.http.get('/api/audit/export').query({ actor, format: 'csv' }).set('Authorization', auditor).buffer(true).parse((r, cb) => {
      let text = '';
      r.on('data', (c: Buffer) => (text += c.toString('utf8')));
      r.on('end', () => cb(null, text));
    });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toContain('text/csv');
    const lines = (res.body as string).replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[0]).toBe('时间,操作人,操作,对象类型,对象 id,修改前,修改后,链序号');
    expect(lines).toHaveLength(5);
    expect(lines[1].split(',')[2]).toBe(`'-2+3`);
    // JSON starts with "{": a formula inside it is text already, kept as it was written.
    expect(lines.find((l) => l.includes('HYPERLINK'))).toContain(`"{""outcome"":""=HYPERLINK(`);
  });

  it('answers 400 naming the field for bad filters, 403 to other roles', async () => {
    const bad = await t.http.get('/api/audit').query({ from: '2026-12-01T00:00:00Z', to: '2026-11-01T00:00:00Z' }).set('Authorization', auditor);
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('起始时间');
    expect((await t.http.get('/api/audit').query({ entityId: 'nope' }).set('Authorization', auditor)).status).toBe(400);
    expect((await t.http.get('/api/audit/export').query({ format: 'pdf' }).set('Authorization', auditor)).status).toBe(400);
    for (const path of ['/api/audit', '/api/audit/export?format=csv', '/api/audit/chain']) {
      expect((await t.http.get(path).set('Authorization', coordinator)).status).toBe(403);
    }
    expect((await t.http.get('/api/audit/chain').set('Authorization', auditor)).body).toMatchObject({ ok: true });
  });
});

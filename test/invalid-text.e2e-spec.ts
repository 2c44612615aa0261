import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createTestApp, type TestApp } from './app.js';
import { bearer } from './auth-helper.js';
import { count, makeProvinceWorld } from './factories.js';

/** NUL (PostgreSQL refuses it: a 500 before) and lone surrogates, wherever a client can put text: 400 naming the field. */
describe('invalid text: NUL and lone surrogates are 400s naming the field, never 500s', () => {
  let t: TestApp;
  let auth: string;

  beforeAll(async () => {
    t = await createTestApp();
    const world = await makeProvinceWorld(t.db);
    auth = await bearer(t, world.users.coordinator.username);
  });
  afterAll(() => t.close());

  const expectRefused = (res: { status: number; body: { message: string; errors: { field: string }[] } }, field: string) => {
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([{ field, messages: [expect.stringContaining('无效字符')] }]);
    expect(res.body.message).toContain(`${field} 含有无效字符`);
  };

  it('refuses them in list filters (query parameters)', async () => {
    expectRefused(await t.http.get('/api/batches?q=%E8%87%AA%00%E8%B4%B8').set('Authorization', auth), 'q');
    expectRefused(await t.http.get('/api/tasks').query({ q: 'a\u0000b' }).set('Authorization', auth), 'q');
    expectRefused(await t.http.get('/api/documents').query({ q: '\u0000' }).set('Authorization', auth), 'q');
    expectRefused(await t.http.get('/api/departments').query({ q: '商务\u0000' }).set('Authorization', auth), 'q');
  });

  it('refuses them in JSON bodies, nested fields included, and writes nothing', async () => {
    const before = await count(t.db, 'policy_document');
    expectRefused(await t.http.post('/api/documents').set('Authorization', auth).send({ docNumber: '测试〔2026〕1号', title: '通知\u0000' }), 'title');
    // JSON's \ud800 escape is a lone surrogate: stored it would silently become U+FFFD.
    const lone = await t.http.post('/api/documents').set('Authorization', auth).set('Content-Type', 'application/json').send('{"docNumber":"测试〔2026〕2号","title":"通知\\ud800"}');
    expectRefused(lone, 'title');
    expect(await count(t.db, 'policy_document')).toBe(before);
    const rows = await t.http.post('/api/imports').set('Authorization', auth).send({ docNumber: '测试〔2026〕3号', title: '通知', batchName: '批次', rows: [{ 改革事项: '甲' }, { 改革事项: '乙\u0000' }] });
    expectRefused(rows, 'rows.1.改革事项');
    expectRefused(await t.http.post('/api/auth/login').send({ username: 'admin\u0000', password: 'x' }), 'username');
  });

  it('refuses them in multipart fields, and a NUL in an uploaded file name', async () => {
    const file = Buffer.from('改革事项\r\n甲', 'utf8');
    const field = await t.http.post('/api/imports').set('Authorization', auth).field('docNumber', '测试〔2026〕\u00004号').field('title', '通知').field('batchName', '批次').attach('file', file, { filename: 'a.csv' });
    expectRefused(field, 'docNumber');
    const name = await t.http.post('/api/imports').set('Authorization', auth).field('docNumber', '测试〔2026〕5号').field('title', '通知').field('batchName', '批次').attach('file', file, { filename: '分工表\u0000.csv' });
    // Busboy refuses the raw NUL in the part header itself; the pipe names `file` for a name that gets past it.
    expect(name.status).toBe(400);
  });

  it('refuses them in route parameters, and a NUL in a page path is no 500', async () => {
    expectRefused(await t.http.get('/api/documents/abc%00def').set('Authorization', auth), 'id');
    expect((await t.http.get('/tasks/%00')).status).toBeLessThan(500);
  });
});

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { createTestApp, type TestApp } from './app.js';

// The web app's serving rules, through HTTP only. Apart from the browser journeys (test/web), which give the app a
// database of their own and so must be the first to start it in their file.
describe('the web app as the api serves it', () => {
  let t: TestApp;
  beforeAll(async () => (t = await createTestApp()));
  afterAll(() => t.close());

  it('answers every app path with the app, keeps the api, docs and health, and caches only hashed assets for long', async () => {
    for (const url of ['/', '/login', '/tasks/5b0c0c4e-1a4b-4d8e-9a55-3d6a1f0c9e10', '/my-reports?period=2026Q4']) {
      const res = await t.http.get(url);
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toContain('text/html');
      expect(res.headers['cache-control']).toBe('no-cache');
      expect(res.text).toContain('<div id="app">');
    }
    const asset = readdirSync(path.join(process.env.WEB_DIST!, 'assets')).find((f) => f.endsWith('.js'))!;
    const js = await t.http.get(`/assets/${asset}`);
    expect(js.status).toBe(200);
    expect(js.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect((await t.http.get('/assets/no-such-file.js')).status).toBe(404);
    const api = await t.http.get('/api/no-such-route');
    expect(api.status).toBe(404);
    expect(api.headers['content-type']).toContain('application/json');
    expect((await t.http.get('/api/tasks')).status).toBe(401);
    expect((await t.http.get('/health')).headers['content-type']).toContain('application/json');
    expect((await t.http.get('/docs-json')).body.openapi).toBeDefined();
  });
});

describe('/dashboard, the old leaders’ page', () => {
  let t: TestApp;
  beforeAll(async () => (t = await createTestApp()));
  afterAll(() => t.close());

  it('redirects to the cockpit in the app', async () => {
    const res = await t.http.get('/dashboard');
    expect(res.status).toBe(302);
    expect(res.headers.location).toBe('/cockpit');
    expect((await t.http.get('/dashboard/app.js')).status).toBe(404); // the old page's files are gone
  });
});

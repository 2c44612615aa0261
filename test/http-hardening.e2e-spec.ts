import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { appConfig } from '#libs/common';
import { createTestApp, type TestApp } from './app.js';
import { bearer } from './auth-helper.js';
import { makeUser } from './factories.js';

describe('HTTP hardening', () => {
  let t: TestApp;
  let token: string;

  beforeAll(async () => {
    // Production's default for the docs; the rest of the config stays the test's.
    appConfig().API_DOCS = 'signed-in';
    t = await createTestApp();
    const user = await makeUser(t.db, 'leader');
    token = await bearer(t, user.username);
  });
  afterAll(async () => {
    appConfig().API_DOCS = undefined;
    await t.close();
  });

  it.each(['/', '/tasks', '/health', '/api/auth/login'])('answers %s with the security headers and without X-Powered-By', async (path) => {
    const res = await t.http.get(path);
    expect(res.headers['x-powered-by']).toBeUndefined();
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-frame-options']).toBe('DENY');
    const csp = res.headers['content-security-policy'];
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("script-src 'self';");
    expect(csp).not.toContain('unsafe-eval');
  });

  it('opens /docs and /docs-json to signed-in users only', async () => {
    for (const path of ['/docs', '/docs/', '/docs-json']) {
      expect((await t.http.get(path)).status).toBe(401);
      expect((await t.http.get(path).set('Authorization', 'Bearer forged.token.value')).status).toBe(401);
    }
    const doc = await t.http.get('/docs-json').set('Authorization', token);
    expect(doc.status).toBe(200);
    expect(doc.body.openapi).toMatch(/^3\./);
    expect((await t.http.get('/docs/').set('Authorization', token)).status).toBe(200);
  });
});

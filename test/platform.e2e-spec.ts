import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createTestApp, type TestApp } from './app.js';

describe('health and API docs', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('reports database and Redis up without logging in', async () => {
    const res = await t.http.get('/health');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'ok', db: 'up', redis: 'up' });
  });

  it('publishes OpenAPI with every route, bearer auth and the error shape', async () => {
    const res = await t.http.get('/docs-json');
    expect(res.status).toBe(200);
    const paths = Object.keys(res.body.paths);
    for (const p of ['/api/auth/login', '/api/tasks', '/api/tasks/{id}/transitions', '/api/batches/{id}/adopt', '/api/tasks/{id}/milestones', '/api/users', '/api/regions', '/api/departments', '/api/documents', '/api/reform-items', '/health']) {
      expect(paths).toContain(p);
    }
    expect(res.body.components.schemas).toHaveProperty('ErrorResponseDto');
    expect(res.body.paths['/api/tasks'].get.responses).toHaveProperty('403');
    expect((await t.http.get('/docs')).status).toBe(200);
  });
});

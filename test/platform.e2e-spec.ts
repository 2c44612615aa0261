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

  it('documents the success body of every operation, lists as pages of their item schema', async () => {
    const doc = (await t.http.get('/docs-json')).body;
    const hasSchema = (content: Record<string, { schema?: Record<string, unknown> }> | undefined) =>
      Object.values(content ?? {}).some((c) => ['$ref', 'type', 'allOf', 'oneOf', 'properties', 'items'].some((k) => c.schema && k in c.schema));
    const offending: string[] = [];
    for (const [route, ops] of Object.entries<Record<string, { responses: Record<string, { content?: Record<string, { schema?: Record<string, unknown> }> }> }>>(doc.paths)) {
      for (const [method, op] of Object.entries(ops)) {
        const success = Object.entries(op.responses).filter(([code]) => /^2\d\d$/.test(code));
        if (success.length === 0) offending.push(`${method.toUpperCase()} ${route}: no 2xx response`);
        for (const [code, response] of success) {
          if (code !== '204' && !hasSchema(response.content)) offending.push(`${method.toUpperCase()} ${route}: ${code} has no body schema`);
        }
      }
    }
    expect(offending).toEqual([]);
    // every documented class is registered: no $ref points at a missing schema
    const refs = [...JSON.stringify(doc).matchAll(/"\$ref":"#\/components\/schemas\/([^"]+)"/g)].map((m) => m[1]);
    expect(refs.filter((name) => !(name in doc.components.schemas))).toEqual([]);

    expect(doc.components.schemas).toHaveProperty('TaskViewDto');
    const listSchema = doc.paths['/api/tasks'].get.responses['200'].content['application/json'].schema;
    const [page, own] = listSchema.allOf;
    expect(page.$ref).toBe('#/components/schemas/PageDto');
    expect(own.properties.items).toEqual({ type: 'array', items: { $ref: '#/components/schemas/TaskViewDto' } });
    expect(own.properties.applicability).toEqual({ $ref: '#/components/schemas/ApplicabilitySummaryDto' });
  });
});

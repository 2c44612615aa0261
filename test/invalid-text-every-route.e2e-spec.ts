import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createTestApp, type TestApp } from './app.js';
import { bearer } from './auth-helper.js';
import { makeProvinceWorld, makeUser } from './factories.js';

interface Schema {
  $ref?: string;
  type?: string;
  properties?: Record<string, Schema>;
  allOf?: Schema[];
}
interface Operation {
  parameters?: { name: string; in: 'path' | 'query' | 'header'; schema?: Schema }[];
  requestBody?: { content?: Record<string, { schema?: Schema }> };
}

const NUL = 'a\u0000b';

/**
 * Every route the OpenAPI document lists, a NUL put into each thing it declares (route parameter, query parameter, JSON
 * string field): never a 5xx. Routes that declare nothing to put it in are left alone — a request to them would act.
 */
describe('invalid text over every route of the OpenAPI document: no 5xx', () => {
  let t: TestApp;
  // The coordinator first (the business writes, which the admin is refused); the admin for users; the department's
  // liaison for the routes only a department may use (progress reports); the security and audit administrators for
  // theirs (三员分立: each administrator is refused the others' routes).
  const tokens: string[] = [];
  let document: { paths: Record<string, Record<string, Operation>>; components: { schemas: Record<string, Schema> } };

  beforeAll(async () => {
    t = await createTestApp();
    const world = await makeProvinceWorld(t.db);
    tokens.push(await bearer(t, world.users.coordinator.username));
    tokens.push(await bearer(t, (await makeUser(t.db, 'admin')).username));
    tokens.push(await bearer(t, world.users.department.username));
    tokens.push(await bearer(t, (await makeUser(t.db, 'security_admin')).username));
    tokens.push(await bearer(t, (await makeUser(t.db, 'audit_admin')).username));
    document = (await t.http.get('/docs-json')).body;
  });
  afterAll(() => t.close());

  const resolve = (schema: Schema | undefined): Schema | undefined => {
    if (!schema) return undefined;
    if (schema.$ref) return resolve(document.components.schemas[schema.$ref.split('/').pop()!]);
    if (schema.allOf) return { properties: Object.assign({}, ...schema.allOf.map((s) => resolve(s)?.properties ?? {})) };
    return schema;
  };

  it('answers each with a 400 naming the field the NUL was put in', async () => {
    const answers: { route: string; where: string; status: number; body: unknown }[] = [];
    for (const [path, operations] of Object.entries(document.paths)) {
      for (const [method, operation] of Object.entries(operations)) {
        const pathParams = (operation.parameters ?? []).filter((p) => p.in === 'path').map((p) => p.name);
        const queryParams = (operation.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name);
        const bodyFields = Object.entries(resolve(operation.requestBody?.content?.['application/json']?.schema)?.properties ?? {})
          .filter(([, s]) => resolve(s)?.type === 'string')
          .map(([name]) => name);
        const url = (nulIn: string | null) => path.replace(/\{(\w+)\}/g, (_, name: string) => (name === nulIn ? encodeURIComponent(NUL) : '00000000-0000-4000-8000-000000000000'));
        const send = async (where: string, target: string, query: Record<string, string>, body?: Record<string, string>) => {
          let res: import('supertest').Response | undefined;
          for (const token of tokens) {
            const req = (t.http as unknown as Record<string, (u: string) => import('supertest').Test>)[method]!(target).set('Authorization', token).query(query);
            res = body ? await req.send(body) : await req;
            if (res.status !== 403) break;
          }
          if (!res) return;
          answers.push({ route: `${method.toUpperCase()} ${path}`, where, status: res.status, body: res.body });
        };
        for (const name of pathParams) await send(`path ${name}`, url(name), {});
        for (const name of queryParams) await send(`query ${name}`, url(null), { [name]: NUL });
        for (const name of bodyFields) await send(`body ${name}`, url(null), {}, { [name]: NUL });
      }
    }
    expect(answers.filter((a) => a.status >= 500)).toEqual([]);
    // All of them reach the pipe as one of the two: a 400 naming the very field the NUL was put in.
    const named = answers.filter((a) => a.status === 400 && (a.body as { errors?: { field: string }[] }).errors?.[0]?.field === a.where.split(' ')[1]);
    expect(answers.length).toBeGreaterThan(100);
    expect(answers.filter((a) => !named.includes(a)).map((a) => `${a.route} ${a.where} ${a.status}`)).toEqual([]);
  });
});

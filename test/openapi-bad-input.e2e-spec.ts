import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { createTestApp, type TestApp } from './app.js';
import { bearer } from './auth-helper.js';
import { makeProvinceWorld, makeUser } from './factories.js';

/**
 * Bad input generated from the api's own OpenAPI document, over every route and method: wrong types, missing
 * required fields, overlong strings, NUL characters, non-UUID path ids, negative and huge numbers. Whatever a caller
 * sends, the answer is a 4xx, never a 5xx.
 */
interface Schema {
  type?: string;
  format?: string;
  enum?: unknown[];
  items?: Schema;
  properties?: Record<string, Schema>;
  required?: string[];
  $ref?: string;
  allOf?: Schema[];
  oneOf?: Schema[];
  anyOf?: Schema[];
  minimum?: number;
  maxLength?: number;
}
interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header';
  required?: boolean;
  schema?: Schema;
}
interface Operation {
  parameters?: Parameter[];
  requestBody?: { content: Record<string, { schema: Schema }> };
}
interface Probe {
  method: string;
  path: string;
  query: Record<string, unknown>;
  body?: unknown;
  label: string;
  nul: boolean;
}

const NUL = 'a\u0000b';
const OVERLONG = '长'.repeat(20_000);
/** Long enough to pass any field's limit, short enough for a URL (Node refuses request heads over 16 KB with 431). */
const OVERLONG_QUERY = '长'.repeat(1_000);
/** Routes a bad-input probe must not reach: ending the probe's own session would turn every later answer into 401. */
const SKIPPED = /\/logout$/;

describe('bad input from the OpenAPI document', () => {
  let t: TestApp;
  let doc: { paths: Record<string, Record<string, Operation>>; components: { schemas: Record<string, Schema> } };
  let tokens: string[];
  const probes: Probe[] = [];
  const results: { probe: Probe; status: number; body: unknown }[] = [];

  const resolve = (s: Schema | undefined): Schema => {
    if (!s) return {};
    if (s.$ref) return resolve(doc.components.schemas[s.$ref.split('/').pop()!]);
    if (s.allOf) {
      const parts = s.allOf.map(resolve);
      return { type: 'object', properties: Object.assign({}, ...parts.map((p) => p.properties ?? {})), required: parts.flatMap((p) => p.required ?? []) };
    }
    if (s.oneOf ?? s.anyOf) return resolve((s.oneOf ?? s.anyOf)![0]);
    return s;
  };

  /** A plausible valid value, so that one bad field at a time gets past the others. */
  const sample = (raw: Schema | undefined, depth = 0): unknown => {
    const s = resolve(raw);
    if (s.enum) return s.enum[0];
    if (s.format === 'uuid') return randomUUID();
    if (s.format === 'date') return '2026-06-30';
    if (s.format === 'date-time') return '2026-06-30T00:00:00Z';
    switch (s.type) {
      case 'integer':
      case 'number':
        return Math.max(1, s.minimum ?? 1);
      case 'boolean':
        return true;
      case 'array':
        return depth > 2 ? [] : [sample(s.items, depth + 1)];
      case 'object':
        return depth > 2 ? {} : Object.fromEntries(Object.entries(s.properties ?? {}).map(([k, v]) => [k, sample(v, depth + 1)]));
      default:
        return '测试';
    }
  };

  /** Values that are wrong for the schema, each labelled; `nul` marks the NUL-character cases. */
  const badValues = (raw: Schema | undefined): { value: unknown; label: string; nul?: boolean }[] => {
    const s = resolve(raw);
    const wrongType = s.type === 'string' || s.enum ? 12345 : s.type === 'array' ? 'not-an-array' : s.type === 'object' ? 'not-an-object' : 'abc';
    const values: { value: unknown; label: string; nul?: boolean }[] = [
      { value: wrongType, label: 'wrong type' },
      { value: null, label: 'null' },
      { value: NUL, label: 'NUL', nul: true },
    ];
    if (s.type === 'string' || !s.type) values.push({ value: OVERLONG, label: 'overlong' }, { value: 'not-a-uuid', label: 'not a uuid' });
    if (s.type === 'integer' || s.type === 'number') values.push({ value: -1, label: 'negative' }, { value: 1e20, label: 'huge' }, { value: 1.5, label: 'fraction' });
    if (s.type === 'array') values.push({ value: [wrongType], label: 'wrong item' }, { value: [NUL], label: 'NUL item', nul: true });
    return values;
  };

  const queryValue = (v: unknown) => (v === null ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v));

  beforeAll(async () => {
    t = await createTestApp();
    const world = await makeProvinceWorld(t.db);
    const admin = await makeUser(t.db, 'admin');
    tokens = [await bearer(t, world.users.coordinator.username), await bearer(t, admin.username)];
    doc = (await t.http.get('/docs-json')).body;

    for (const [template, methods] of Object.entries(doc.paths)) {
      if (SKIPPED.test(template)) continue;
      for (const [method, op] of Object.entries(methods)) {
        const params = op.parameters ?? [];
        const pathParams = params.filter((p) => p.in === 'path');
        const queryParams = params.filter((p) => p.in === 'query');
        const fill = (overrides: Record<string, string> = {}) =>
          template.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(overrides[name] ?? String(sample(pathParams.find((p) => p.name === name)?.schema))));
        const baseQuery = Object.fromEntries(queryParams.filter((p) => p.required).map((p) => [p.name, queryValue(sample(p.schema))]));
        const add = (label: string, nul: boolean, path: string, query: Record<string, unknown>, body?: unknown) => probes.push({ method, path, query, body, label: `${method.toUpperCase()} ${template} ${label}`, nul });

        for (const p of pathParams) {
          for (const bad of ['not-a-uuid', NUL, 'x'.repeat(5_000), '-1', '99999999999999999999']) add(`path ${p.name}=${JSON.stringify(bad.slice(0, 12))}`, bad === NUL, fill({ [p.name]: bad }), baseQuery);
        }
        for (const p of queryParams) {
          for (const bad of badValues(p.schema)) add(`query ${p.name} ${bad.label}`, !!bad.nul, fill(), { ...baseQuery, [p.name]: bad.value === OVERLONG ? OVERLONG_QUERY : queryValue(bad.value) });
          add(`query ${p.name} repeated`, false, fill(), { ...baseQuery, [p.name]: ['1', '2'] });
        }
        const bodySchema = op.requestBody && Object.values(op.requestBody.content)[0]?.schema;
        if (bodySchema) {
          const s = resolve(bodySchema);
          const base = sample(s) as Record<string, unknown>;
          add('body {}', false, fill(), baseQuery, {});
          add('body array', false, fill(), baseQuery, [base]);
          add('body text', false, fill(), baseQuery, 'not json');
          for (const [name, propSchema] of Object.entries(s.properties ?? {})) {
            for (const bad of badValues(propSchema)) add(`body ${name} ${bad.label}`, !!bad.nul, fill(), baseQuery, { ...base, [name]: bad.value });
            if (s.required?.includes(name)) {
              const { [name]: _missing, ...rest } = base;
              add(`body ${name} missing`, false, fill(), baseQuery, rest);
            }
          }
        }
      }
    }

    for (const probe of probes) {
      try {
        let res = await send(probe, tokens[0]);
        // A route the coordinator may not use is probed as the admin.
        if (res.status === 403) res = await send(probe, tokens[1]);
        results.push({ probe, status: res.status, body: res.body });
      } catch (e) {
        // The connection broke instead of answering (a download aborted halfway): as bad as a 5xx.
        results.push({ probe, status: 599, body: (e as Error).message });
      }
    }
  }, 600_000);
  afterAll(() => t.close());

  function send(probe: Probe, token: string) {
    const req = (t.http as unknown as Record<string, (path: string) => import('supertest').Test>)[probe.method](probe.path).query(probe.query as Record<string, string>).set('Authorization', token);
    if (probe.body === undefined) return req;
    return typeof probe.body === 'string' ? req.set('Content-Type', 'application/json').send(probe.body) : req.send(probe.body as object);
  }

  const failures = (nul: boolean) => results.filter((r) => r.status >= 500 && r.probe.nul === nul).map((r) => `${r.probe.label} → ${r.status} ${JSON.stringify(r.body).slice(0, 120)}`);

  it('probes every documented route', () => {
    expect(Object.keys(doc.paths).length).toBeGreaterThan(40);
    expect(probes.length).toBeGreaterThan(500);
  });

  it('answers wrong types, missing fields, overlong text, bad ids and odd numbers without a 5xx', () => {
    expect(failures(false)).toEqual([]);
  });

  it('answers NUL characters without a 5xx', () => {
    expect(failures(true)).toEqual([]);
  });
});

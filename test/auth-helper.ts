import type { TestApp } from './app.js';
import { TEST_PASSWORD } from './factories.js';

/** Logs in through the real endpoint and returns an Authorization header value. */
export async function bearer(t: TestApp, username: string, password = TEST_PASSWORD): Promise<string> {
  const res = await t.http.post('/api/auth/login').send({ username, password });
  if (res.status !== 200) throw new Error(`login as ${username} failed: ${res.status} ${JSON.stringify(res.body)}`);
  return `Bearer ${res.body.accessToken as string}`;
}

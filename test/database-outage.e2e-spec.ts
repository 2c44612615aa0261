import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import net from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { createTestApp, type TestApp } from './app.js';
import { bearer } from './auth-helper.js';
import { makeProvinceWorld } from './factories.js';

/** A TCP proxy in front of PostgreSQL that the test can cut (connections refused), stall (accepted, never answered) and restore. */
class DatabaseProxy {
  private server: net.Server | null = null;
  private readonly sockets = new Set<net.Socket>();
  private mode: 'forward' | 'stall' = 'forward';
  port = 0;

  constructor(private readonly target: { host: string; port: number }) {}

  async start(): Promise<void> {
    this.server = net.createServer((client) => {
      this.sockets.add(client);
      client.on('close', () => this.sockets.delete(client));
      client.on('error', () => undefined);
      if (this.mode === 'stall') return;
      const upstream = net.connect(this.target.port, this.target.host);
      this.sockets.add(upstream);
      upstream.on('close', () => this.sockets.delete(upstream));
      upstream.on('error', () => client.destroy());
      client.on('close', () => upstream.destroy());
      upstream.on('close', () => client.destroy());
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((resolve) => this.server!.listen(this.port, '127.0.0.1', resolve));
    this.port = (this.server.address() as net.AddressInfo).port;
  }

  /** Like a database that went away: open connections dropped, new ones refused. */
  async cut(): Promise<void> {
    const server = this.server!;
    this.server = null;
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    for (const socket of this.sockets) socket.destroy();
    await closed;
  }

  /** Like a database host that accepts connections and never answers (a hung server, a black-holed network). */
  stall(): void {
    this.mode = 'stall';
    for (const socket of this.sockets) socket.destroy();
  }

  async restore(): Promise<void> {
    this.mode = 'forward';
    for (const socket of this.sockets) socket.destroy();
    if (!this.server) await this.start();
  }

  async stop(): Promise<void> {
    await this.cut().catch(() => undefined);
  }
}

describe('database unavailable: 503 with Retry-After, then recovery without a restart', () => {
  const sharedUrl = process.env.DATABASE_URL!;
  const target = new URL(sharedUrl);
  const proxy = new DatabaseProxy({ host: target.hostname, port: Number(target.port || 5432) });
  let t: TestApp;
  let auth: string;

  beforeAll(async () => {
    await proxy.start();
    const viaProxy = new URL(sharedUrl);
    viaProxy.host = `127.0.0.1:${proxy.port}`;
    // Read by the app's config when this suite's app starts: this app instance reaches PostgreSQL only through the proxy.
    process.env.DATABASE_URL = viaProxy.toString();
    t = await createTestApp();
    const world = await makeProvinceWorld(t.db);
    auth = await bearer(t, world.users.coordinator.username);
  });
  afterAll(async () => {
    await proxy.restore();
    await t.close();
    await proxy.stop();
    process.env.DATABASE_URL = sharedUrl;
  });

  const expectUnavailable = (res: { status: number; headers: Record<string, string>; body: { message: string; errorId?: string } }) => {
    expect(res.status).toBe(503);
    expect(res.headers['retry-after']).toBe('10');
    expect(res.body.message).toContain('数据库暂时不可用');
    expect(res.body.errorId).toBeUndefined();
  };

  /** The first 200 within a few seconds: pooled connections the outage broke are replaced as they are found dead. */
  async function recovered(path: string): Promise<number> {
    let status = 0;
    for (let i = 0; i < 20 && status !== 200; i++) {
      status = (await t.http.get(path).set('Authorization', auth)).status;
      if (status !== 200) await sleep(250);
    }
    return status;
  }

  it('answers 503 with Retry-After for reads and writes while PostgreSQL refuses connections, and 200 once it is back', async () => {
    expect((await t.http.get('/api/batches').set('Authorization', auth)).status).toBe(200);
    await proxy.cut();

    expectUnavailable(await t.http.get('/api/batches').set('Authorization', auth));
    expectUnavailable(await t.http.get('/api/tasks').query({ q: '单一窗口' }).set('Authorization', auth));
    expectUnavailable(await t.http.post('/api/documents').set('Authorization', auth).send({ docNumber: '停机〔2026〕1号', title: '数据库停机期间提交的文件' }));
    expect((await t.http.get('/health')).body).toMatchObject({ status: 'error', db: 'down' });

    await proxy.restore();
    expect(await recovered('/api/batches')).toBe(200);
    const created = await t.http.post('/api/documents').set('Authorization', auth).send({ docNumber: `恢复〔2026〕${Date.now()}号`, title: '数据库恢复后提交的文件' });
    expect(created.status).toBe(201);
  });

  it('answers 503 within the connect timeout when PostgreSQL accepts connections but never answers', async () => {
    proxy.stall();
    const started = Date.now();
    expectUnavailable(await t.http.get('/api/batches').set('Authorization', auth));
    expect(Date.now() - started).toBeLessThan(15_000);

    await proxy.restore();
    expect(await recovered('/api/batches')).toBe(200);
  });
});

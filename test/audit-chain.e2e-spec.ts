import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { DataSource } from 'typeorm';
import { AuditChainService, AuditService } from '#libs/audit';
import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { QueueName } from '#libs/queue';
import { dataSourceOptions, runMigrations } from '#libs/database';
import { AuditRepository } from '../libs/audit/src/audit.repository.js';
import { createTestApp, type TestApp } from './app.js';
import { startWorker } from './reminders-harness.js';
import { count } from './factories.js';

const entry = (action = 'test') => ({ actor: null, entityType: 'region', entityId: randomUUID(), action, after: { note: '测试' } });
const refused = expect.objectContaining({ message: expect.stringMatching(/append-only/), code: '42501' });

describe('audit table: append-only and chained by SM3', () => {
  let t: TestApp;
  let audit: AuditService;
  let chain: AuditChainService;

  beforeAll(async () => {
    t = await createTestApp();
    audit = t.app.get(AuditService);
    chain = t.app.get(AuditChainService);
  });
  afterAll(() => t.close());

  it('refuses UPDATE, DELETE and TRUNCATE in the database itself, even for a superuser', async () => {
    await audit.record(t.db.manager, entry());
    const [{ id }] = await t.db.query(`SELECT id FROM audit_event ORDER BY at DESC LIMIT 1`);
    await expect(t.db.query(`UPDATE audit_event SET action = 'forged' WHERE id = $1`, [id])).rejects.toEqual(refused);
    await expect(t.db.query(`DELETE FROM audit_event WHERE id = $1`, [id])).rejects.toEqual(refused);
    await expect(t.db.query(`TRUNCATE audit_event CASCADE`)).rejects.toEqual(refused);
    // The purge's flag opens DELETE for rows past 180 days only.
    await expect(t.db.transaction(async (m) => {
      await m.query(`SET LOCAL ftz.audit_purge = 'on'`);
      await m.query(`DELETE FROM audit_event WHERE id = $1`, [id]);
    })).rejects.toEqual(refused);
    await chain.seal(true);
    await expect(t.db.query(`UPDATE audit_seal SET hash = hash WHERE event_id = $1`, [id])).rejects.toEqual(refused);
    await expect(t.db.query(`DELETE FROM audit_seal WHERE event_id = $1`, [id])).rejects.toEqual(refused);
    expect(await count(t.db, 'audit_event', 'id = $1 AND action = $2', [id, 'test'])).toBe(1);
  });

  it('chains the rows every writer commits, and a normal run verifies clean', async () => {
    // The three ways rows are written: entities (record), a change with its row (recordChange), set-based SQL.
    await audit.record(t.db.manager, entry(), entry());
    const [{ id: regionId }] = await t.db.query(`SELECT id FROM region LIMIT 1`).then((r) => (r.length ? r : t.db.query(`INSERT INTO region (code, name, level) VALUES ('990000', '测试省', 'province') RETURNING id`)));
    await audit.recordChange(t.db.manager, { sql: `UPDATE region SET name = name WHERE id = $1 RETURNING id`, params: [regionId] }, { actor: null, entityType: 'region', action: 'rename' });
    await t.db.query(`INSERT INTO audit_event (entity_type, entity_id, action) SELECT 'region', gen_random_uuid(), 'bulk' FROM generate_series(1, 50)`);
    expect(await chain.seal()).toBeGreaterThanOrEqual(53);
    const report = await chain.verify();
    expect(report).toMatchObject({ ok: true, broken: null, unsealed: 0, firstSeq: 1 });
    expect(report.checked).toBe(await count(t.db, 'audit_event'));
    expect(report.headHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('keeps one valid chain under concurrent writers and concurrent sealers', async () => {
    const before = await count(t.db, 'audit_event');
    const writers = Array.from({ length: 20 }, (_, i) =>
      t.db.transaction(async (m) => {
        await audit.record(m, entry(`w${i}a`));
        await new Promise((r) => setTimeout(r, (i % 5) * 20));
        await audit.record(m, entry(`w${i}b`), entry(`w${i}c`));
      }),
    );
    const sealers = Array.from({ length: 5 }, (_, i) => new Promise((r) => setTimeout(r, i * 25)).then(() => chain.seal()));
    await Promise.all([...writers, ...sealers]);
    await chain.seal();
    const report = await chain.verify();
    expect(report).toMatchObject({ ok: true, unsealed: 0 });
    expect(report.checked).toBe(before + 60);
    // Each row sealed exactly once, the seqs without gaps.
    expect(await count(t.db, 'audit_seal')).toBe(before + 60);
    const [{ max }] = await t.db.query(`SELECT max(seq)::int AS max FROM audit_seal`);
    expect(max).toBe(before + 60);
  });

  it('reports exactly the row an attacker edited past the trigger, and is clean again when it is put back', async () => {
    const [victim] = await t.db.query(`SELECT e.id, e.at, e.after FROM audit_event e JOIN audit_seal s ON s.event_id = e.id ORDER BY s.seq OFFSET 10 LIMIT 1`);
    const tamper = (after: unknown) =>
      t.db.transaction(async (m) => {
        await m.query(`ALTER TABLE audit_event DISABLE TRIGGER audit_event_append_only`);
        await m.query(`UPDATE audit_event SET after = $2::jsonb WHERE id = $1`, [victim.id, JSON.stringify(after)]);
        await m.query(`ALTER TABLE audit_event ENABLE TRIGGER audit_event_append_only`);
      });
    await tamper({ note: '篡改' });
    const report = await chain.verify();
    expect(report.ok).toBe(false);
    expect(report.broken).toMatchObject({ seq: 11, eventId: victim.id, at: victim.at, reason: expect.stringContaining('篡改') });
    expect(report.checked).toBe(10);
    await tamper(victim.after);
    expect((await chain.verify()).ok).toBe(true);
  });

  it('is sealed by the worker shortly after commit, which also schedules the daily retention purge', async () => {
    const worker = await startWorker(t.clock);
    try {
      const schedulers = await worker.module.get<Queue>(getQueueToken(QueueName.Audit), { strict: false }).getJobSchedulers();
      expect(schedulers.map((s) => s.key ?? s.id).sort()).toEqual(['audit-daily', 'audit-seal']);
      await audit.record(t.db.manager, entry('by_worker'));
      const deadline = Date.now() + 30_000;
      while ((await chain.verify()).unsealed > 0) {
        if (Date.now() > deadline) throw new Error('the worker did not seal within 30 s');
        await new Promise((r) => setTimeout(r, 500));
      }
      expect(await chain.verify()).toMatchObject({ ok: true, unsealed: 0 });
    } finally {
      await worker.close();
    }
  });
});

describe('audit retention purge', () => {
  const url = `${process.env.DATABASE_URL!}_purge`;
  let db: DataSource;
  let chain: AuditChainService;

  beforeAll(async () => {
    await runMigrations(url);
    db = await new DataSource(dataSourceOptions(url)).initialize();
    chain = new AuditChainService(new AuditRepository(db));
  });
  afterAll(async () => {
    await db.destroy();
    const admin = new pg.Client({ connectionString: url.replace(/\/[^/]*$/, '/postgres') });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS "${url.split('/').pop()}"`);
    await admin.end();
  });

  it('removes only sealed rows past the retention period, and the chain verifies from its new first link', async () => {
    await db.query(`INSERT INTO audit_event (entity_type, entity_id, action, at) SELECT 'region', gen_random_uuid(), 'old', now() - interval '200 days' + n * interval '1 minute' FROM generate_series(1, 3) n`);
    await db.query(`INSERT INTO audit_event (entity_type, entity_id, action, at) SELECT 'region', gen_random_uuid(), 'recent', now() - interval '100 days' FROM generate_series(1, 2)`);
    await expect(chain.purge(90)).rejects.toThrow(/at least 180/);
    expect(await chain.purge(180)).toBe(3);
    expect(await count(db, 'audit_event', `action = 'old'`)).toBe(0);
    expect(await count(db, 'audit_event', `action = 'recent'`)).toBe(2);
    expect(await count(db, 'audit_event', `action = 'audit.purge'`)).toBe(1);
    await chain.seal();
    expect(await chain.verify()).toMatchObject({ ok: true, firstSeq: 4, checked: 3, unsealed: 0 });
    // Nothing younger than 180 days can go, whatever the caller's retention.
    expect(await chain.purge(180)).toBe(0);
  });
});

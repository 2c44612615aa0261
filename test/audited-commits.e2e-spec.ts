import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import { Redis } from 'ioredis';
import { AuditedCommits, AuditService } from '#libs/audit';
import { appConfig } from '#libs/common';
import { redisOptions } from '#libs/queue';
import { BROADCAST_INTERVAL_MS, CommitBroadcast } from '../libs/dashboards/src/commit-broadcast.js';
import { createTestApp, type TestApp } from './app.js';

/**
 * What the dashboards' cache relies on: a change counts once it is committed, and only then — in every process.
 * Local commits are counted through onCommit, which other processes' commits (other test files run in parallel and
 * share the run's Redis channel) never call, so the counts below are exact.
 */
describe('audited commits', () => {
  let t: TestApp;
  let audit: AuditService;
  let commits: AuditedCommits;
  let dataSource: DataSource;
  let local = 0;
  const entry = { actor: null, entityType: 'region', entityId: '00000000-0000-4000-8000-000000000001', action: 'test' };

  beforeAll(async () => {
    t = await createTestApp();
    audit = t.app.get(AuditService);
    commits = t.app.get(AuditedCommits);
    dataSource = t.app.get(DataSource);
    commits.onCommit(() => (local += 1));
  });
  afterAll(() => t.close());

  it('counts a write outside a transaction when it returns', async () => {
    const before = local;
    await audit.record(dataSource.manager, entry);
    expect(local).toBe(before + 1);
  });

  it('counts a write in a transaction at its commit, not before', async () => {
    const before = local;
    await dataSource.transaction(async (m) => {
      await audit.record(m, entry);
      await audit.record(m, entry);
      expect(local).toBe(before);
    });
    expect(local).toBe(before + 1);
  });

  it('does not count a transaction that rolls back, nor a statement that changed nothing', async () => {
    const before = local;
    await expect(
      dataSource.transaction(async (m) => {
        await audit.record(m, entry);
        throw new Error('refused');
      }),
    ).rejects.toThrow('refused');
    await audit.recordChange(dataSource.manager, { sql: `UPDATE region SET name = name WHERE false RETURNING id`, params: [] }, entry);
    expect(local).toBe(before);
  });

  it('tells the other processes over Redis', async () => {
    const other = await createTestApp();
    try {
      const theirs = other.app.get(AuditedCommits);
      const before = theirs.generation;
      await audit.record(dataSource.manager, entry);
      const deadline = Date.now() + 5000;
      while (theirs.generation === before && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      expect(theirs.generation).toBeGreaterThan(before);
    } finally {
      await other.close();
    }
  });

  it('tells a burst of commits at its start, then at most once per interval, and its last commit after it', async () => {
    const ours = t.app.get(CommitBroadcast).id;
    const listener = new Redis(redisOptions(appConfig().REDIS_URL));
    const heard: number[] = [];
    const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
    try {
      listener.on('message', (_channel: string, from: string) => from === ours && heard.push(Date.now()));
      await listener.subscribe(`${appConfig().QUEUE_PREFIX}:audited-commits`);
      await sleep(BROADCAST_INTERVAL_MS * 2); // a quiet spell: the burst's first commit is told at once
      heard.length = 0;
      const started = Date.now();
      let firstCommit = 0;
      let lastCommit = 0;
      for (let i = 0; i < 20; i++) {
        await audit.record(dataSource.manager, entry);
        lastCommit = Date.now();
        firstCommit ||= lastCommit;
        await sleep(5);
      }
      const burst = Date.now() - started;
      await sleep(BROADCAST_INTERVAL_MS * 4);
      expect(heard[0]! - firstCommit).toBeLessThan(BROADCAST_INTERVAL_MS);
      expect(heard.length).toBeGreaterThanOrEqual(2);
      expect(heard.length).toBeLessThanOrEqual(Math.ceil(burst / BROADCAST_INTERVAL_MS) + 1);
      expect(heard.at(-1)!).toBeGreaterThanOrEqual(lastCommit);
    } finally {
      listener.disconnect();
    }
  });
});

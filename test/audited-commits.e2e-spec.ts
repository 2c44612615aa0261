import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import { AuditedCommits, AuditService } from '#libs/audit';
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
});

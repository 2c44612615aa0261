import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import { AuditedCommits, AuditService } from '#libs/audit';
import { createTestApp, type TestApp } from './app.js';

/** What the dashboards' cache relies on: a change counts once it is committed, and only then. */
describe('audited commits', () => {
  let t: TestApp;
  let audit: AuditService;
  let commits: AuditedCommits;
  let dataSource: DataSource;
  const entry = { actor: null, entityType: 'region', entityId: '00000000-0000-4000-8000-000000000001', action: 'test' };

  beforeAll(async () => {
    t = await createTestApp();
    audit = t.app.get(AuditService);
    commits = t.app.get(AuditedCommits);
    dataSource = t.app.get(DataSource);
  });
  afterAll(() => t.close());

  it('counts a write outside a transaction when it returns', async () => {
    const before = commits.generation;
    await audit.record(dataSource.manager, entry);
    expect(commits.generation).toBe(before + 1);
  });

  it('counts a write in a transaction at its commit, not before', async () => {
    const before = commits.generation;
    await dataSource.transaction(async (m) => {
      await audit.record(m, entry);
      await audit.record(m, entry);
      expect(commits.generation).toBe(before);
    });
    expect(commits.generation).toBe(before + 1);
  });

  it('does not count a transaction that rolls back, nor a statement that changed nothing', async () => {
    const before = commits.generation;
    await expect(
      dataSource.transaction(async (m) => {
        await audit.record(m, entry);
        throw new Error('refused');
      }),
    ).rejects.toThrow('refused');
    await audit.recordChange(dataSource.manager, { sql: `UPDATE region SET name = name WHERE false RETURNING id`, params: [] }, entry);
    expect(commits.generation).toBe(before);
  });
});

import { describe, expect, it, jest } from '@jest/globals';
import type { AuditedCommits } from '#libs/audit';
import { DashboardCache, DashboardCacheSettings } from './dashboard-cache.js';

function setup(ttlMs = 30_000, maxEntries = 100) {
  const commits = { generation: 0 };
  const cache = new DashboardCache(commits as AuditedCommits, new DashboardCacheSettings(ttlMs, maxEntries));
  let computed = 0;
  const compute = () => Promise.resolve(++computed);
  return { commits, cache, compute, computed: () => computed };
}

describe('DashboardCache', () => {
  it('reuses an answer until an audited write commits', async () => {
    const { commits, cache, compute, computed } = setup();
    expect(await cache.get('summary', compute)).toBe(1);
    expect(await cache.get('summary', compute)).toBe(1);
    expect(await cache.get('domains', compute)).toBe(2);
    commits.generation += 1;
    expect(await cache.get('summary', compute)).toBe(3);
    expect(computed()).toBe(3);
  });

  it('does not keep an answer computed while a write committed', async () => {
    const { commits, cache } = setup();
    let release!: (v: string) => void;
    const first = cache.get('summary', () => new Promise<string>((r) => (release = r)));
    commits.generation += 1; // commits while the first answer is being computed
    release('before the write');
    expect(await first).toBe('before the write');
    expect(await cache.get('summary', () => Promise.resolve('after the write'))).toBe('after the write');
  });

  it('expires answers after the configured time, and caches nothing with 0', async () => {
    jest.useFakeTimers({ now: new Date('2026-11-26T02:00:00Z') });
    try {
      const { cache, compute } = setup(30_000);
      expect(await cache.get('summary', compute)).toBe(1);
      jest.setSystemTime(new Date('2026-11-26T02:00:29Z'));
      expect(await cache.get('summary', compute)).toBe(1);
      jest.setSystemTime(new Date('2026-11-26T02:00:31Z'));
      expect(await cache.get('summary', compute)).toBe(2);
    } finally {
      jest.useRealTimers();
    }
    const off = setup(0);
    expect([await off.cache.get('summary', off.compute), await off.cache.get('summary', off.compute)]).toEqual([1, 2]);
  });

  it('shares one computation between concurrent requests and keeps no failure', async () => {
    const { cache } = setup();
    let calls = 0;
    const slow = () => new Promise<number>((r) => setTimeout(() => r(++calls), 5));
    expect(await Promise.all([cache.get('trend', slow), cache.get('trend', slow)])).toEqual([1, 1]);
    await expect(cache.get('regions', () => Promise.reject(new Error('database down')))).rejects.toThrow('database down');
    expect(await cache.get('regions', () => Promise.resolve('recovered'))).toBe('recovered');
  });

  it('keeps at most maxEntries answers, dropping the oldest', async () => {
    const { cache, compute, computed } = setup(30_000, 2);
    await cache.get('a', compute);
    await cache.get('b', compute);
    await cache.get('c', compute); // drops a
    await cache.get('b', compute);
    expect(computed()).toBe(3);
    await cache.get('a', compute);
    expect(computed()).toBe(4);
  });
});

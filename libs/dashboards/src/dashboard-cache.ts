import { Injectable } from '@nestjs/common';
import { AuditedCommits } from '#libs/audit';
import { appConfig } from '#libs/common';

interface Entry {
  generation: number;
  expires: number;
  value: Promise<unknown>;
}

/** What the cache needs to know; a class so tests can give it a short life and a small size. */
export class DashboardCacheSettings {
  constructor(
    /** 0 = no caching. */
    readonly ttlMs: number,
    readonly maxEntries: number,
  ) {}

  static fromConfig(): DashboardCacheSettings {
    return new DashboardCacheSettings(appConfig().DASHBOARD_CACHE_SECONDS * 1000, 1000);
  }
}

/**
 * Dashboard answers per scope, reused while no audited write has committed since they were computed (see
 * AuditedCommits) and for at most the configured time, which bounds how long another process's writes go unseen.
 * The generation is taken before computing: a write that commits meanwhile leaves the entry already stale.
 * Concurrent requests for the same answer share one computation; a failure is not kept.
 */
@Injectable()
export class DashboardCache {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly commits: AuditedCommits,
    private readonly settings: DashboardCacheSettings,
  ) {}

  get<T>(key: string, compute: () => Promise<T>): Promise<T> {
    if (this.settings.ttlMs <= 0) return compute();
    const now = Date.now();
    const generation = this.commits.generation;
    const found = this.entries.get(key);
    if (found && found.generation === generation && found.expires > now) return found.value as Promise<T>;
    const value = compute();
    this.entries.delete(key); // re-inserted last: the Map's order is then oldest first
    this.entries.set(key, { generation, expires: now + this.settings.ttlMs, value });
    value.catch(() => {
      if (this.entries.get(key)?.value === value) this.entries.delete(key);
    });
    for (const oldest of this.entries.keys()) {
      if (this.entries.size <= this.settings.maxEntries) break;
      this.entries.delete(oldest);
    }
    return value;
  }
}

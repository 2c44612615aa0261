import { Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { AuditedCommits } from '#libs/audit';
import { appConfig } from '#libs/common';
import { redisOptions } from '#libs/queue';

/**
 * Tells the other processes that serve or hold dashboards (a second api instance, the worker) that this one committed an audited write,
 * and hears theirs, over Redis pub/sub — so a dashboard answer cached in one api instance does not outlive a change
 * made through another. Commits are told at most once per tick: a burst of writes is one message. Should Redis be
 * unreachable, or a write come from a process without this module (a seed run), DASHBOARD_CACHE_SECONDS still bounds
 * what goes unseen.
 */
@Injectable()
export class CommitBroadcast implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('CommitBroadcast');
  private readonly id = randomUUID();
  private readonly channel = `${appConfig().QUEUE_PREFIX}:audited-commits`;
  private readonly publisher = new Redis(redisOptions(appConfig().REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 1, enableOfflineQueue: false }));
  private readonly subscriber = new Redis(redisOptions(appConfig().REDIS_URL, { lazyConnect: true }));
  private pending = false;
  private lastWarning = 0;

  constructor(private readonly commits: AuditedCommits) {}

  onModuleInit(): void {
    this.publisher.on('error', (err: Error) => this.warn(`publish: ${err.message}`));
    this.subscriber.on('error', (err: Error) => this.warn(`subscribe: ${err.message}`));
    this.subscriber.on('message', (_channel: string, from: string) => {
      if (from !== this.id) this.commits.committedElsewhere();
    });
    // Not awaited: with Redis down the api still starts (ioredis subscribes once it connects, and again after a reconnect).
    this.subscriber.subscribe(this.channel).catch((err: Error) => this.warn(`cannot subscribe to ${this.channel}: ${err.message}`));
    void this.publisher.connect().catch((err: Error) => this.warn(`cannot connect: ${err.message}`));
    this.commits.onCommit(() => this.tell());
  }

  /** At most one warning a minute: with Redis down, every commit would log one. */
  private warn(message: string): void {
    if (Date.now() - this.lastWarning < 60_000) return;
    this.lastWarning = Date.now();
    this.logger.warn(`${message} (dashboard caches in other processes fall back to DASHBOARD_CACHE_SECONDS)`);
  }

  private tell(): void {
    if (this.pending) return;
    this.pending = true;
    setImmediate(() => {
      this.pending = false;
      this.publisher.publish(this.channel, this.id).catch((err: Error) => this.warn(`cannot publish a commit: ${err.message}`));
    });
  }

  onModuleDestroy(): void {
    this.subscriber.disconnect();
    this.publisher.disconnect();
  }
}

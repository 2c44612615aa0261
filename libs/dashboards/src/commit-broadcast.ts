import { Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { AuditedCommits } from '#libs/audit';
import { appConfig } from '#libs/common';
import { redisOptions } from '#libs/queue';

/**
 * How often, at most, a process tells of its commits while they keep coming. A burst of writes (an import, a load of
 * transitions) would otherwise cost a message per event-loop tick in every process: under the transition benchmark
 * that was a publish, and a read of it by every subscriber, for most requests. Other processes see a commit at most
 * this much later than they would have with a message per commit.
 */
export const BROADCAST_INTERVAL_MS = 50;

/**
 * Tells the other processes that serve or hold dashboards (a second api instance, the worker) that this one committed an audited write,
 * and hears theirs, over Redis pub/sub — so a dashboard answer cached in one api instance does not outlive a change
 * made through another. The first commit after a quiet spell is told at once (on the next tick, so that the commits
 * of one tick are one message); later ones at most once per BROADCAST_INTERVAL_MS, the last of a burst at the end of
 * its interval. Should Redis be unreachable, or a write come from a process without this module (a seed run),
 * DASHBOARD_CACHE_SECONDS still bounds what goes unseen.
 */
@Injectable()
export class CommitBroadcast implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('CommitBroadcast');
  /** This process's name in the messages: its own are ignored when they come back. */
  readonly id = randomUUID();
  private readonly channel = `${appConfig().QUEUE_PREFIX}:audited-commits`;
  private readonly publisher = new Redis(redisOptions(appConfig().REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 1, enableOfflineQueue: false }));
  private readonly subscriber = new Redis(redisOptions(appConfig().REDIS_URL, { lazyConnect: true }));
  /** Set while an interval runs: commits in it are told at its end. */
  private interval: NodeJS.Timeout | null = null;
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
    if (this.interval) {
      this.pending = true;
      return;
    }
    this.interval = setTimeout(() => this.intervalEnded(), BROADCAST_INTERVAL_MS).unref();
    setImmediate(() => this.publisher.publish(this.channel, this.id).catch((err: Error) => this.warn(`cannot publish a commit: ${err.message}`)));
  }

  private intervalEnded(): void {
    this.interval = null;
    if (!this.pending) return;
    this.pending = false;
    this.tell();
  }

  async onModuleDestroy(): Promise<void> {
    if (this.interval) clearTimeout(this.interval);
    // Commits still waiting for their interval are told now rather than left to DASHBOARD_CACHE_SECONDS.
    if (this.pending) await this.publisher.publish(this.channel, this.id).catch(() => undefined);
    this.subscriber.disconnect();
    this.publisher.disconnect();
  }
}

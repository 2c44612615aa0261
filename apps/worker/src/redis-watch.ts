import { Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { Redis } from 'ioredis';
import { appConfig } from '#libs/common';
import { parseRedisInfo, redisDurabilityWarnings, redisOptions } from '#libs/queue';
import { JobSchedulers } from './job-schedulers.js';

/**
 * Watches the worker's Redis on a connection of its own (reconnecting for ever, like BullMQ's). On the first
 * connection and every reconnection it warns when that Redis may lose jobs and asserts the job schedulers again;
 * when Redis came back as a new process (another run_id: restarted, maybe without its data) it also catches up
 * at once (JobSchedulers.catchUp) instead of leaving lost work to the next scheduled run.
 */
@Injectable()
export class RedisWatch implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('RedisWatch');
  private client: Redis | null = null;
  private runId: string | null = null;
  private unreachable = false;
  /** The handling of the latest (re)connection: tests wait for it. */
  settled: Promise<void> = Promise.resolve();

  constructor(private readonly schedulers: JobSchedulers) {}

  async onApplicationBootstrap(): Promise<void> {
    const client = new Redis(redisOptions(appConfig().REDIS_URL, { lazyConnect: true }));
    this.client = client;
    client.on('error', (e: Error) => {
      // ioredis reports every failed reconnection attempt; one line per outage is enough.
      if (this.unreachable) return;
      this.unreachable = true;
      this.logger.warn(`Redis unreachable (${e.message}); reconnecting`);
    });
    await client.connect();
    await this.connected();
    client.on('ready', () => {
      this.settled = this.connected().catch((e: Error) => this.logger.error(`after reconnecting to Redis: ${e.message}`));
    });
  }

  private async connected(): Promise<void> {
    if (this.unreachable) this.logger.log('Redis reachable again');
    this.unreachable = false;
    const info = parseRedisInfo(await this.client!.info());
    for (const warning of redisDurabilityWarnings(info)) this.logger.warn(warning);
    await this.schedulers.assert();
    const runId = info.get('run_id') ?? null;
    const restarted = this.runId !== null && runId !== null && runId !== this.runId;
    this.runId = runId;
    if (restarted) {
      this.logger.warn('Redis restarted: job schedulers asserted again; sweeping and reconciling deliveries now');
      await this.schedulers.catchUp(runId);
    }
  }

  onModuleDestroy(): void {
    this.client?.disconnect();
  }
}

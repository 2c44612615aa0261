import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { Redis } from 'ioredis';
import { DataSource } from 'typeorm';
import { appConfig } from '#libs/common';
import { redisOptions } from '#libs/queue';

/** Confirms at boot that both stores answer, so a misconfigured worker fails loudly instead of idling. */
@Injectable()
export class WorkerReadiness implements OnApplicationBootstrap {
  private readonly logger = new Logger('Worker');

  constructor(private readonly dataSource: DataSource) {}

  async onApplicationBootstrap(): Promise<void> {
    const redis = new Redis(redisOptions(appConfig().REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 1 }));
    try {
      await redis.connect();
      await redis.ping();
    } finally {
      redis.disconnect();
    }
    await this.dataSource.query('SELECT 1');
    this.logger.log('worker ready: PostgreSQL and Redis answer; consuming queues');
  }
}

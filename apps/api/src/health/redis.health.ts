import { Injectable, OnModuleDestroy } from '@nestjs/common';
import { HealthIndicatorService, type HealthIndicatorResult } from '@nestjs/terminus';
import { Redis } from 'ioredis';
import { appConfig } from '#libs/common';
import { redisOptions } from '#libs/queue';

@Injectable()
export class RedisHealthIndicator implements OnModuleDestroy {
  // Fails fast instead of queueing commands while Redis is down, so /health answers within its timeout.
  private readonly client = new Redis(redisOptions(appConfig().REDIS_URL, { lazyConnect: true, enableOfflineQueue: false, maxRetriesPerRequest: 1, connectTimeout: 1000 }));

  constructor(private readonly indicator: HealthIndicatorService) {
    this.client.on('error', () => undefined);
  }

  async isHealthy(key: string): Promise<HealthIndicatorResult> {
    const check = this.indicator.check(key);
    try {
      if (this.client.status === 'wait' || this.client.status === 'end') await this.client.connect();
      await Promise.race([this.client.ping(), new Promise((_, reject) => setTimeout(() => reject(new Error('timeout')), 1000))]);
      return check.up();
    } catch (e) {
      return check.down({ message: e instanceof Error ? e.message : String(e) });
    }
  }

  async onModuleDestroy(): Promise<void> {
    this.client.disconnect();
  }
}

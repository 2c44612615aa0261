import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import type { ConnectionOptions } from 'bullmq';
import { appConfig } from '#libs/common';
import { redisOptions } from './redis-options.js';

/** The shared BullMQ connection; QUEUE_PREFIX keeps test runs and deployments on one Redis apart. */
@Module({
  imports: [BullModule.forRootAsync({ useFactory: () => ({ connection: redisOptions(appConfig().REDIS_URL) as ConnectionOptions, prefix: appConfig().QUEUE_PREFIX }) })],
})
export class QueueRootModule {}

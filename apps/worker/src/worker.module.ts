import { Module } from '@nestjs/common';
import { ClockModule } from '#libs/common';
import { DatabaseModule } from '#libs/database';
import { QueueRootModule } from '#libs/queue';
import { WorkerReadiness } from './worker-readiness.js';

@Module({
  imports: [DatabaseModule, ClockModule, QueueRootModule],
  providers: [WorkerReadiness],
})
export class WorkerModule {}

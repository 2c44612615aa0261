import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { QueueMonitor } from './queue-monitor.js';
import { QueueName } from './queue-names.js';

const registered = BullModule.registerQueue(...Object.values(QueueName).map((name) => ({ name })));

/** Every queue, registered once; needs QueueRootModule (the connection) in the application module. */
@Module({
  imports: [registered],
  providers: [QueueMonitor],
  exports: [registered, QueueMonitor],
})
export class QueuesModule {}

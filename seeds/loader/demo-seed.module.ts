import { Module } from '@nestjs/common';
import { ProgressModule } from '#libs/progress';
import { QueueRootModule } from '#libs/queue';
import { RemindersModule } from '#libs/reminders';
import { RolloutModule } from '#libs/rollout';
import { SeedModule } from './seed.module.js';

/**
 * What `npm run seed:demo` boots: the reference seed's services plus progress, close-out, rollouts and the notices
 * (whose module needs the queue connection, so the demo seed needs Redis like the api does).
 */
@Module({
  imports: [SeedModule, QueueRootModule, ProgressModule, RolloutModule, RemindersModule],
})
export class DemoSeedModule {}

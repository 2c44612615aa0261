import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '#libs/audit';
import { Rollout } from './entities/rollout.entity.js';
import { RolloutService } from './rollout.service.js';

@Module({
  imports: [TypeOrmModule.forFeature([Rollout]), AuditModule],
  providers: [RolloutService],
  exports: [RolloutService],
})
export class RolloutModule {}

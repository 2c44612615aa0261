import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditService } from './audit.service.js';
import { AuditedCommits } from './audited-commits.js';
import { AuditEvent } from './entities/audit-event.entity.js';

@Module({
  imports: [TypeOrmModule.forFeature([AuditEvent])],
  providers: [AuditService, AuditedCommits],
  exports: [AuditService, AuditedCommits],
})
export class AuditModule {}

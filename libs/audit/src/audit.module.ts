import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditChainService } from './audit-chain.service.js';
import { AuditLogService } from './audit-log.service.js';
import { AuditRepository } from './audit.repository.js';
import { AuditService } from './audit.service.js';
import { AuditedCommits } from './audited-commits.js';
import { AuditEvent } from './entities/audit-event.entity.js';

@Module({
  imports: [TypeOrmModule.forFeature([AuditEvent])],
  providers: [AuditService, AuditedCommits, AuditRepository, AuditChainService, AuditLogService],
  exports: [AuditService, AuditedCommits, AuditChainService, AuditLogService],
})
export class AuditModule {}

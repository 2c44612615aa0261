import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '#libs/audit';
import { appConfig } from '#libs/common';
import { RemindersModule } from '#libs/reminders';
import { RolloutModule } from '#libs/rollout';
import { TasksModule } from '#libs/tasks';
import { CloseOutService } from './close-out.service.js';
import { EvidenceFile } from './entities/evidence-file.entity.js';
import { ProgressContribution } from './entities/progress-contribution.entity.js';
import { ProgressReport } from './entities/progress-report.entity.js';
import { TaskCompletion } from './entities/task-completion.entity.js';
import { EvidenceStorage } from './evidence-storage.js';
import { EvidenceService } from './evidence.service.js';
import { ProgressService } from './progress.service.js';
import { ReportChaseService } from './report-chase.service.js';

@Module({
  imports: [TypeOrmModule.forFeature([ProgressReport, ProgressContribution, EvidenceFile, TaskCompletion]), AuditModule, TasksModule, RolloutModule, RemindersModule],
  providers: [ProgressService, EvidenceService, CloseOutService, ReportChaseService, { provide: EvidenceStorage, useFactory: () => new EvidenceStorage(appConfig().EVIDENCE_DIR) }],
  exports: [ProgressService, EvidenceService, CloseOutService, ReportChaseService],
})
export class ProgressModule {}

import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '#libs/audit';
import { CatalogModule } from '#libs/catalog';
import { OrganisationModule } from '#libs/organisation';
import { Milestone } from './entities/milestone.entity.js';
import { Task } from './entities/task.entity.js';
import { TasksService } from './tasks.service.js';

@Module({
  imports: [TypeOrmModule.forFeature([Task, Milestone]), AuditModule, CatalogModule, OrganisationModule],
  providers: [TasksService],
  exports: [TasksService],
})
export class TasksModule {}

import { Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { AuditModule } from '#libs/audit';
import { AuthModule } from '#libs/auth';
import { CatalogModule } from '#libs/catalog';
import { AllExceptionsFilter, ClockModule } from '#libs/common';
import { DashboardsModule } from '#libs/dashboards';
import { DatabaseModule } from '#libs/database';
import { ImportsModule } from '#libs/imports';
import { LedgerModule } from '#libs/ledger';
import { OrganisationModule } from '#libs/organisation';
import { ProgressModule } from '#libs/progress';
import { QueueRootModule } from '#libs/queue';
import { RemindersModule } from '#libs/reminders';
import { RolloutModule } from '#libs/rollout';
import { TasksModule } from '#libs/tasks';
import { AuthController } from './controllers/auth.controller.js';
import { BatchesController, DocumentsController, ReformItemsController } from './controllers/catalog.controller.js';
import { DepartmentsController, RegionsController, ZonesController } from './controllers/organisation.controller.js';
import { TasksController } from './controllers/tasks.controller.js';
import { CloseOutController, EvidenceController, ProgressReportsController } from './controllers/progress.controller.js';
import { RolloutsController } from './controllers/rollouts.controller.js';
import { UsersController } from './controllers/users.controller.js';
import { SecurityController } from './controllers/security.controller.js';
import { DashboardController, DashboardPageController } from './controllers/dashboard.controller.js';
import { ExportsController } from './controllers/exports.controller.js';
import { ImportsController } from './controllers/imports.controller.js';
import { HealthModule } from './health/health.module.js';
import { AdminRemindersController } from './controllers/admin-reminders.controller.js';
import { NotificationsController } from './controllers/notifications.controller.js';
import { AuditController } from './controllers/audit.controller.js';

@Module({
  imports: [DatabaseModule, ClockModule, AuditModule, AuthModule, OrganisationModule, CatalogModule, TasksModule, HealthModule, DashboardsModule, LedgerModule, ProgressModule, RolloutModule, ImportsModule, QueueRootModule, RemindersModule],
  controllers: [AuthController, UsersController, SecurityController, RegionsController, ZonesController, DepartmentsController, DocumentsController, BatchesController, ReformItemsController, TasksController, DashboardController, DashboardPageController, ExportsController, ProgressReportsController, EvidenceController, CloseOutController, RolloutsController, ImportsController, NotificationsController, AdminRemindersController, AuditController],
  providers: [{ provide: APP_FILTER, useClass: AllExceptionsFilter }],
})
export class AppModule {}

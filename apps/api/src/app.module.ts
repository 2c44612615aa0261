import { Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { AuthModule } from '#libs/auth';
import { CatalogModule } from '#libs/catalog';
import { AllExceptionsFilter, ClockModule } from '#libs/common';
import { DatabaseModule } from '#libs/database';
import { OrganisationModule } from '#libs/organisation';
import { TasksModule } from '#libs/tasks';
import { AuthController } from './controllers/auth.controller.js';
import { BatchesController, DocumentsController, ReformItemsController } from './controllers/catalog.controller.js';
import { DepartmentsController, RegionsController } from './controllers/organisation.controller.js';
import { TasksController } from './controllers/tasks.controller.js';
import { UsersController } from './controllers/users.controller.js';
import { HealthModule } from './health/health.module.js';

@Module({
  imports: [DatabaseModule, ClockModule, AuthModule, OrganisationModule, CatalogModule, TasksModule, HealthModule],
  controllers: [AuthController, UsersController, RegionsController, DepartmentsController, DocumentsController, BatchesController, ReformItemsController, TasksController],
  providers: [{ provide: APP_FILTER, useClass: AllExceptionsFilter }],
})
export class AppModule {}

import { Module } from '@nestjs/common';
import { AuditModule } from '#libs/audit';
import { AuthModule } from '#libs/auth';
import { CatalogModule } from '#libs/catalog';
import { ClockModule } from '#libs/common';
import { DatabaseModule } from '#libs/database';
import { OrganisationModule } from '#libs/organisation';
import { TasksModule } from '#libs/tasks';

/** The services the seed commands use, without HTTP: booted with NestFactory.createApplicationContext. */
@Module({
  imports: [DatabaseModule, ClockModule, AuditModule, OrganisationModule, CatalogModule, TasksModule, AuthModule],
})
export class SeedModule {}

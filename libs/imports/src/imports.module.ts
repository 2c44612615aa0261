import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '#libs/audit';
import { CatalogModule } from '#libs/catalog';
import { OrganisationModule } from '#libs/organisation';
import { ImportRecord } from './entities/import-record.entity.js';
import { ImportsService } from './imports.service.js';

@Module({
  imports: [TypeOrmModule.forFeature([ImportRecord]), AuditModule, CatalogModule, OrganisationModule],
  providers: [ImportsService],
  exports: [ImportsService],
})
export class ImportsModule {}

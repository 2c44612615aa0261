import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '#libs/audit';
import { OrganisationModule } from '#libs/organisation';
import { BatchListQuery } from './batch-list.query.js';
import { CatalogService } from './catalog.service.js';
import { Batch } from './entities/batch.entity.js';
import { PolicyDocument } from './entities/policy-document.entity.js';
import { ReformItem } from './entities/reform-item.entity.js';

@Module({
  imports: [TypeOrmModule.forFeature([PolicyDocument, Batch, ReformItem]), AuditModule, OrganisationModule],
  providers: [CatalogService, BatchListQuery],
  exports: [CatalogService],
})
export class CatalogModule {}

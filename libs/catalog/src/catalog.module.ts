import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '#libs/audit';
import { CatalogService } from './catalog.service.js';
import { Batch } from './entities/batch.entity.js';
import { PolicyDocument } from './entities/policy-document.entity.js';
import { ReformItem } from './entities/reform-item.entity.js';

@Module({
  imports: [TypeOrmModule.forFeature([PolicyDocument, Batch, ReformItem]), AuditModule],
  providers: [CatalogService],
  exports: [CatalogService],
})
export class CatalogModule {}

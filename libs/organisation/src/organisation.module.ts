import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '#libs/audit';
import { Department } from './entities/department.entity.js';
import { Region } from './entities/region.entity.js';
import { Zone } from './entities/zone.entity.js';
import { OrganisationService } from './organisation.service.js';

@Module({
  imports: [TypeOrmModule.forFeature([Region, Department, Zone]), AuditModule],
  providers: [OrganisationService],
  exports: [OrganisationService],
})
export class OrganisationModule {}

import { Module } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { AuditModule } from '#libs/audit';
import { poolSqlRunner } from '#libs/database';
import { OrganisationModule } from '#libs/organisation';
import { CommitBroadcast } from './commit-broadcast.js';
import { DashboardCache, DashboardCacheSettings } from './dashboard-cache.js';
import { DashboardQueries } from './dashboard.queries.js';
import { DashboardsService } from './dashboards.service.js';

/** Read-only figures for leaders: every number comes from DashboardQueries, answers reused until a write (DashboardCache). */
@Module({
  imports: [AuditModule, OrganisationModule],
  providers: [
    { provide: DashboardQueries, inject: [getDataSourceToken()], useFactory: (dataSource: DataSource) => new DashboardQueries(poolSqlRunner(dataSource)) },
    { provide: DashboardCacheSettings, useFactory: () => DashboardCacheSettings.fromConfig() },
    DashboardCache,
    CommitBroadcast,
    DashboardsService,
  ],
  exports: [DashboardsService],
})
export class DashboardsModule {}

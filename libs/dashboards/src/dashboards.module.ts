import { Module } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { poolSqlRunner } from '#libs/database';
import { OrganisationModule } from '#libs/organisation';
import { DashboardQueries } from './dashboard.queries.js';
import { DashboardsService } from './dashboards.service.js';

/** Read-only figures for leaders: every number comes from DashboardQueries. */
@Module({
  imports: [OrganisationModule],
  providers: [{ provide: DashboardQueries, inject: [getDataSourceToken()], useFactory: (dataSource: DataSource) => new DashboardQueries(poolSqlRunner(dataSource)) }, DashboardsService],
  exports: [DashboardsService],
})
export class DashboardsModule {}

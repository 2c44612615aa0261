import { Module } from '@nestjs/common';
import { OrganisationModule } from '#libs/organisation';
import { DashboardQueries } from './dashboard.queries.js';
import { DashboardsService } from './dashboards.service.js';

/** Read-only figures for leaders: every number comes from DashboardQueries. */
@Module({
  imports: [OrganisationModule],
  providers: [DashboardQueries, DashboardsService],
  exports: [DashboardsService],
})
export class DashboardsModule {}

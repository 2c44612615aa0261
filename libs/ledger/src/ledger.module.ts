import { Module } from '@nestjs/common';
import { DashboardsModule } from '#libs/dashboards';
import { LedgerService } from './ledger.service.js';

/** The ledger export (台账): one xlsx row per task, with the dashboards' filters and scope. */
@Module({
  imports: [DashboardsModule],
  providers: [LedgerService],
  exports: [LedgerService],
})
export class LedgerModule {}

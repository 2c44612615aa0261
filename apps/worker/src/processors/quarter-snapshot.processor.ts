import { Injectable } from '@nestjs/common';
import { DashboardsService } from '#libs/dashboards';

/** Quarter end: the dashboards' trend reads past quarters from these frozen rows, so they never move afterwards. */
@Injectable()
export class QuarterSnapshotProcessor {
  constructor(private readonly dashboards: DashboardsService) {}

  process(): Promise<{ period: string; provinces: number }> {
    return this.dashboards.snapshotEndedQuarter();
  }
}

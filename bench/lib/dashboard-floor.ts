import type pg from 'pg';
import { periodOf, previousPeriod } from '#libs/calendar';
import { shanghaiDate } from '#libs/common';
// The query object is not part of the lib's public surface; the bench reaches in on purpose to time its SQL alone.
import { DashboardQueries, type DashboardScope } from '../../libs/dashboards/src/dashboard.queries.js';

export interface DashboardFloor {
  path: string;
  run: () => Promise<unknown>;
}

/**
 * The floor of each dashboard endpoint: the very SQL the endpoint's query object issues, sent with a bare pg
 * client — no HTTP, no Nest, no pool. The query object is the product's own, handed the bare client.
 */
export async function dashboardFloors(db: pg.Client, provinceId: string): Promise<DashboardFloor[]> {
  const queries = new DashboardQueries({ query: async (sql: string, params?: unknown[]) => (await db.query(sql, params)).rows });
  const today = shanghaiDate(new Date());
  const period = periodOf(today);
  const scope: DashboardScope = { provinceId, provinceName: '山东省', cityId: null, cityName: null, batchId: null, domain: null, departmentId: null, period, today };
  // The trend's past quarters come from quarter_snapshot once frozen; the floor reads those rows the same way.
  const past = [previousPeriod(period)];
  while (past.length < 7) past.unshift(previousPeriod(past[0]));
  return [
    { path: '/api/dashboard/summary', run: () => Promise.all([queries.headline(scope), queries.statusCounts(scope), queries.batches(scope)]) },
    { path: '/api/dashboard/departments', run: () => queries.departments(scope) },
    { path: '/api/dashboard/regions', run: () => queries.regions(scope) },
    { path: '/api/dashboard/domains', run: () => queries.domains(scope) },
    { path: '/api/dashboard/traffic-lights', run: () => Promise.all([queries.trafficLightCounts(scope), queries.trafficLightItems(scope, null)]) },
    { path: '/api/dashboard/trend', run: () => Promise.all([queries.snapshots(provinceId, '', past.map((p) => p.key)), queries.headline(scope)]) },
  ];
}

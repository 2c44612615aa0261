export * from './dashboards.module.js';
export * from './dashboards.service.js';
export * from './dto/dashboard-filter.dto.js';
export * from './dto/dashboard-view.dto.js';
export { DUE_SOON_DAYS, UNCLASSIFIED_DOMAIN, SqlParams, taskScopeWhere, latestReportJoin, overdueSql, type DashboardScope } from './dashboard.queries.js';

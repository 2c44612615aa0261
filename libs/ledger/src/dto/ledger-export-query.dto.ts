import { IntersectionType, PickType } from '@nestjs/swagger';
import { DashboardFilterDto } from '#libs/dashboards';
import { TaskQueryDto } from '#libs/tasks';

/**
 * GET /api/exports/ledger.xlsx: the dashboard's filters (departmentId is the lead) plus the task ledger's own
 * (status, overdue, 未设时限, 待确认, due within N days, text), so 导出台账 writes exactly the rows the 任务台账 page shows.
 */
export class LedgerExportQueryDto extends IntersectionType(DashboardFilterDto, PickType(TaskQueryDto, ['status', 'overdue', 'withoutDeadline', 'pendingDecision', 'dueWithinDays', 'q'] as const)) {}

export type LedgerTaskFilters = Pick<LedgerExportQueryDto, 'status' | 'overdue' | 'withoutDeadline' | 'pendingDecision' | 'dueWithinDays' | 'q'>;

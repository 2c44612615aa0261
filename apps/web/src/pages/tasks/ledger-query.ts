import type { LocationQuery, LocationQueryRaw } from 'vue-router';

export const LEDGER_SORTS = ['seq', 'dueDate', 'status', 'updatedAt'] as const;
export type LedgerSort = (typeof LEDGER_SORTS)[number];

export const LEDGER_STATUSES = ['not_started', 'in_progress', 'blocked', 'submitted', 'closed', 'not_applicable'] as const;
export type LedgerStatus = (typeof LEDGER_STATUSES)[number];

/** The ledger's filters as the URL keeps them (the home and batch pages link here with the same keys). */
export interface LedgerFilters {
  batchId: string | null;
  leadDepartmentId: string | null;
  status: LedgerStatus[];
  overdue: boolean;
  /** 未设时限: open tasks without a due date (items adopted without a 时限). */
  withoutDeadline: boolean;
  /** 待确认: only tasks whose applicability the coordinator must decide. */
  pendingDecision: boolean;
  dueWithinDays: number | null;
  q: string;
  page: number;
  pageSize: number;
  sort: LedgerSort;
  order: 'asc' | 'desc';
}

export const DEFAULT_PAGE_SIZE = 20;

const first = (value: LocationQuery[string]): string | null => {
  const v = Array.isArray(value) ? value[0] : value;
  return v == null || v === '' ? null : v;
};
const positiveInt = (value: string | null): number | null => (value !== null && /^\d+$/.test(value) && Number(value) > 0 ? Number(value) : null);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const uuid = (value: string | null): string | null => (value !== null && UUID.test(value) ? value : null);

/** Reads the filters from a route query, dropping what the api would refuse (a hand-edited or stale link still opens). */
export function filtersFromQuery(query: LocationQuery): LedgerFilters {
  const status = (first(query.status) ?? '').split(',').filter((s): s is LedgerStatus => (LEDGER_STATUSES as readonly string[]).includes(s));
  const due = first(query.dueWithinDays);
  const sort = first(query.sort);
  return {
    batchId: uuid(first(query.batchId)),
    leadDepartmentId: uuid(first(query.leadDepartmentId)),
    status,
    overdue: first(query.overdue) === 'true',
    withoutDeadline: first(query.withoutDeadline) === 'true',
    pendingDecision: first(query.pendingDecision) === 'true',
    dueWithinDays: due !== null && /^\d+$/.test(due) && Number(due) <= 3650 ? Number(due) : null,
    q: (first(query.q) ?? '').slice(0, 100),
    page: positiveInt(first(query.page)) ?? 1,
    pageSize: positiveInt(first(query.pageSize)) ?? DEFAULT_PAGE_SIZE,
    sort: (LEDGER_SORTS as readonly string[]).includes(sort ?? '') ? (sort as LedgerSort) : 'seq',
    order: first(query.order) === 'desc' ? 'desc' : 'asc',
  };
}

/** The URL query for some filters: only what differs from the defaults, so links stay short and readable. */
export function queryFromFilters(f: LedgerFilters): LocationQueryRaw {
  const query: LocationQueryRaw = {};
  if (f.batchId) query.batchId = f.batchId;
  if (f.leadDepartmentId) query.leadDepartmentId = f.leadDepartmentId;
  if (f.status.length) query.status = f.status.join(',');
  if (f.overdue) query.overdue = 'true';
  if (f.withoutDeadline) query.withoutDeadline = 'true';
  if (f.pendingDecision) query.pendingDecision = 'true';
  if (f.dueWithinDays !== null) query.dueWithinDays = String(f.dueWithinDays);
  if (f.q.trim()) query.q = f.q.trim();
  if (f.page > 1) query.page = String(f.page);
  if (f.pageSize !== DEFAULT_PAGE_SIZE) query.pageSize = String(f.pageSize);
  if (f.sort !== 'seq') query.sort = f.sort;
  if (f.order !== 'asc') query.order = f.order;
  return query;
}

/** GET /api/tasks's query for the filters in a province: the lead department is departmentId with departmentRole=lead. */
export function taskListQuery(f: LedgerFilters, regionId: string | null) {
  return {
    regionId: regionId ?? undefined,
    batchId: f.batchId ?? undefined,
    departmentId: f.leadDepartmentId ?? undefined,
    departmentRole: f.leadDepartmentId ? ('lead' as const) : undefined,
    status: f.status.length ? (f.status.join(',') as LedgerStatus) : undefined,
    overdue: f.overdue || undefined,
    withoutDeadline: f.withoutDeadline || undefined,
    pendingDecision: f.pendingDecision || undefined,
    dueWithinDays: f.dueWithinDays ?? undefined,
    q: f.q.trim() || undefined,
    page: f.page,
    pageSize: f.pageSize,
    sort: f.sort,
    order: f.order,
  };
}

/** The export's query for the same filters (its departmentId is the lead; paging and sorting don't apply to a file). */
export function ledgerExportParams(f: LedgerFilters, regionId: string | null): URLSearchParams {
  const { departmentId, status, overdue, withoutDeadline, pendingDecision, dueWithinDays, q, batchId } = taskListQuery(f, regionId);
  const params = new URLSearchParams();
  const set = (key: string, value: string | number | boolean | undefined) => value !== undefined && params.set(key, String(value));
  set('regionId', regionId ?? undefined);
  set('batchId', batchId);
  set('departmentId', departmentId);
  set('status', status);
  set('overdue', overdue);
  set('withoutDeadline', withoutDeadline);
  set('pendingDecision', pendingDecision);
  set('dueWithinDays', dueWithinDays);
  set('q', q);
  return params;
}

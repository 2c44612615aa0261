import { describe, expect, it } from 'vitest';
import { filtersFromQuery, ledgerExportParams, queryFromFilters, taskListQuery } from './ledger-query';

const BATCH = '5b0c0c4e-1a4b-4d8e-9a55-3d6a1f0c9e10';
const DEPT = '7c1d2e3f-4a5b-4c6d-8e9f-0a1b2c3d4e5f';

describe('ledger filters in the URL', () => {
  it('reads the keys the home and batch pages link with', () => {
    const f = filtersFromQuery({ batchId: BATCH, status: 'in_progress,blocked', overdue: 'true', pendingDecision: 'true', dueWithinDays: '14', leadDepartmentId: DEPT, q: '单一窗口', page: '3', sort: 'dueDate', order: 'desc' });
    expect(f).toEqual({ batchId: BATCH, leadDepartmentId: DEPT, status: ['in_progress', 'blocked'], overdue: true, withoutDeadline: false, pendingDecision: true, dueWithinDays: 14, q: '单一窗口', page: 3, pageSize: 20, sort: 'dueDate', order: 'desc' });
  });

  it('drops what the api would refuse, so a stale link still opens the ledger', () => {
    const f = filtersFromQuery({ batchId: 'abc', status: 'done,closed', overdue: 'yes', dueWithinDays: '-1', page: '0', sort: 'drop table', order: 'sideways' });
    expect(f).toMatchObject({ batchId: null, status: ['closed'], overdue: false, dueWithinDays: null, page: 1, sort: 'seq', order: 'asc' });
  });

  it('writes back only what differs from the defaults, and round-trips', () => {
    expect(queryFromFilters(filtersFromQuery({}))).toEqual({});
    const query = { batchId: BATCH, status: 'submitted', dueWithinDays: '0', q: '港口', page: '2', sort: 'status', order: 'desc' };
    expect(queryFromFilters(filtersFromQuery(query))).toEqual(query);
  });

  it('asks the api for the lead department as departmentId with departmentRole=lead', () => {
    const q = taskListQuery(filtersFromQuery({ leadDepartmentId: DEPT, overdue: 'true' }), 'p1');
    expect(q).toMatchObject({ regionId: 'p1', departmentId: DEPT, departmentRole: 'lead', overdue: true, status: undefined });
    expect(taskListQuery(filtersFromQuery({}), null)).toMatchObject({ departmentId: undefined, departmentRole: undefined, overdue: undefined });
  });

  it('exports with the same filters, the lead as departmentId, without paging', () => {
    const params = ledgerExportParams(filtersFromQuery({ batchId: BATCH, leadDepartmentId: DEPT, status: 'blocked', overdue: 'true', pendingDecision: 'true', q: '港口', page: '4' }), 'p1');
    expect(Object.fromEntries(params)).toEqual({ regionId: 'p1', batchId: BATCH, departmentId: DEPT, status: 'blocked', overdue: 'true', pendingDecision: 'true', q: '港口' });
  });
});

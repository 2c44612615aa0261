import { describe, expect, it } from 'vitest';
import { cellIndex, footerLines, type Matrix } from './matrix';

const counts = (not_started: number, adopted: number, implemented: number, not_applicable: number) => ({ not_started, adopted, implemented, not_applicable, total: not_started + adopted + implemented + not_applicable });
const matrix: Matrix = {
  cities: [
    { id: 'c1', name: '青岛市', counts: counts(0, 1, 1, 0) },
    { id: 'c2', name: '烟台市', counts: counts(1, 0, 0, 1) },
  ],
  rows: [
    { taskId: 't1', seq: 1, itemName: 'A', batchName: 'B', deadlineKind: 'date', dueDate: '2026-12-31', counts: counts(1, 1, 0, 0), cells: [{ rolloutId: 'r1', regionId: 'c1', status: 'adopted' }, { rolloutId: 'r2', regionId: 'c2', status: 'not_started' }] },
    { taskId: 't2', seq: 2, itemName: 'C', batchName: 'B', deadlineKind: 'ongoing', dueDate: null, counts: counts(0, 0, 1, 1), cells: [{ rolloutId: 'r3', regionId: 'c1', status: 'implemented' }, { rolloutId: 'r4', regionId: 'c2', status: 'not_applicable' }] },
  ],
  totals: counts(1, 1, 1, 1),
};

describe('rollout matrix', () => {
  it('finds a cell by item and city, and none where the item does not apply', () => {
    const index = cellIndex(matrix);
    expect(index.get('t2:c1')?.rolloutId).toBe('r3');
    expect(index.get('t1:c3')).toBeUndefined();
    expect(cellIndex(null).size).toBe(0);
  });

  it('lays the footer out column by column, showing 不适用 only for cities that have it', () => {
    expect(footerLines(matrix)).toEqual(['合计', '', '未承接 0\n已承接 1\n已落实 1', '未承接 1\n已承接 0\n已落实 0\n不适用 1', '1', '1', '1', '1']);
    expect(footerLines(matrix, false)).toHaveLength(7);
    expect(footerLines(null)).toEqual([]);
  });
});

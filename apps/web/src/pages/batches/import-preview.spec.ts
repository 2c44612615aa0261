import { describe, expect, it } from 'vitest';
import { buildPreviewRows, cellSeverity, toDepartmentMappings, type ImportResult } from './import-preview';

const parsed = (row: number, seq: number, name: string) => ({
  row,
  seq,
  name,
  action: 'create' as const,
  itemId: null,
  domain: null,
  deadline: { text: '2026年年底前', kind: 'date' as const, date: '2026-12-31' },
  departments: { text: '省商务厅', lead: '省商务厅', coLeads: [], participants: [], matched: [], unknown: [], openGroup: null },
  scope: { text: '全省', kind: 'province' as const, label: '全省', regions: [], note: null },
});

function result(partial: Partial<ImportResult>): ImportResult {
  return { rows: [], problems: [], warnings: [], ...partial } as ImportResult;
}

describe('buildPreviewRows', () => {
  it('puts rows the api could not parse among the parsed ones, in file order, with the quoted cell text', () => {
    const rows = buildPreviewRows(
      result({
        rows: [parsed(2, 1, '甲'), parsed(4, 3, '丙')],
        problems: [{ row: 3, column: '改革事项', field: 'name', message: '改革事项为空 (item name is empty)', text: '' }],
      }),
    );
    expect(rows.map((r) => r.row)).toEqual([2, 3, 4]);
    expect(rows[1].parsed).toBeNull();
    expect(rows[1].text).toEqual({ name: '' });
    expect(rows[1].issues.name).toEqual([{ severity: 'problem', message: '改革事项为空' }]);
  });

  it('marks warnings on the parsed cell they come from and lists those on hidden columns under the row', () => {
    const [row] = buildPreviewRows(
      result({
        rows: [parsed(2, 1, '甲')],
        warnings: [
          { row: 2, column: '时限', field: 'deadline', message: '时限无法识别 (unparsed deadline)', text: '尽快' },
          { row: 2, column: '可检验成果', field: 'outcome', message: '内容过长', text: '…' },
        ],
      }),
    );
    expect(row.text).toEqual({});
    expect(cellSeverity(row.issues.deadline)).toBe('warning');
    expect(row.otherIssues).toEqual([{ severity: 'warning', message: '内容过长', column: '可检验成果' }]);
  });

  it('colours a cell by its worst remark', () => {
    expect(cellSeverity(undefined)).toBeNull();
    expect(cellSeverity([{ severity: 'warning', message: 'a' }, { severity: 'problem', message: 'b' }])).toBe('problem');
  });
});

describe('toDepartmentMappings', () => {
  it('sends the answered names only: map with a department, or create', () => {
    expect(
      toDepartmentMappings({
        省大数据局: { action: 'create', departmentId: null },
        省工商局: { action: 'map', departmentId: 'd1' },
        省文旅厅: { action: 'map', departmentId: null },
        省体育局: { action: 'none', departmentId: null },
      }),
    ).toEqual([{ name: '省大数据局', create: true }, { name: '省工商局', departmentId: 'd1' }]);
  });
});

describe('buildPreviewRows messages', () => {
  it('keeps only the Chinese a clerk reads, also dropping asides that name api fields', () => {
    const [row] = buildPreviewRows(
      result({
        rows: [parsed(2, 1, '甲')],
        warnings: [{ row: 2, column: '负责部门', field: 'departments', message: '未匹配到已登记的部门：省大数据局（可对应到已登记的部门或新建：departmentMappings） (unknown department)', text: '省大数据局' }],
      }),
    );
    expect(row.issues.departments).toEqual([{ severity: 'warning', message: '未匹配到已登记的部门：省大数据局' }]);
  });
});

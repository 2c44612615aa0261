import { describe, expect, it } from '@jest/globals';
import type { BadRequestException } from '@nestjs/common';
import { buildImportTable, locateHeader, sectionDomain } from './import-table.js';
import type { RawRow } from './readers/raw-row.js';

const table = (...rows: string[][]): RawRow[] => rows.map((cells, i) => ({ row: i + 1, cells }));

function rejection(fn: () => unknown): { message: string; problems: { row: number; column: string; field: string; message: string; text: string }[] } {
  try {
    fn();
  } catch (e) {
    return (e as BadRequestException).getResponse() as never;
  }
  throw new Error('expected a 400');
}

describe(buildImportTable.name, () => {
  it('passes over a title row to the header, maps synonyms and keeps Excel row numbers', () => {
    const t = buildImportTable(table(
      ['附件1 自由贸易试验区改革试点经验复制推广工作任务分工表'],
      [],
      ['序号', '工作任务', '负责单位', '推广时间', '备注'],
      ['1', '国际贸易单一窗口', '海关总署', '2020年', '无'],
    ));
    expect(t.headerRow).toBe(3);
    expect(t.columns).toEqual({ seq: '序号', name: '工作任务', departments: '负责单位', deadline: '推广时间' });
    expect(t.ignoredColumns).toEqual(['备注']);
    expect(t.rows).toEqual([{ row: 4, input: { seq: 1, name: '国际贸易单一窗口', departmentsText: '海关总署', deadlineText: '2020年' } }]);
  });

  it('accepts a one-column table naming only the item', () => {
    expect(locateHeader(table(['改革事项'], ['事项一']))?.index).toBe(0);
  });

  it('numbers rows without 序号 by position and reads full-width and Chinese numerals', () => {
    const t = buildImportTable(table(['序号', '改革事项'], ['', '甲'], ['', '乙'], ['５', '丙'], ['十二', '丁']));
    expect(t.rows.map((r) => r.input.seq)).toEqual([1, 2, 5, 12]);
  });

  it('copies merged cells down only for departments, scope, deadline, domain and source document', () => {
    const rows: RawRow[] = [
      { row: 1, cells: ['序号', '改革事项', '负责部门', '推广范围', '主要内容'] },
      { row: 2, cells: ['1', '事项一', '商务部', '全国', '内容'] },
      { row: 3, cells: ['2', '事项二', '商务部', '全国', '内容'], mergedDown: [false, false, true, true, true] },
    ];
    const t = buildImportTable(rows);
    expect(t.rows[1]!.input).toEqual({ seq: 2, name: '事项二', departmentsText: '商务部', scopeText: '全国' });
  });

  it('skips blank rows and the header repeated where the table continues on the next page', () => {
    const t = buildImportTable(table(['序号', '改革事项'], ['1', '甲'], ['', ''], ['序号', '改革事项'], ['2', '乙']));
    expect(t.rows.map((r) => [r.row, r.input.name])).toEqual([[2, '甲'], [5, '乙']]);
  });

  it('reports each bad cell with row, column, message and text, and keeps the good rows', () => {
    const t = buildImportTable(table(['编号', '事项名称', '领域'], ['1', '', '金融'], ['x', '乙', '金融'], ['3', '丙', '很长'.repeat(40)], ['4', '丁', '']));
    expect(t.rows.map((r) => r.row)).toEqual([5]);
    expect(t.invalidRows).toEqual([2, 3, 4]);
    expect(t.problems).toEqual([
      { row: 2, column: '事项名称', field: 'name', message: expect.stringContaining('为空'), text: '' },
      { row: 3, column: '编号', field: 'seq', message: expect.stringContaining('1–10000'), text: 'x' },
      { row: 4, column: '领域', field: 'domain', message: expect.stringContaining('64'), text: '很长'.repeat(40) },
    ]);
  });

  it('refuses duplicate 序号 naming both rows', () => {
    const r = rejection(() => buildImportTable(table(['标题'], ['序号', '改革事项'], ['1', '甲'], ['2', '乙'], ['1', '丙'])));
    expect(r.message).toContain('序号 1 在第 3 行和第 5 行');
    expect(r.problems).toEqual([{ row: 5, column: '序号', field: 'seq', message: expect.stringContaining('第 3 行'), text: '1' }]);
  });

  it('refuses a table without the item-name column, naming it', () => {
    const r = rejection(() => buildImportTable(table(['序号', '负责部门'], ['1', '商务部'])));
    expect(r.message).toContain('改革事项');
    expect(r.problems[0]!.column).toBe('改革事项');
  });

  it('reads section rows ("一、投资管理领域" alone on its row) as the 领域 of the rows below, numbering items without them', () => {
    const t = buildImportTable(table(
      ['序号', '改革事项', '负责部门', '领域'],
      ['一、投资管理领域', '', '', ''],
      ['', '甲', '商务部', ''],
      ['', '乙', '商务部', '金融'],
      ['', '（二）贸易便利化', '', ''],
      ['', '丙', '海关总署', ''],
      ['', '第三部分 事中事后监管措施：', '', ''],
      ['', '丁', '', ''],
    ));
    expect(t.problems).toEqual([]);
    expect(t.sections).toEqual([{ row: 2, domain: '投资管理' }, { row: 5, domain: '贸易便利化' }, { row: 7, domain: '事中事后监管措施' }]);
    expect(t.rows.map((r) => [r.row, r.input.seq, r.input.name, r.input.domain])).toEqual([[3, 1, '甲', '投资管理'], [4, 2, '乙', '金融'], [6, 3, '丙', '贸易便利化'], [8, 4, '丁', '事中事后监管措施']]);
  });

  it('takes a section when the table has no 领域 column, and keeps lone item names and lone 序号 as item rows', () => {
    expect(sectionDomain({ row: 2, cells: ['', '服务业开放领域', ''] }, 0)).toBe('服务业开放');
    expect(sectionDomain({ row: 2, cells: ['', '企业设立实行“单一窗口”', ''] }, 0)).toBeNull();
    expect(sectionDomain({ row: 2, cells: ['十二', '', ''] }, 0)).toBeNull();
    expect(sectionDomain({ row: 2, cells: ['一、投资管理', '商务部', ''] }, 0)).toBeNull();
    const t = buildImportTable(table(['序号', '改革事项'], ['一、金融领域', ''], ['1', '个人其他经常项下人民币结算业务']));
    expect(t.rows).toEqual([{ row: 3, input: { seq: 1, name: '个人其他经常项下人民币结算业务', domain: '金融' } }]);
  });

  it('refuses a header without data rows', () => {
    expect(rejection(() => buildImportTable(table(['序号', '改革事项'], ['', '']))).message).toContain('没有数据行');
  });
});

import { describe, expect, it } from '@jest/globals';
import ExcelJS from 'exceljs';
import { appConfig } from '#libs/common';
import { importLimits } from '../import-limits.js';
import { readXlsx } from './xlsx-reader.js';

async function workbook(build: (sheet: ExcelJS.Worksheet) => void): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  build(wb.addWorksheet('分工表'));
  wb.addWorksheet('另一表').addRow(['不读取']);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

const limits = importLimits(appConfig());

describe('readXlsx', () => {
  it('copies vertically merged cells down and flags them, and leaves a title merged across the table one cell wide', async () => {
    const bytes = await workbook((s) => {
      s.addRow(['附件1 自由贸易试验区改革试点经验复制推广工作任务分工表']);
      s.mergeCells('A1:D1');
      s.addRow(['序号', '改革事项', '负责部门', '时限']);
      s.addRow([1, '事项一', '海关总署', '2016年11月30日前']);
      s.addRow([2, '事项二', null, null]);
      s.addRow([3, '事项三', '商务部', null]);
      s.mergeCells('C3:C4');
      s.mergeCells('D3:D5');
    });
    const rows = await readXlsx(bytes, limits);
    expect(rows.map((r) => r.cells)).toEqual([
      ['附件1 自由贸易试验区改革试点经验复制推广工作任务分工表', '', '', ''],
      ['序号', '改革事项', '负责部门', '时限'],
      ['1', '事项一', '海关总署', '2016年11月30日前'],
      ['2', '事项二', '海关总署', '2016年11月30日前'],
      ['3', '事项三', '商务部', '2016年11月30日前'],
    ]);
    expect(rows[3]!.mergedDown).toEqual([false, false, true, true]);
    expect(rows[4]!.mergedDown).toEqual([false, false, false, true]);
    expect(rows.map((r) => r.row)).toEqual([1, 2, 3, 4, 5]);
  });

  it('reads rich text, formula results, hyperlinks and dates as the text a user sees', async () => {
    const bytes = await workbook((s) => {
      s.addRow(['改革事项', '时限', '发布文件', '序号']);
      s.addRow([
        { richText: [{ text: '国际贸易', font: { bold: true } }, { text: '单一窗口' }] },
        new Date(Date.UTC(2016, 10, 30)),
        { text: '国发〔2016〕63号', hyperlink: 'https://www.gov.cn/' },
        { formula: '1+1', result: 2 },
      ]);
    });
    const rows = await readXlsx(bytes, limits);
    expect(rows[1]!.cells).toEqual(['国际贸易单一窗口', '2016年11月30日', '国发〔2016〕63号', '2']);
  });
});

import { describe, expect, it } from '@jest/globals';
import type { BadRequestException } from '@nestjs/common';
import ExcelJS from 'exceljs';
import { appConfig } from '#libs/common';
import { importLimits } from '../import-limits.js';
import { readUpload } from './read-upload.js';

async function refusal(name: string, bytes: Uint8Array): Promise<string> {
  try {
    await readUpload(name, bytes, limits);
  } catch (e) {
    return ((e as BadRequestException).getResponse() as { message: string }).message;
  }
  throw new Error('expected a 400');
}

const PNG = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]);

const limits = importLimits(appConfig());

describe(readUpload.name, () => {
  it('reads .xlsx and .csv by name when the content agrees', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('表').addRow(['改革事项']);
    expect((await readUpload('分工表.xlsx', new Uint8Array(await wb.xlsx.writeBuffer()), limits)).format).toBe('xlsx');
    expect(await readUpload('分工表.CSV', new TextEncoder().encode('改革事项\n甲'), limits)).toEqual({ format: 'csv', rows: [{ row: 1, cells: ['改革事项'] }, { row: 2, cells: ['甲'] }] });
  });

  it('refuses empty files, PDFs, renamed images, old .xls and damaged workbooks with what to upload instead', async () => {
    expect(await refusal('a.csv', new Uint8Array())).toContain('文件为空');
    expect(await refusal('通知.pdf', new TextEncoder().encode('%PDF-1.7'))).toContain('不支持的文件类型 .pdf');
    expect(await refusal('截图.csv', PNG)).toContain('不是文本表格');
    expect(await refusal('截图.xlsx', PNG)).toContain('不是 Excel 工作簿');
    expect(await refusal('旧表.xls', Uint8Array.from([0xd0, 0xcf, 0x11, 0xe0]))).toContain('.xlsx');
    expect(await refusal('坏表.xlsx', Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]))).toContain('无法读取');
  });
});

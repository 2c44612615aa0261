import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { readDocxTables } from './docx-reader.js';
import { readUpload } from './read-upload.js';
import type { ImportLimits } from '../import-limits.js';

const limits: ImportLimits = { maxBytes: 10 << 20, maxUnpackedBytes: 64 << 20, maxCompressionRatio: 100, maxRows: 20000, maxCells: 400000, parseMemoryMb: 512, parseTimeoutMs: 60000 };

const fixture = (name: string) => new Uint8Array(readFileSync(new URL(`../../../../test/fixtures/imports/${name}`, import.meta.url)));

describe(readDocxTables.name, () => {
  it('reads each table, copying vertically merged cells down (flagged) and leaving a title merged across one cell wide', async () => {
    const [first, second] = await readDocxTables(fixture('sectioned-annex.docx'), limits);
    expect(first!.map((r) => r.cells)).toEqual([
      ['序号', '工作任务', '牵头单位', '推广范围', '完成时限'],
      ['一、投资管理领域', '', '', '', ''],
      ['1', '外商投资广告企业项目备案制', '省市场监管局', '全省', '2015年6月30日前'],
      ['2', '涉税事项网上审批备案', '省税务局', '全省', '2015年6月30日前'],
      ['二、贸易便利化领域', '', '', '', ''],
      ['3', '国际贸易“单一窗口”\n（标准版）', '青岛海关、省商务厅牵头', '全省', ''],
      ['4', '检验检疫通关无纸化', '省商务厅会同有关部门负责', '全省', '持续实施'],
    ]);
    expect(first![3]!.mergedDown).toEqual([false, false, false, true, true]);
    expect(first![1]!.mergedDown).toEqual([false, false, false, false, false]);
    expect(second).toHaveLength(3);
  });

  it('parses in a worker thread held to the time limit (the api stays free): over it, 413 naming the limit', async () => {
    await expect(readDocxTables(fixture('gf-2014-65.docx'), { ...limits, parseTimeoutMs: 1 })).rejects.toMatchObject({
      status: 413,
      message: expect.stringContaining('Word 文档解析超过'),
    });
  });
});

describe(`${readUpload.name} (.docx)`, () => {
  it('reads the annex: the first table with a header and the continuation tables of its width, numbered through', async () => {
    const { format, rows } = await readUpload('附件.docx', fixture('sectioned-annex.docx'), limits);
    expect(format).toBe('docx');
    expect(rows.map((r) => r.row)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(rows[7]!.cells[0]).toBe('序号');
  });

  it('stops at a table of other columns: 国发〔2014〕65号 gives annex 1 and not annex 2', async () => {
    const { rows } = await readUpload('国发〔2014〕65号.docx', fixture('gf-2014-65.docx'), limits);
    expect(rows).toHaveLength(30);
    expect(rows[29]!.cells.slice(0, 2)).toEqual(['29', '动植物及其产品检疫审批负面清单管理']);
    expect(rows[3]!.cells[2]).toBe('税务总局');
  });

  it('refuses an old .doc, a renamed file, a workbook named .docx and a document without tables', async () => {
    const refusal = (name: string, bytes: Uint8Array) => readUpload(name, bytes, limits).then(() => '', (e: { getResponse(): { message: string } }) => e.getResponse().message);
    expect(await refusal('通知.doc', Uint8Array.from([0xd0, 0xcf, 0x11, 0xe0]))).toContain('另存为 .docx');
    expect(await refusal('通知.docx', new TextEncoder().encode('序号,改革事项'))).toContain('不是 Word 文档');
    expect(await refusal('坏.docx', Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]))).toContain('无法读取该 Word 文档');
  });
});

import { describe, expect, it } from '@jest/globals';
import { decodeText, parseCsv, parsePastedTable } from './csv-reader.js';

const utf8 = (s: string) => new TextEncoder().encode(s);

describe('decodeText', () => {
  it('reads UTF-8 and drops the BOM Excel writes with "CSV UTF-8"', () => {
    expect(decodeText(Uint8Array.from([0xef, 0xbb, 0xbf, ...utf8('序号,改革事项')]))).toBe('序号,改革事项');
    expect(decodeText(utf8('序号,改革事项'))).toBe('序号,改革事项');
  });

  it('reads GB18030/GBK, what Chinese Excel writes for "CSV (逗号分隔)"', () => {
    // "序号,时限" in GBK
    const gbk = Uint8Array.from([0xd0, 0xf2, 0xba, 0xc5, 0x2c, 0xca, 0xb1, 0xcf, 0xde]);
    expect(decodeText(gbk)).toBe('序号,时限');
  });

  it('reads UTF-16 with a BOM (Excel "Unicode text")', () => {
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('序号\t改革事项', 'utf16le')]);
    expect(decodeText(le)).toBe('序号\t改革事项');
  });

  it('refuses binary content', () => {
    expect(decodeText(Uint8Array.from([0x41, 0x00, 0x42, 0x43]))).toBeNull();
  });
});

describe('parseCsv', () => {
  it('keeps commas, doubled quotes and line breaks inside quoted cells, and numbers records as Excel rows', () => {
    const rows = parseCsv('序号,改革事项,负责部门\r\n1,"企业准入""单一窗口""",商务部\r\n2,"海关特殊监管区域\n“一次备案，多次使用”","海关总署、质检总局"\r\n3,融资租赁,银保监会\r\n');
    expect(rows).toEqual([
      { row: 1, cells: ['序号', '改革事项', '负责部门'] },
      { row: 2, cells: ['1', '企业准入"单一窗口"', '商务部'] },
      { row: 3, cells: ['2', '海关特殊监管区域\n“一次备案，多次使用”', '海关总署、质检总局'] },
      { row: 4, cells: ['3', '融资租赁', '银保监会'] },
    ]);
  });

  it('reads a last record without a line break, bare CR line ends and empty cells', () => {
    expect(parseCsv('a,b\r1,\r,2')).toEqual([
      { row: 1, cells: ['a', 'b'] },
      { row: 2, cells: ['1', ''] },
      { row: 3, cells: ['', '2'] },
    ]);
  });

  it('splits on tabs when the first line is tab-separated (pasted from Excel)', () => {
    expect(parseCsv('序号\t改革事项\n1\t单一窗口，免费申报')).toEqual([
      { row: 1, cells: ['序号', '改革事项'] },
      { row: 2, cells: ['1', '单一窗口，免费申报'] },
    ]);
  });
});

describe('parsePastedTable', () => {
  it('splits on tabs only, even under a title row without tabs, keeping commas and Excel-quoted line breaks in cells', () => {
    const rows = parsePastedTable('\uFEFF附件 任务分工表\r\n序号\t改革事项\t负责部门\r\n1\t融资租赁,跨境资产转让\t商务部\r\n2\t"海关特殊监管区域\n一次备案"\t海关总署\r\n');
    expect(rows).toEqual([
      { row: 1, cells: ['附件 任务分工表'] },
      { row: 2, cells: ['序号', '改革事项', '负责部门'] },
      { row: 3, cells: ['1', '融资租赁,跨境资产转让', '商务部'] },
      { row: 4, cells: ['2', '海关特殊监管区域\n一次备案', '海关总署'] },
    ]);
  });
});

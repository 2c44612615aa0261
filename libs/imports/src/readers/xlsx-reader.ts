import { createRequire } from 'node:module';
import { tooManyCells, tooManyRows, type ImportLimits } from '../import-limits.js';
import { parseInWorker } from './parse-worker.js';
import type { RawRow } from './raw-row.js';
import { inspectZip, UnreadableZipError } from './zip-inspection.js';

/** The file is a ZIP but not a workbook exceljs can open (a .docx renamed, a damaged file). */
export class UnreadableWorkbookError extends Error {}

interface SheetRequest {
  bytes: Uint8Array;
  exceljs: string;
  maxRows: number;
  maxCells: number;
}

type SheetResult = { rows: RawRow[] } | { unreadable: string } | { tooManyRows: number } | { tooManyCells: number };

/**
 * The first worksheet as rows of text, computed in a worker thread (see parseInWorker for what it may use). Merged
 * cells: a cell covered by a merge from the row above in its own column gets that text and is flagged in `mergedDown`;
 * a cell covered from the left (a title merged across the table) stays empty, so a title row is one cell wide and
 * never looks like a header.
 */
async function firstSheetRows(request: SheetRequest): Promise<SheetResult> {
  const ExcelJS = require(request.exceljs) as typeof import('exceljs');
  type CellValue = import('exceljs').CellValue;
  // Excel stores a date cell as a wall-clock time in UTC; the deadline parser reads the Chinese form.
  const dateText = (d: Date) => `${d.getUTCFullYear()}年${d.getUTCMonth() + 1}月${d.getUTCDate()}日`;
  // The text a cell shows, whatever exceljs gives for it (rich text, formula results, hyperlinks, dates).
  const cellText = (value: CellValue): string => {
    if (value === null || value === undefined) return '';
    if (value instanceof Date) return dateText(value);
    if (typeof value !== 'object') return String(value);
    if ('richText' in value) return value.richText.map((r) => r.text).join('');
    if ('formula' in value || 'sharedFormula' in value) return cellText((value.result ?? null) as CellValue);
    if ('hyperlink' in value) return typeof value.text === 'string' ? value.text : cellText(value.text as CellValue);
    // an error value (#N/A, #REF!) shows no usable text
    return '';
  };

  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(Buffer.from(request.bytes.buffer, request.bytes.byteOffset, request.bytes.byteLength) as unknown as import('exceljs').Buffer);
  } catch (e) {
    return { unreadable: e instanceof Error ? e.message : String(e) };
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) return { rows: [] };
  // rowCount and columnCount reach the farthest cell used, however empty the rest: what the loop below would walk.
  const width = sheet.columnCount;
  if (sheet.rowCount > request.maxRows) return { tooManyRows: sheet.rowCount };
  if (sheet.rowCount * width > request.maxCells) return { tooManyCells: sheet.rowCount * width };
  const rows: RawRow[] = [];
  for (let r = 1; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    const cells: string[] = [];
    const mergedDown: boolean[] = [];
    for (let c = 1; c <= width; c++) {
      const cell = row.getCell(c);
      const master = cell.isMerged ? cell.master : cell;
      const covered = master.address !== cell.address;
      const fromAbove = covered && master.col === cell.col;
      cells.push(covered && !fromAbove ? '' : cellText(master.value).trim());
      mergedDown.push(fromAbove);
    }
    rows.push({ row: r, cells, mergedDown });
  }
  return { rows };
}

const EXCELJS = createRequire(import.meta.url).resolve('exceljs');

/**
 * The first worksheet as rows of text. The ZIP's directory is checked first (what the parts unpack to, their
 * compression ratio); the parse runs in a worker thread bounded in memory and time, and refuses a sheet with
 * more rows or cells than the limits before turning it into rows.
 */
export async function readXlsx(bytes: Uint8Array, limits: ImportLimits): Promise<RawRow[]> {
  try {
    await inspectZip(bytes, limits);
  } catch (e) {
    if (e instanceof UnreadableZipError) throw new UnreadableWorkbookError(e.message);
    throw e;
  }
  const result = await parseInWorker(firstSheetRows, { bytes, exceljs: EXCELJS, maxRows: limits.maxRows, maxCells: limits.maxCells }, limits, '工作簿');
  if ('unreadable' in result) throw new UnreadableWorkbookError(result.unreadable);
  if ('tooManyRows' in result) throw tooManyRows(result.tooManyRows, limits);
  if ('tooManyCells' in result) throw tooManyCells(result.tooManyCells, limits);
  return result.rows;
}

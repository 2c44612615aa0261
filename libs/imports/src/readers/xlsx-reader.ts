import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import { importTooLarge, megabytes, tooManyCells, tooManyRows, type ImportLimits } from '../import-limits.js';
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
 * The first worksheet as rows of text, computed in a worker thread. Merged cells: a cell covered by a merge from the
 * row above in its own column gets that text and is flagged in `mergedDown`; a cell covered from the left (a title
 * merged across the table) stays empty, so a title row is one cell wide and never looks like a header.
 *
 * The worker runs this function from its source text, so that the same code runs from the built output and under
 * Jest's TypeScript transform: it may use nothing but its own body and what the request brings (exceljs by path).
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

const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
(${firstSheetRows.toString()})(workerData).then((result) => parentPort.postMessage(result));
`;

const EXCELJS = createRequire(import.meta.url).resolve('exceljs');

// Each parse may take up to IMPORT_PARSE_MEMORY_MB: uploads beyond these wait their turn rather than stack up.
const PARALLEL_PARSES = 2;
let running = 0;
const waiting: (() => void)[] = [];

async function inTurn<T>(work: () => Promise<T>): Promise<T> {
  if (running >= PARALLEL_PARSES) await new Promise<void>((resolve) => waiting.push(resolve));
  running++;
  try {
    return await work();
  } finally {
    running--;
    waiting.shift()?.();
  }
}

/** One worker per parse, so its heap limit and a timeout bound what a workbook can cost, and the api's event loop stays free. */
function parseInWorker(bytes: Uint8Array, limits: ImportLimits): Promise<SheetResult> {
  return new Promise((resolve, reject) => {
    const request: SheetRequest = { bytes, exceljs: EXCELJS, maxRows: limits.maxRows, maxCells: limits.maxCells };
    const worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: request,
      resourceLimits: { maxOldGenerationSizeMb: limits.parseMemoryMb },
    });
    const timer = setTimeout(() => {
      void worker.terminate();
      reject(importTooLarge(`工作簿解析超过 ${Math.round(limits.parseTimeoutMs / 1000)} 秒的上限，请拆分后分批导入 (parsing took longer than the limit)`));
    }, limits.parseTimeoutMs);
    const settle = () => clearTimeout(timer);
    worker.once('message', (result: SheetResult) => {
      settle();
      resolve(result);
      void worker.terminate();
    });
    worker.once('error', (e: Error & { code?: string }) => {
      settle();
      if (e.code === 'ERR_WORKER_OUT_OF_MEMORY') {
        reject(importTooLarge(`工作簿解析时超过 ${megabytes(limits.parseMemoryMb * 1024 * 1024)} 的内存上限，请删除多余的工作表、格式或图片，或拆分后分批导入 (parsing exceeded the memory limit)`));
      } else {
        resolve({ unreadable: e.message });
      }
    });
    worker.once('exit', () => {
      settle();
      resolve({ unreadable: 'the worker stopped without an answer' });
    });
  });
}

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
  const result = await inTurn(() => parseInWorker(bytes, limits));
  if ('unreadable' in result) throw new UnreadableWorkbookError(result.unreadable);
  if ('tooManyRows' in result) throw tooManyRows(result.tooManyRows, limits);
  if ('tooManyCells' in result) throw tooManyCells(result.tooManyCells, limits);
  return result.rows;
}

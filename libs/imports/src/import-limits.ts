import { PayloadTooLargeException } from '@nestjs/common';
import type { AppConfig } from '#libs/common';
import type { RawRow } from './readers/raw-row.js';

/** What an import may cost: the upload's size, what it unpacks to, the table it holds and the parse that reads it. */
export interface ImportLimits {
  maxBytes: number;
  maxUnpackedBytes: number;
  maxCompressionRatio: number;
  maxRows: number;
  maxCells: number;
  parseMemoryMb: number;
  parseTimeoutMs: number;
}

export function importLimits(config: AppConfig): ImportLimits {
  return {
    maxBytes: config.IMPORT_MAX_BYTES,
    maxUnpackedBytes: config.IMPORT_MAX_UNPACKED_BYTES,
    maxCompressionRatio: config.IMPORT_MAX_COMPRESSION_RATIO,
    maxRows: config.IMPORT_MAX_ROWS,
    maxCells: config.IMPORT_MAX_CELLS,
    parseMemoryMb: config.IMPORT_PARSE_MEMORY_MB,
    parseTimeoutMs: config.IMPORT_PARSE_TIMEOUT_MS,
  };
}

/** Megabytes as people read them in a message: "10 MB", "0.5 MB". */
export function megabytes(bytes: number): string {
  const mb = bytes / (1024 * 1024);
  return `${mb >= 10 ? Math.round(mb) : Number(mb.toFixed(1))} MB`;
}

/** A 413 in the shape of the importer's 400s, the limit named in its message. */
export function importTooLarge(message: string, field = 'file'): PayloadTooLargeException {
  return new PayloadTooLargeException({ statusCode: 413, error: 'Payload Too Large', message, errors: [{ field, messages: [message] }] });
}

export const tooManyRows = (rows: number, limits: ImportLimits, field = 'file') =>
  importTooLarge(`表格有 ${rows} 行，超过每次导入 ${limits.maxRows} 行的上限，请拆分后分批导入 (more than ${limits.maxRows} rows)`, field);

export const tooManyCells = (cells: number, limits: ImportLimits, field = 'file') =>
  importTooLarge(`表格有 ${cells} 个单元格，超过每次导入 ${limits.maxCells} 个单元格的上限，请删除多余的列或拆分后分批导入 (more than ${limits.maxCells} cells)`, field);

/** Rows and cells against the limits, for tables read on the api's own thread (CSV, pasted text, JSON rows). */
export function checkTableSize(rows: RawRow[], limits: ImportLimits, field = 'file'): void {
  if (rows.length > limits.maxRows) throw tooManyRows(rows.length, limits, field);
  const cells = rows.reduce((n, r) => n + r.cells.length, 0);
  if (cells > limits.maxCells) throw tooManyCells(cells, limits, field);
}

import ExcelJS from 'exceljs';
import type { RawRow } from './raw-row.js';

/** The file is a ZIP but not a workbook exceljs can open (a .docx renamed, a damaged file). */
export class UnreadableWorkbookError extends Error {}

/** Excel stores a date cell as a wall-clock time in UTC; the deadline parser reads the Chinese form. */
function dateText(d: Date): string {
  return `${d.getUTCFullYear()}年${d.getUTCMonth() + 1}月${d.getUTCDate()}日`;
}

/** The text a cell shows, whatever exceljs gives for it (rich text, formula results, hyperlinks, dates). */
export function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return dateText(value);
  if (typeof value !== 'object') return String(value);
  if ('richText' in value) return value.richText.map((r) => r.text).join('');
  if ('formula' in value || 'sharedFormula' in value) return cellText((value.result ?? null) as ExcelJS.CellValue);
  if ('hyperlink' in value) return typeof value.text === 'string' ? value.text : cellText(value.text as ExcelJS.CellValue);
  // an error value (#N/A, #REF!) shows no usable text
  return '';
}

/**
 * The first worksheet as rows of text. Merged cells: a cell covered by a merge from the row above in its
 * own column gets that text and is flagged in `mergedDown`; a cell covered from the left (a title merged
 * across the table) stays empty, so a title row is one cell wide and never looks like a header.
 */
export async function readXlsx(bytes: Uint8Array): Promise<RawRow[]> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer);
  } catch (e) {
    throw new UnreadableWorkbookError(e instanceof Error ? e.message : String(e));
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) return [];
  const width = sheet.columnCount;
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
  return rows;
}

import mammoth from 'mammoth';
import { HTMLElement, parse } from 'node-html-parser';
import type { ImportLimits } from '../import-limits.js';
import type { RawRow } from './raw-row.js';
import { inspectZip, UnreadableZipError } from './zip-inspection.js';

/** The file is a ZIP but not a Word document mammoth can open, or it would unpack beyond the limit. */
export class UnreadableDocumentError extends Error {}

const childElements = (el: HTMLElement, ...tags: string[]): HTMLElement[] =>
  el.childNodes.filter((n): n is HTMLElement => n instanceof HTMLElement && tags.includes(n.tagName));

/** A cell's paragraphs as lines, the way a cell with Alt+Enter reads in Excel. */
function cellText(td: HTMLElement): string {
  const paragraphs = td.querySelectorAll('p');
  return (paragraphs.length ? paragraphs.map((p) => p.text) : [td.text]).map((t) => t.trim()).filter(Boolean).join('\n');
}

/**
 * One HTML table as rows of cells. A cell spanning rows (Word's vertical merge) gives its text to the rows it
 * covers, flagged in `mergedDown` as the XLSX reader does; a cell spanning columns (a section title across the
 * table) fills its first column only, so it reads as one cell.
 */
function tableRows(table: HTMLElement): Omit<RawRow, 'row'>[] {
  const trs = [table, ...childElements(table, 'THEAD', 'TBODY', 'TFOOT')].flatMap((el) => childElements(el, 'TR'));
  const cells: string[][] = trs.map(() => []);
  const merged: boolean[][] = trs.map(() => []);
  trs.forEach((tr, r) => {
    let c = 0;
    for (const td of childElements(tr, 'TD', 'TH')) {
      while (cells[r]![c] !== undefined) c++;
      const text = cellText(td);
      const rowspan = Math.max(1, Number(td.getAttribute('rowspan')) || 1);
      const colspan = Math.max(1, Number(td.getAttribute('colspan')) || 1);
      for (let dr = 0; dr < rowspan && r + dr < trs.length; dr++) {
        for (let dc = 0; dc < colspan; dc++) {
          cells[r + dr]![c + dc] = dc === 0 ? text : '';
          merged[r + dr]![c + dc] = dr > 0 && dc === 0;
        }
      }
      c += colspan;
    }
  });
  const width = Math.max(0, ...cells.map((row) => row.length));
  return cells.map((row, r) => ({
    cells: Array.from({ length: width }, (_, i) => row[i] ?? ''),
    mergedDown: Array.from({ length: width }, (_, i) => merged[r]![i] ?? false),
  }));
}

/**
 * The tables of a Word document (a notice with its annex), in order, each as rows of cells. Read through
 * mammoth's HTML, which keeps Word's merged cells as rowspan/colspan; nested tables are not read.
 */
export async function readDocxTables(bytes: Uint8Array, limits: ImportLimits): Promise<Omit<RawRow, 'row'>[][]> {
  // A 10 MB upload must not unpack into gigabytes (a zip bomb) before mammoth has read it: the XLSX reader's check.
  try {
    await inspectZip(bytes, limits);
  } catch (e) {
    throw e instanceof UnreadableZipError ? new UnreadableDocumentError(e.message) : e;
  }
  let html: string;
  try {
    html = (await mammoth.convertToHtml({ buffer: Buffer.from(bytes) })).value;
  } catch (e) {
    throw new UnreadableDocumentError(e instanceof Error ? e.message : String(e));
  }
  return childElements(parse(html), 'TABLE').map(tableRows).filter((rows) => rows.length);
}

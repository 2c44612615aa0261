import { createRequire } from 'node:module';
import type { ImportLimits } from '../import-limits.js';
import { parseInWorker } from './parse-worker.js';
import type { RawRow } from './raw-row.js';
import { inspectZip, UnreadableZipError } from './zip-inspection.js';

/** The file is a ZIP but not a Word document mammoth can open, or it would unpack beyond the limit. */
export class UnreadableDocumentError extends Error {}

interface DocumentRequest {
  bytes: Uint8Array;
  mammoth: string;
  htmlParser: string;
}

type Table = Omit<RawRow, 'row'>[];

/**
 * The tables of a Word document, in order, each as rows of cells, computed in a worker thread (see parseInWorker for
 * what it may use). Read through mammoth's HTML, which keeps Word's merged cells as rowspan/colspan; nested tables are
 * not read. A cell spanning rows (Word's vertical merge) gives its text to the rows it covers, flagged in `mergedDown`
 * as the XLSX reader does; a cell spanning columns (a section title across the table) fills its first column only, so
 * it reads as one cell. A cell's paragraphs become lines, the way a cell with Alt+Enter reads in Excel.
 */
async function documentTables(request: DocumentRequest): Promise<{ tables: Table[] } | { unreadable: string }> {
  const mammoth = require(request.mammoth) as typeof import('mammoth');
  const { parse, HTMLElement } = require(request.htmlParser) as typeof import('node-html-parser');
  type Element = import('node-html-parser').HTMLElement;
  const childElements = (el: Element, ...tags: string[]): Element[] => el.childNodes.filter((n): n is Element => n instanceof HTMLElement && tags.includes(n.tagName));
  const cellText = (td: Element): string => {
    const paragraphs = td.querySelectorAll('p');
    return (paragraphs.length ? paragraphs.map((p) => p.text) : [td.text]).map((t) => t.trim()).filter(Boolean).join('\n');
  };
  const tableRows = (table: Element): Table => {
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
  };

  let html: string;
  try {
    html = (await mammoth.convertToHtml({ buffer: Buffer.from(request.bytes.buffer, request.bytes.byteOffset, request.bytes.byteLength) })).value;
  } catch (e) {
    return { unreadable: e instanceof Error ? e.message : String(e) };
  }
  return { tables: childElements(parse(html), 'TABLE').map(tableRows).filter((rows) => rows.length) };
}

const LIBRARIES = { mammoth: createRequire(import.meta.url).resolve('mammoth'), htmlParser: createRequire(import.meta.url).resolve('node-html-parser') };

/**
 * The tables of a Word document (a notice with its annex), in order, each as rows of cells. The ZIP is checked first
 * (a 10 MB upload must not unpack into gigabytes before mammoth has read it: the XLSX reader's check); the parse runs
 * in a worker thread bounded in memory and time.
 */
export async function readDocxTables(bytes: Uint8Array, limits: ImportLimits): Promise<Table[]> {
  try {
    await inspectZip(bytes, limits);
  } catch (e) {
    throw e instanceof UnreadableZipError ? new UnreadableDocumentError(e.message) : e;
  }
  const result = await parseInWorker(documentTables, { bytes, ...LIBRARIES }, limits, 'Word 文档');
  if ('unreadable' in result) throw new UnreadableDocumentError(result.unreadable);
  return result.tables;
}

import { extname } from 'node:path';
import { checkTableSize, type ImportLimits } from '../import-limits.js';
import { importRejected, locateHeader } from '../import-table.js';
import { decodeText, parseCsv } from './csv-reader.js';
import { readDocxTables, UnreadableDocumentError } from './docx-reader.js';
import type { RawRow } from './raw-row.js';
import { readXlsx, UnreadableWorkbookError } from './xlsx-reader.js';

const ACCEPTED = '请上传 .xlsx 工作簿、.docx 文件（通知的附件表格）或 .csv 文件（UTF-8 或 GBK/GB18030 编码） (upload an .xlsx, .docx or .csv file)';

/** What the first bytes say a file is, whatever its name claims. */
function magic(bytes: Uint8Array): 'zip' | 'ole' | 'pdf' | 'image' | null {
  const starts = (...sig: number[]) => sig.every((b, i) => bytes[i] === b);
  if (starts(0x50, 0x4b, 0x03, 0x04)) return 'zip';
  if (starts(0xd0, 0xcf, 0x11, 0xe0)) return 'ole';
  if (starts(0x25, 0x50, 0x44, 0x46)) return 'pdf';
  if (starts(0x89, 0x50, 0x4e, 0x47) || starts(0xff, 0xd8, 0xff) || starts(0x47, 0x49, 0x46, 0x38)) return 'image';
  return null;
}

/**
 * Reads an uploaded table by its name and checks the bytes agree: a PDF or an image renamed .csv/.xlsx,
 * an old binary .xls, an empty file or a damaged workbook are 400s that say what to upload instead; a table
 * past the limits (unpacked size, compression ratio, rows, cells) is a 413 naming the limit.
 */
export async function readUpload(fileName: string, bytes: Uint8Array, limits: ImportLimits): Promise<{ format: 'csv' | 'xlsx' | 'docx'; rows: RawRow[] }> {
  if (bytes.length === 0) throw importRejected('文件为空 (the file is empty)');
  const ext = extname(fileName).toLowerCase();
  const kind = magic(bytes);
  if (ext === '.xls') {
    throw importRejected(`不支持旧版 Excel 97-2003 (.xls) 文件，请在 Excel 中另存为 .xlsx 后上传 (.xls is not supported: save as .xlsx)`);
  }
  if (ext === '.xlsx') {
    if (kind !== 'zip') throw importRejected(`文件扩展名为 .xlsx，但内容不是 Excel 工作簿；${ACCEPTED}`);
    try {
      return { format: 'xlsx', rows: await readXlsx(bytes, limits) };
    } catch (e) {
      if (e instanceof UnreadableWorkbookError) throw importRejected(`无法读取该 Excel 工作簿（文件可能已损坏或不是 .xlsx）；${ACCEPTED}`);
      throw e;
    }
  }
  if (ext === '.doc') {
    throw importRejected(`不支持旧版 Word 97-2003 (.doc) 文件，请在 Word 或 WPS 中另存为 .docx 后上传 (.doc is not supported: save as .docx)`);
  }
  if (ext === '.docx') {
    if (kind !== 'zip') throw importRejected(`文件扩展名为 .docx，但内容不是 Word 文档；${ACCEPTED}`);
    try {
      const rows = annexTable(await readDocxTables(bytes, limits));
      checkTableSize(rows, limits);
      return { format: 'docx', rows };
    } catch (e) {
      if (e instanceof UnreadableDocumentError) throw importRejected(`无法读取该 Word 文档（文件可能已损坏、过大或不是 .docx）；${ACCEPTED}`);
      throw e;
    }
  }
  if (!['.csv', '.txt', '.tsv', ''].includes(ext)) throw importRejected(`不支持的文件类型 ${ext}；${ACCEPTED}`);
  const text = kind ? null : decodeText(bytes);
  if (text === null) throw importRejected(`文件内容不是文本表格（可能是 PDF、图片或其他二进制文件）；${ACCEPTED}`);
  const rows = parseCsv(text);
  checkTableSize(rows, limits);
  return { format: 'csv', rows };
}

/**
 * The annex among a Word document's tables: the first one with a header naming the item column, followed by the
 * tables of the same width right after it (Word splits a long table at a note or a section break, often repeating
 * the header). Rows are numbered from 1 through them, so a problem's row is the row counted in the annex table.
 */
function annexTable(tables: Omit<RawRow, 'row'>[][]): RawRow[] {
  if (!tables.length) throw importRejected(`Word 文档中没有表格：请上传含任务分工表的 .docx (the document has no table)`);
  const first = Math.max(0, tables.findIndex((t) => locateHeader(t.map((r, i) => ({ row: i + 1, ...r }))) !== null));
  const width = tables[first]![0]!.cells.length;
  const end = tables.findIndex((t, i) => i > first && t[0]!.cells.length !== width);
  return tables
    .slice(first, end === -1 ? undefined : end)
    .flat()
    .map((r, i) => ({ row: i + 1, ...r }));
}

import type { RawRow } from './raw-row.js';

/**
 * Bytes of an uploaded text table to a string: UTF-8 (with or without BOM), UTF-16 with a BOM (Excel's
 * "Unicode text"), else GB18030 — what Excel on a Chinese Windows writes when saving "CSV (逗号分隔)".
 * Returns null when the bytes are not text in any of these.
 */
export function decodeText(bytes: Uint8Array): string | null {
  const attempts: string[] =
    bytes[0] === 0xff && bytes[1] === 0xfe ? ['utf-16le'] : bytes[0] === 0xfe && bytes[1] === 0xff ? ['utf-16be'] : ['utf-8', 'gb18030'];
  for (const encoding of attempts) {
    try {
      const text = new TextDecoder(encoding, { fatal: true }).decode(bytes);
      // A NUL never appears in a text table; it means a binary file with a .csv name.
      return text.includes('\u0000') ? null : text;
    } catch {
      // not this encoding: try the next one
    }
  }
  return null;
}

/** Comma unless the first line has tabs and no commas (tab-separated text pasted from Excel or saved as Unicode text). */
function delimiterOf(text: string): string {
  const firstLine = text.slice(0, text.search(/\r|\n/) === -1 ? undefined : text.search(/\r|\n/));
  return firstLine.includes('\t') && !firstLine.includes(',') ? '\t' : ',';
}

/**
 * RFC 4180 records: quoted fields may hold the delimiter, doubled quotes and line breaks (a cell with
 * Alt+Enter in Excel). Each record is one Excel row, so `row` is the record's position, not its line.
 */
export function parseCsv(text: string, delimiter = delimiterOf(text)): RawRow[] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  let i = 0;
  const endField = () => {
    record.push(field);
    field = '';
  };
  const endRecord = () => {
    endField();
    records.push(record);
    record = [];
  };
  while (i < text.length) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i += 2;
        continue;
      }
      if (c === '"') quoted = false;
      else field += c;
      i++;
      continue;
    }
    if (c === '"' && field === '') quoted = true;
    else if (c === delimiter) endField();
    else if (c === '\r' || c === '\n') {
      endRecord();
      if (c === '\r' && text[i + 1] === '\n') i++;
    } else field += c;
    i++;
  }
  // The last record has no line break after it unless the file ends with one.
  if (field !== '' || record.length) endRecord();
  return records.map((cells, index) => ({ row: index + 1, cells }));
}

/**
 * A table pasted from Word, WPS or Excel: cells are tab-separated whatever the first line holds (a title row above
 * the header has no tab), so a comma in a cell never splits it; Excel's quoting of cells with line breaks is kept.
 */
export function parsePastedTable(text: string): RawRow[] {
  return parseCsv(text.replace(/^\uFEFF/, ''), '\t');
}

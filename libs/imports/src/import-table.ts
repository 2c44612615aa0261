import type { BadRequestException } from '@nestjs/common';
import { validateSync } from 'class-validator';
import { plainToInstance } from 'class-transformer';
import { OmitType } from '@nestjs/swagger';
import { CreateReformItemDto, departmentsTextProblem, type ReformItemInput } from '#libs/catalog';
import { badField } from '#libs/common';
import { chineseNumberToInt, IMPORT_HEADER_SYNONYMS, isLeadColumn, normaliseText, resolveImportColumns, type ImportField } from '#libs/parsing';
import type { RawRow } from './readers/raw-row.js';

/**
 * One thing wrong with one cell, as the user finds it in Excel: row number, column header, what, and the cell's text;
 * `field` names the column whatever the header said, for a screen that shows the parsed table.
 */
export interface RowProblem {
  row: number;
  column: string;
  field: ImportField;
  message: string;
  text: string;
}

export interface ImportRow {
  row: number;
  input: ReformItemInput;
}

export interface ImportTable {
  /** Row number of the header (0 for JSON rows, which have none). */
  headerRow: number;
  /** Field → the header text the file used for it. */
  columns: Partial<Record<ImportField, string>>;
  /** Headers no field claimed; their columns are not imported. */
  ignoredColumns: string[];
  /** Rows that passed every check, ready for CatalogService.upsertItems. */
  rows: ImportRow[];
  /** Rows that did not, with every problem found in them. */
  invalidRows: number[];
  problems: RowProblem[];
  /** Section rows read as the 领域 of the rows below them. */
  sections: ImportSection[];
}

export interface ImportSection {
  row: number;
  domain: string;
}

/** A 400 for the whole file, with the row-level details a user needs to fix it. */
export function importRejected(message: string, problems: RowProblem[] = [], field = 'file'): BadRequestException {
  const error = badField(field, message);
  Object.assign(error.getResponse() as object, { problems });
  return error;
}

/** Annex tables merge these cells over the items that share them; other merged cells are not repeated. */
const FILL_DOWN: ImportField[] = ['departments', 'scope', 'deadline', 'domain', 'sourceDocument'];

/** The first synonym is how the template and messages name a column. */
export const FIELD_LABELS = Object.fromEntries(Object.entries(IMPORT_HEADER_SYNONYMS).map(([f, words]) => [f, words[0]!])) as Record<ImportField, string>;

const INPUT_KEY: Record<Exclude<ImportField, 'seq'>, keyof ReformItemInput> = {
  name: 'name',
  departments: 'departmentsText',
  scope: 'scopeText',
  deadline: 'deadlineText',
  outcome: 'outcome',
  content: 'content',
  domain: 'domain',
  sourceDocument: 'sourceDocument',
};

const HEADER_SEARCH_ROWS = 20;

/** "一、投资管理领域", "（二）贸易便利化", "第三部分 …": a heading numbered the way documents number their sections. */
const SECTION_HEADING = /^(?:第[一二三四五六七八九十百]+(?:部分|类|章|批)[、，:：\s]*|[一二三四五六七八九十百]+[、.．]\s*|[（(][一二三四五六七八九十百]+[)）]\s*)(.+)$/u;

/**
 * A section row inside the table ("一、投资管理领域" alone on its row, without 序号, often merged across the
 * table): the 领域 of the rows below it, written without its numbering or the word 领域. Null for any other row.
 * A lone unnumbered text counts only when it says 领域, so an item row missing its other cells stays an item.
 */
export function sectionDomain(raw: RawRow, seqColumn: number | undefined): string | null {
  const filled = raw.cells.map((c, i) => ({ text: normaliseText(c), i })).filter((c) => c.text && !raw.mergedDown?.[c.i]);
  if (filled.length !== 1 || raw.cells.some((c, i) => raw.mergedDown?.[i] && c.trim())) return null;
  const { text, i } = filled[0]!;
  if (i === seqColumn && parseSeq(text) !== null) return null;
  const heading = SECTION_HEADING.exec(text)?.[1] ?? (/领域[：:]?$/u.test(text) ? text : null);
  if (!heading) return null;
  const domain = heading.replace(/[：:]$/u, '').replace(/(.)领域$/u, '$1').trim();
  return domain || null;
}

/**
 * The header is the first row (among the first 20) naming at least two known columns including the item
 * name, so a title row ("附件1 …任务分工表") or a blank row above it is passed over; a one-column table
 * whose header names only the item is accepted when no row names two.
 */
export function locateHeader(rows: RawRow[]): { index: number; columns: Partial<Record<ImportField, number>>; unknown: string[] } | null {
  const candidates = rows.slice(0, HEADER_SEARCH_ROWS).map((r, index) => ({ index, ...resolveImportColumns(r.cells) }));
  const named = candidates.filter((c) => c.missingRequired.length === 0);
  const best = named.find((c) => Object.keys(c.columns).length >= 2) ?? named[0];
  return best ? { index: best.index, columns: best.columns, unknown: best.unknown } : null;
}

function parseSeq(text: string): number | null {
  const t = normaliseText(text).replace(/^[（(]?(.*?)[)）.、．]?$/u, '$1');
  const n = /^\d+$/.test(t) ? Number(t) : chineseNumberToInt(t);
  return n !== null && Number.isInteger(n) && n >= 1 && n <= 10000 ? n : null;
}

// The catalog's own rules for an item (lengths, types), so an import accepts exactly what the API accepts.
class ImportedItemDto extends OmitType(CreateReformItemDto, ['batchId'] as const) {}

const PROPERTY_FIELD: Record<string, ImportField> = Object.fromEntries(
  Object.entries(INPUT_KEY).map(([field, key]) => [key, field as ImportField]).concat([['seq', 'seq']]),
);

/** Turns sheet rows into item inputs: finds the header, maps synonyms, fills merged cells down, numbers rows, checks each cell. */
export function buildImportTable(rows: RawRow[]): ImportTable {
  const header = locateHeader(rows);
  if (!header) {
    const names = IMPORT_HEADER_SYNONYMS.name.slice(1, 5).join('、');
    throw importRejected(`缺少必填列“${FIELD_LABELS.name}”（也可写作 ${names} 等），未找到表头行 (required column 改革事项 not found)`, [
      { row: rows[0]?.row ?? 1, column: FIELD_LABELS.name, field: 'name', message: '未找到“改革事项”列', text: (rows[0]?.cells ?? []).filter(Boolean).join(' | ') },
    ]);
  }
  const headerRow = rows[header.index]!;
  const columns = Object.fromEntries(Object.entries(header.columns).map(([f, i]) => [f, headerRow.cells[i]!.trim()])) as ImportTable['columns'];
  const label = (f: ImportField) => columns[f] ?? FIELD_LABELS[f];
  const nameHeader = normaliseText(headerRow.cells[header.columns.name!] ?? '');

  const data = rows
    .slice(header.index + 1)
    // blank rows, and the header repeated where a table continues onto the next page
    .filter((r) => r.cells.some((c) => c.trim()) && normaliseText(r.cells[header.columns.name!] ?? '') !== nameHeader);
  if (!data.length) throw importRejected('文件中没有数据行 (the file has a header but no data rows)');

  const problems: RowProblem[] = [];
  const invalid = new Set<number>();
  const parsed: ImportRow[] = [];
  const seqRows = new Map<number, number>();
  const duplicates: { seq: number; first: number; row: number; text: string }[] = [];
  const sections: ImportSection[] = [];

  let section: string | null = null;
  let position = 0;
  for (const raw of data) {
    const heading = sectionDomain(raw, header.columns.seq);
    if (heading) {
      section = heading;
      sections.push({ row: raw.row, domain: heading });
      continue;
    }
    position++;
    const cell = (f: ImportField): string => {
      const i = header.columns[f];
      if (f === 'domain' && section && !(raw.cells[i ?? -1] ?? '').trim()) return section;
      if (i === undefined || (raw.mergedDown?.[i] && !FILL_DOWN.includes(f))) return '';
      return (raw.cells[i] ?? '').trim();
    };
    const problem = (f: ImportField, message: string) => {
      problems.push({ row: raw.row, column: label(f), field: f, message, text: cell(f) });
      invalid.add(raw.row);
    };

    let seq: number | null = position;
    if (cell('seq')) {
      seq = parseSeq(cell('seq'));
      if (seq === null) problem('seq', '序号应为 1–10000 的整数 (seq must be a whole number 1–10000)');
    }
    if (seq !== null) {
      const first = seqRows.get(seq);
      if (first !== undefined) duplicates.push({ seq, first, row: raw.row, text: cell('seq') });
      else seqRows.set(seq, raw.row);
    }

    if (!cell('name')) problem('name', `${label('name')}为空 (item name is empty)`);
    const input: Record<string, unknown> = { seq: seq ?? 1 };
    for (const [field, key] of Object.entries(INPUT_KEY)) {
      const text = cell(field as ImportField);
      if (text) input[key] = text;
    }
    if (cell('name')) {
      for (const error of validateSync(plainToInstance(ImportedItemDto, input))) {
        const field = PROPERTY_FIELD[error.property];
        if (field) problem(field, `${label(field)}不符合要求 (${Object.values(error.constraints ?? {}).join('; ')})`);
      }
      const departments = cell('departments') ? departmentsTextProblem(cell('departments')) : null;
      if (departments) problem('departments', departments);
    }
    if (input.departmentsText && columns.departments && isLeadColumn(columns.departments)) input.departmentsLeadColumn = true;
    if (!invalid.has(raw.row)) parsed.push({ row: raw.row, input: input as unknown as ReformItemInput });
  }

  // Not a row problem that skipInvalid could skip: which of the two rows is the real item is the user's call.
  if (duplicates.length) {
    const where = duplicates.map((d) => `序号 ${d.seq} 在第 ${d.first} 行和第 ${d.row} 行`).join('；');
    throw importRejected(
      `序号重复：${where} (duplicate seq)`,
      duplicates.map((d) => ({ row: d.row, column: label('seq'), field: 'seq' as const, message: `序号 ${d.seq} 与第 ${d.first} 行重复 (duplicate seq, also in row ${d.first})`, text: d.text || String(d.seq) })),
    );
  }
  return { headerRow: headerRow.row, columns, ignoredColumns: header.unknown, rows: parsed, invalidRows: [...invalid], problems, sections };
}

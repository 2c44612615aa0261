import type { components } from '@/api/schema';

export type ImportResult = components['schemas']['ImportResultDto'];
type RowProblem = components['schemas']['RowProblemDto'];
type ParsedRow = components['schemas']['ImportRowResultDto'];
export type ImportField = RowProblem['field'];

/** A remark on one cell: a problem stops the row from being imported, a warning asks the clerk to check it. */
export interface CellIssue {
  severity: 'problem' | 'warning';
  message: string;
}

/**
 * One line of the dry-run table, in the order of the file. Rows with problems are not parsed by the api (they are
 * only in `problems`), yet the clerk must see them where they are in the file, with the offending cell marked.
 */
export interface PreviewRow {
  row: number;
  parsed: ParsedRow | null;
  /** The original text of cells the api quoted in a problem (the only content an unparsed row has). */
  text: Partial<Record<ImportField, string>>;
  issues: Partial<Record<ImportField, CellIssue[]>>;
  /** Remarks on columns the table does not show (outcome, content …), listed under the row. */
  otherIssues: (CellIssue & { column: string })[];
}

/** The columns the preview table shows; issues on other fields are listed under their row. */
export const SHOWN_FIELDS: ImportField[] = ['seq', 'name', 'deadline', 'departments', 'scope'];

/**
 * "改革事项为空 (item name is empty)" → "改革事项为空": the table is read by clerks, so asides naming the api's fields
 * ("（…：departmentMappings）") go too; the mapping section below the table says the same in words.
 */
function chineseOnly(message: string): string {
  return message.replace(/\s*[(（][^()（）]*[A-Za-z][^()（）]*[)）]/g, '').trim();
}

export function buildPreviewRows(result: ImportResult): PreviewRow[] {
  const byRow = new Map<number, PreviewRow>();
  const rowAt = (row: number) => {
    let entry = byRow.get(row);
    if (!entry) byRow.set(row, (entry = { row, parsed: null, text: {}, issues: {}, otherIssues: [] }));
    return entry;
  };
  for (const parsed of result.rows) rowAt(parsed.row).parsed = parsed;
  const note = (p: RowProblem, severity: CellIssue['severity']) => {
    const entry = rowAt(p.row);
    const issue = { severity, message: chineseOnly(p.message) };
    if (!SHOWN_FIELDS.includes(p.field)) return void entry.otherIssues.push({ ...issue, column: p.column });
    (entry.issues[p.field] ??= []).push(issue);
    if (!entry.parsed) entry.text[p.field] = p.text;
  };
  for (const p of result.problems) note(p, 'problem');
  for (const w of result.warnings) note(w, 'warning');
  return [...byRow.values()].sort((a, b) => a.row - b.row);
}

/** The worst remark on a cell, for its colour. */
export function cellSeverity(issues: CellIssue[] | undefined): CellIssue['severity'] | null {
  if (!issues?.length) return null;
  return issues.some((i) => i.severity === 'problem') ? 'problem' : 'warning';
}

/** What the clerk chose for a department name the table uses but the system does not know. */
export interface MappingChoice {
  action: 'map' | 'create' | 'none';
  departmentId: string | null;
}

export type DepartmentMapping = components['schemas']['DepartmentMappingDto'];

/** The choices as the api takes them: unanswered names (and "map" without a department) are left out. */
export function toDepartmentMappings(choices: Record<string, MappingChoice>): DepartmentMapping[] {
  return Object.entries(choices).flatMap(([name, c]): DepartmentMapping[] => {
    if (c.action === 'create') return [{ name, create: true }];
    if (c.action === 'map' && c.departmentId) return [{ name, departmentId: c.departmentId }];
    return [];
  });
}

import type { RawRow } from './raw-row.js';

function scalarText(value: unknown): string {
  if (value === null || value === undefined) return '';
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

/**
 * JSON rows keyed by header (`{ 序号: 1, 改革事项: '…' }`) as a table: the keys in order of first
 * appearance form a header row numbered 0, so each data row's number is its 1-based position in `rows`.
 */
export function jsonRowsToTable(rows: Record<string, unknown>[]): RawRow[] {
  const headers: string[] = [];
  for (const r of rows) for (const k of Object.keys(r)) if (!headers.includes(k)) headers.push(k);
  return [{ row: 0, cells: headers }, ...rows.map((r, i) => ({ row: i + 1, cells: headers.map((h) => scalarText(r[h]).trim()) }))];
}

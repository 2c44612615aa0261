import type { components } from '@/api/schema';
import { ROLLOUT_STATES } from './rollout-status';

export type Matrix = components['schemas']['RolloutMatrixDto'];
type Cell = Matrix['rows'][number]['cells'][number];

/** Cells by "<taskId>:<cityId>": the api lists only the cities an item applies to, the table asks for every city. */
export function cellIndex(matrix: Matrix | null): Map<string, Cell> {
  const index = new Map<string, Cell>();
  for (const row of matrix?.rows ?? []) for (const cell of row.cells) index.set(`${row.taskId}:${cell.regionId}`, cell);
  return index;
}

/**
 * The footer row, column by column as the table lays them out: 合计, (省定时限 at a desk), each city's counts by state
 * on separate lines, then the whole province's count under each state's column.
 */
export function footerLines(matrix: Matrix | null, withDeadline = true): string[] {
  if (!matrix) return [];
  const cityLines = matrix.cities.map((c) =>
    ROLLOUT_STATES.filter((s) => s.status !== 'not_applicable' || c.counts.not_applicable)
      .map((s) => `${s.label} ${c.counts[s.status]}`)
      .join('\n'),
  );
  return ['合计', ...(withDeadline ? [''] : []), ...cityLines, ...ROLLOUT_STATES.map((s) => String(matrix.totals[s.status]))];
}

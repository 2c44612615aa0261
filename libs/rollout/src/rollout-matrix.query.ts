import type { DataSource } from 'typeorm';
import { ROLLOUT_STATUSES, type RolloutStatus } from './rules/rollout-change.js';

/**
 * Read model for the coordinator's 承接落实 matrix: the province's tasks × its cities, counted in the database so the
 * page gets one answer of a few hundred cells instead of thousands of rollout rows. Joins across task, catalog and
 * region tables, read only. County rollouts are left out: the matrix is by city, as the provinces' ledgers are.
 */
export type StatusCounts = Record<RolloutStatus, number> & { total: number };

export interface RolloutMatrixCell {
  rolloutId: string;
  regionId: string;
  status: RolloutStatus;
}

export interface RolloutMatrixRow {
  taskId: string;
  seq: number;
  itemName: string;
  batchName: string;
  deadlineKind: string;
  dueDate: string | null;
  counts: StatusCounts;
  cells: RolloutMatrixCell[];
}

export interface RolloutMatrixCity {
  id: string;
  name: string;
  counts: StatusCounts;
}

export interface RolloutMatrix {
  cities: RolloutMatrixCity[];
  rows: RolloutMatrixRow[];
  totals: StatusCounts;
}

interface CellRow {
  task_id: string;
  seq: number;
  item_name: string;
  batch_name: string;
  deadline_kind: string;
  due_date: string | null;
  rollout_id: string | null;
  region_id: string | null;
  status: RolloutStatus | null;
}

const emptyCounts = (): StatusCounts => ({ ...(Object.fromEntries(ROLLOUT_STATUSES.map((s) => [s, 0])) as Record<RolloutStatus, number>), total: 0 });

export async function queryRolloutMatrix(db: DataSource, provinceId: string, batchId: string | undefined): Promise<RolloutMatrix> {
  const cities: { id: string; name: string }[] = await db.query(`SELECT id, name FROM region WHERE parent_id = $1 AND level = 'city' ORDER BY code, name`, [provinceId]);
  // One row per (task, city rollout); a task without any city rollout still gets its row (LEFT JOIN) so it shows empty.
  const rows: CellRow[] = await db.query(
    `SELECT t.id AS task_id, i.seq, i.name AS item_name, b.name AS batch_name, t.deadline_kind, to_char(t.due_date, 'YYYY-MM-DD') AS due_date,
            r.id AS rollout_id, r.region_id, r.status
       FROM task t
       JOIN reform_item i ON i.id = t.reform_item_id
       JOIN batch b ON b.id = i.batch_id
       LEFT JOIN (rollout r JOIN region g ON g.id = r.region_id AND g.level = 'city') ON r.task_id = t.id
      WHERE t.region_id = $1 AND ($2::uuid IS NULL OR i.batch_id = $2)
      ORDER BY b.name, i.seq, t.id`,
    [provinceId, batchId ?? null],
  );
  const byCity = new Map(cities.map((c) => [c.id, { ...c, counts: emptyCounts() }]));
  const byTask = new Map<string, RolloutMatrixRow>();
  const totals = emptyCounts();
  for (const r of rows) {
    let row = byTask.get(r.task_id);
    if (!row) {
      row = { taskId: r.task_id, seq: r.seq, itemName: r.item_name, batchName: r.batch_name, deadlineKind: r.deadline_kind, dueDate: r.due_date, counts: emptyCounts(), cells: [] };
      byTask.set(r.task_id, row);
    }
    const city = r.region_id ? byCity.get(r.region_id) : undefined;
    if (!r.rollout_id || !r.status || !city) continue;
    row.cells.push({ rolloutId: r.rollout_id, regionId: city.id, status: r.status });
    for (const counts of [row.counts, city.counts, totals]) {
      counts[r.status] += 1;
      counts.total += 1;
    }
  }
  return { cities: [...byCity.values()], rows: [...byTask.values()], totals };
}

/** Evidence files per rollout, for the list's 佐证 column (evidence_file belongs to the progress lib; read only here). */
export async function queryRolloutEvidenceCounts(db: DataSource, rolloutIds: string[]): Promise<Map<string, number>> {
  if (!rolloutIds.length) return new Map();
  const rows: { rollout_id: string; n: number }[] = await db.query(`SELECT rollout_id, count(*)::int AS n FROM evidence_file WHERE rollout_id = ANY($1) GROUP BY rollout_id`, [rolloutIds]);
  return new Map(rows.map((r) => [r.rollout_id, r.n]));
}

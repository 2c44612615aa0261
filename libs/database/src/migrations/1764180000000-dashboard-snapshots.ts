import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Quarter-end figures for the dashboard trend (季度趋势). A past quarter is computed once and frozen here, so a task
 * reopened or reassigned later does not rewrite what the leaders saw for that quarter.
 */
export class DashboardSnapshots1764180000000 implements MigrationInterface {
  name = 'DashboardSnapshots1764180000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE quarter_snapshot (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        province_id uuid NOT NULL REFERENCES region(id) ON DELETE CASCADE,
        period varchar(6) NOT NULL CHECK (period ~ '^[0-9]{4}Q[1-4]$'),
        -- The dashboard filters the figures were taken with ('' = the whole province), in a canonical form.
        filter_key varchar(300) NOT NULL DEFAULT '',
        total integer NOT NULL CHECK (total >= 0),
        applicable integer NOT NULL CHECK (applicable >= 0),
        closed integer NOT NULL CHECK (closed >= 0),
        overdue integer NOT NULL CHECK (overdue >= 0),
        taken_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT uq_quarter_snapshot_province_period_filter UNIQUE (province_id, period, filter_key)
      );
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE quarter_snapshot`);
  }
}

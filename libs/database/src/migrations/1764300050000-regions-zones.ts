import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The whole country: every division's other names (大连 for 大连市) beside its short name, the zone registry (FTZs
 * and their 片区, special customs supervision zones, national new areas, named groups of regions), and on a task
 * the phrase that keeps its applicability open until the coordinator decides (待确认).
 */
export class RegionsZones1764300050000 implements MigrationInterface {
  name = 'RegionsZones1764300050000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE region ADD COLUMN aliases text[] NOT NULL DEFAULT '{}';
      -- GET /api/regions?q= matches a name or a short name; the gazetteer reads everything anyway.
      CREATE INDEX ix_region_level_name ON region (level, name);
      CREATE INDEX ix_region_short_name ON region (short_name);

      CREATE TABLE zone (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name varchar(100) NOT NULL CONSTRAINT uq_zone_name UNIQUE,
        kind varchar(32) NOT NULL CONSTRAINT zone_kind_check CHECK (kind IN ('ftz', 'ftz_area', 'special_customs_zone', 'new_area', 'group')),
        zone_type varchar(32),
        aliases text[] NOT NULL DEFAULT '{}',
        parent_id uuid REFERENCES zone(id) ON DELETE CASCADE,
        region_id uuid REFERENCES region(id) ON DELETE RESTRICT,
        member_region_ids uuid[] NOT NULL DEFAULT '{}',
        sources text[] NOT NULL DEFAULT '{}',
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        -- A group has members and no single region; every other zone lies in one region.
        CONSTRAINT zone_region_check CHECK ((kind = 'group') = (region_id IS NULL))
      );
      CREATE INDEX ix_zone_region ON zone (region_id);

      ALTER TABLE task ADD COLUMN pending_decision text;
      CREATE INDEX ix_task_pending_decision ON task (region_id) WHERE pending_decision IS NOT NULL;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE task DROP COLUMN pending_decision;
      DROP TABLE zone;
      DROP INDEX ix_region_short_name;
      DROP INDEX ix_region_level_name;
      ALTER TABLE region DROP COLUMN aliases;
    `);
  }
}

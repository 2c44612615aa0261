import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * "国务院有关部门", "X会同有关部门负责": an open group of departments beside the named ones, kept as the document
 * words it instead of being read as a department no one registered.
 */
export class DepartmentsOpenGroup1764300180000 implements MigrationInterface {
  name = 'DepartmentsOpenGroup1764300180000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE reform_item ADD COLUMN departments_open_group varchar(200)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE reform_item DROP COLUMN departments_open_group`);
  }
}

import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The co-leads of a reform item as the document names them ("X、Y牵头", "X会同Y负责", several departments in a 牵头部门
 * column), kept apart from the departments that only take part.
 */
export class ItemCoLeads1764300300000 implements MigrationInterface {
  name = 'ItemCoLeads1764300300000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE reform_item ADD COLUMN national_co_leads text[] NOT NULL DEFAULT '{}'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE reform_item DROP COLUMN national_co_leads`);
  }
}

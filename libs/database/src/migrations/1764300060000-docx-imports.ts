import type { MigrationInterface, QueryRunner } from 'typeorm';

/** A notice's Word annex is imported as it is: the import record says it was read from a .docx. */
export class DocxImports1764300060000 implements MigrationInterface {
  name = 'DocxImports1764300060000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE import_record DROP CONSTRAINT import_record_format_check;
      ALTER TABLE import_record ADD CONSTRAINT import_record_format_check CHECK (format IN ('csv', 'xlsx', 'docx', 'json'));
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DELETE FROM import_record WHERE format = 'docx';
      ALTER TABLE import_record DROP CONSTRAINT import_record_format_check;
      ALTER TABLE import_record ADD CONSTRAINT import_record_format_check CHECK (format IN ('csv', 'xlsx', 'json'));
    `);
  }
}

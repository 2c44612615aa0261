import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * One row per committed import of an annex table (who, when, which file, what it changed). A dry run
 * writes nothing at all, so it has no row here and the table needs no dry-run flag.
 */
export class ImportRecord1764150000000 implements MigrationInterface {
  name = 'ImportRecord1764150000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE import_record (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        actor_id uuid REFERENCES app_user(id) ON DELETE SET NULL,
        -- Kept beside the id so the record still says who imported after the account is removed.
        actor_username varchar(64),
        file_name varchar(255),
        format varchar(8) NOT NULL CHECK (format IN ('csv', 'xlsx', 'json')),
        doc_number varchar(64) NOT NULL,
        document_id uuid REFERENCES policy_document(id) ON DELETE SET NULL,
        batch_id uuid REFERENCES batch(id) ON DELETE SET NULL,
        created integer NOT NULL DEFAULT 0 CHECK (created >= 0),
        updated integer NOT NULL DEFAULT 0 CHECK (updated >= 0),
        unchanged integer NOT NULL DEFAULT 0 CHECK (unchanged >= 0),
        skipped integer NOT NULL DEFAULT 0 CHECK (skipped >= 0),
        problems jsonb NOT NULL DEFAULT '[]',
        at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX ix_import_record_at ON import_record (at DESC);
      CREATE INDEX ix_import_record_batch ON import_record (batch_id);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE import_record`);
  }
}

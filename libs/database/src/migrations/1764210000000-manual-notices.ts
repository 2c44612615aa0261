import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Notices a person sends (催办 of one task, 一键催报 of a quarter) beside the automatic ones: the kind `manual`
 * and who sent it, so a task's notices can say by whom (null = the system's sweep).
 */
export class ManualNotices1764210000000 implements MigrationInterface {
  name = 'ManualNotices1764210000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE notification DROP CONSTRAINT notification_kind_check;
      ALTER TABLE notification ADD CONSTRAINT notification_kind_check
        CHECK (kind IN ('before_due', 'due_day', 'overdue', 'report_due', 'report_missing', 'report_missing_summary', 'manual'));
      ALTER TABLE notification ADD COLUMN sent_by uuid REFERENCES app_user(id) ON DELETE SET NULL;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DELETE FROM notification WHERE kind = 'manual';
      ALTER TABLE notification DROP COLUMN sent_by;
      ALTER TABLE notification DROP CONSTRAINT notification_kind_check;
      ALTER TABLE notification ADD CONSTRAINT notification_kind_check
        CHECK (kind IN ('before_due', 'due_day', 'overdue', 'report_due', 'report_missing', 'report_missing_summary'));
    `);
  }
}

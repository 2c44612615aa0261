import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The sweep's weekly notice to the coordinator listing tasks 未设时限 (items without a 时限). */
export class DeadlineMissingNotices1764300120000 implements MigrationInterface {
  name = 'DeadlineMissingNotices1764300120000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE notification DROP CONSTRAINT notification_kind_check;
      ALTER TABLE notification ADD CONSTRAINT notification_kind_check
        CHECK (kind IN ('before_due', 'due_day', 'overdue', 'report_due', 'report_missing', 'report_missing_summary', 'deadline_missing', 'manual'));
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DELETE FROM notification WHERE kind = 'deadline_missing';
      ALTER TABLE notification DROP CONSTRAINT notification_kind_check;
      ALTER TABLE notification ADD CONSTRAINT notification_kind_check
        CHECK (kind IN ('before_due', 'due_day', 'overdue', 'report_due', 'report_missing', 'report_missing_summary', 'manual'));
    `);
  }
}

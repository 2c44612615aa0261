import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The delivery reconciler (every minute) and /health read the pending deliveries oldest first. Pending rows are a
 * handful at any time among millions sent (every inbox row is sent at once), so a partial index keeps both reads
 * a few index pages.
 */
export class PendingDeliveries1764300040000 implements MigrationInterface {
  name = 'PendingDeliveries1764300040000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX ix_notification_delivery_pending ON notification_delivery (created_at) WHERE status = 'pending'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX ix_notification_delivery_pending`);
  }
}

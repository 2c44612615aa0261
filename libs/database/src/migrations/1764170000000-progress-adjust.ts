import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Close-out submissions (销号申请): what the lead department claimed against the verifiable outcome, with which
 * evidence, and what the coordinator decided. One row per submission, so a returned and resubmitted task keeps both.
 */
export class ProgressAdjust1764170000000 implements MigrationInterface {
  name = 'ProgressAdjust1764170000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE task_completion (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        task_id uuid NOT NULL REFERENCES task(id) ON DELETE CASCADE,
        summary text NOT NULL CHECK (length(btrim(summary)) > 0),
        outcome_snapshot text,
        evidence_ids uuid[] NOT NULL CHECK (cardinality(evidence_ids) > 0),
        status varchar(16) NOT NULL DEFAULT 'submitted' CHECK (status IN ('submitted', 'verified', 'returned', 'superseded')),
        submitted_by uuid REFERENCES app_user(id) ON DELETE SET NULL,
        submitted_at timestamptz NOT NULL,
        reviewed_by uuid REFERENCES app_user(id) ON DELETE SET NULL,
        reviewed_at timestamptz,
        review_note text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX ix_task_completion_task ON task_completion (task_id, submitted_at);
      -- At most one submission waits for the coordinator per task.
      CREATE UNIQUE INDEX uq_task_completion_pending ON task_completion (task_id) WHERE status = 'submitted';
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE task_completion`);
  }
}

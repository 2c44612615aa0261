import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Quarterly progress reports (每季度定期调度), evidence files, close-out submissions and city rollouts (承接/落实). */
export class ProgressRollout1764140000000 implements MigrationInterface {
  name = 'ProgressRollout1764140000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE progress_report (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        task_id uuid NOT NULL REFERENCES task(id) ON DELETE CASCADE,
        period varchar(6) NOT NULL CHECK (period ~ '^[0-9]{4}Q[1-4]$'),
        department_id uuid REFERENCES department(id) ON DELETE RESTRICT,
        progress text NOT NULL DEFAULT '',
        problems text,
        suggestions text,
        percent_complete smallint CHECK (percent_complete BETWEEN 0 AND 100),
        status varchar(16) NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'submitted', 'accepted', 'returned')),
        submitted_at timestamptz,
        submitted_by uuid REFERENCES app_user(id) ON DELETE SET NULL,
        reviewed_at timestamptz,
        reviewed_by uuid REFERENCES app_user(id) ON DELETE SET NULL,
        review_comment text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT uq_progress_report_task_period UNIQUE (task_id, period)
      );
      CREATE INDEX ix_progress_report_period_status ON progress_report (period, status);

      CREATE TABLE progress_contribution (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        report_id uuid NOT NULL REFERENCES progress_report(id) ON DELETE CASCADE,
        department_id uuid NOT NULL REFERENCES department(id) ON DELETE RESTRICT,
        text text NOT NULL,
        author_id uuid REFERENCES app_user(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT uq_progress_contribution_report_department UNIQUE (report_id, department_id)
      );

      CREATE TABLE rollout (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        task_id uuid NOT NULL REFERENCES task(id) ON DELETE CASCADE,
        region_id uuid NOT NULL REFERENCES region(id) ON DELETE RESTRICT,
        status varchar(16) NOT NULL DEFAULT 'not_started' CHECK (status IN ('not_started', 'adopted', 'implemented', 'not_applicable')),
        adopted_on date,
        implemented_on date,
        note text,
        updated_by uuid REFERENCES app_user(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT uq_rollout_task_region UNIQUE (task_id, region_id)
      );
      CREATE INDEX ix_rollout_region_status ON rollout (region_id, status);

      CREATE TABLE evidence_file (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        task_id uuid NOT NULL REFERENCES task(id) ON DELETE CASCADE,
        report_id uuid REFERENCES progress_report(id) ON DELETE CASCADE,
        rollout_id uuid REFERENCES rollout(id) ON DELETE CASCADE,
        purpose varchar(16) NOT NULL CHECK (purpose IN ('progress', 'completion', 'rollout')),
        original_name varchar(255) NOT NULL,
        storage_key varchar(255) NOT NULL,
        mime_type varchar(128) NOT NULL,
        size_bytes bigint NOT NULL CHECK (size_bytes >= 0),
        sha256 char(64) NOT NULL,
        uploaded_by uuid REFERENCES app_user(id) ON DELETE SET NULL,
        uploaded_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX ix_evidence_file_task ON evidence_file (task_id);
      CREATE INDEX ix_evidence_file_report ON evidence_file (report_id);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE evidence_file, rollout, progress_contribution, progress_report`);
  }
}

import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Reminders and escalation (提醒 / 催办 / 督办): notices, per-user read state, per-channel deliveries, per-province rules. */
export class Notifications1764160000000 implements MigrationInterface {
  name = 'Notifications1764160000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE notification (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        -- The same string as the BullMQ job id: even if Redis forgets a job, a notice is stored (and sent) once.
        dedup_key varchar(300) NOT NULL CONSTRAINT uq_notification_dedup_key UNIQUE,
        kind varchar(32) NOT NULL
          CHECK (kind IN ('before_due', 'due_day', 'overdue', 'report_due', 'report_missing', 'report_missing_summary')),
        level varchar(16) NOT NULL CHECK (level IN ('remind', 'urge', 'supervise')),
        recipient_role varchar(16) NOT NULL CHECK (recipient_role IN ('liaison', 'head', 'coordinator', 'leader')),
        province_id uuid NOT NULL REFERENCES region(id) ON DELETE CASCADE,
        department_id uuid REFERENCES department(id) ON DELETE CASCADE,
        task_id uuid REFERENCES task(id) ON DELETE CASCADE,
        milestone_id uuid REFERENCES milestone(id) ON DELETE CASCADE,
        period varchar(6),
        due_date date,
        step integer,
        title varchar(500) NOT NULL,
        body text NOT NULL,
        link varchar(1000),
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT ck_notification_department CHECK (recipient_role NOT IN ('liaison', 'head') OR department_id IS NOT NULL)
      );
      CREATE INDEX ix_notification_department_inbox ON notification (department_id, created_at DESC) WHERE recipient_role IN ('liaison', 'head');
      CREATE INDEX ix_notification_province_role ON notification (province_id, recipient_role, created_at DESC);
      CREATE INDEX ix_notification_task ON notification (task_id);

      CREATE TABLE notification_read (
        notification_id uuid NOT NULL REFERENCES notification(id) ON DELETE CASCADE,
        user_id uuid NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
        read_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (notification_id, user_id)
      );
      CREATE INDEX ix_notification_read_user ON notification_read (user_id);

      CREATE TABLE notification_delivery (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        notification_id uuid NOT NULL REFERENCES notification(id) ON DELETE CASCADE,
        channel varchar(8) NOT NULL CHECK (channel IN ('inbox', 'email', 'webhook')),
        target varchar(1000) NOT NULL,
        status varchar(8) NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'failed')),
        attempts integer NOT NULL DEFAULT 0,
        last_error text,
        sent_at timestamptz,
        failed_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT uq_notification_delivery_target UNIQUE (notification_id, channel, target)
      );
      CREATE INDEX ix_notification_delivery_failed ON notification_delivery (failed_at DESC) WHERE status = 'failed';

      -- A province may tune the reminder offsets and the escalation ladder; without a row the deployment default applies.
      CREATE TABLE reminder_setting (
        province_id uuid PRIMARY KEY REFERENCES region(id) ON DELETE CASCADE,
        offsets integer[] NOT NULL,
        ladder jsonb NOT NULL,
        updated_by uuid REFERENCES app_user(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      );

      -- The sweep's range scan: open dated tasks by due date (the spine's partial index also keeps submitted tasks).
      CREATE INDEX ix_task_open_due ON task (due_date) WHERE deadline_kind = 'date' AND status IN ('not_started', 'in_progress', 'blocked');
      -- The quarterly check: reportable tasks per lead department.
      CREATE INDEX ix_task_lead_open ON task (lead_department_id) WHERE status NOT IN ('closed', 'not_applicable');
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX ix_task_lead_open; DROP INDEX ix_task_open_due; DROP TABLE reminder_setting, notification_delivery, notification_read, notification`);
  }
}

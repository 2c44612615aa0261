import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The spine: catalog (documents, batches, reform items), organisation, tasks, users and the audit trail. */
export class Spine1764130000000 implements MigrationInterface {
  name = 'Spine1764130000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE region (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        code varchar(12) NOT NULL CONSTRAINT uq_region_code UNIQUE,
        name varchar(64) NOT NULL,
        short_name varchar(32),
        level varchar(16) NOT NULL CHECK (level IN ('province', 'city', 'county')),
        parent_id uuid REFERENCES region(id) ON DELETE RESTRICT,
        coastal boolean NOT NULL DEFAULT false,
        has_ftz boolean NOT NULL DEFAULT false,
        has_special_customs_zone boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX ix_region_parent ON region (parent_id);

      CREATE TABLE department (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name varchar(128) NOT NULL,
        level varchar(16) NOT NULL CHECK (level IN ('national', 'provincial', 'city')),
        region_id uuid REFERENCES region(id) ON DELETE RESTRICT,
        aliases text[] NOT NULL DEFAULT '{}',
        successor_name varchar(128),
        head_name varchar(64), head_phone varchar(32), head_email varchar(254),
        liaison_name varchar(64), liaison_phone varchar(32), liaison_email varchar(254),
        webhook_url varchar(1000),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      );
      -- National ministries have no region: coalesce so two ministries cannot share a name either.
      CREATE UNIQUE INDEX uq_department_name_region ON department (name, coalesce(region_id, '00000000-0000-0000-0000-000000000000'::uuid));
      CREATE INDEX ix_department_region ON department (region_id);

      CREATE TABLE policy_document (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        doc_number varchar(64) NOT NULL CONSTRAINT uq_policy_document_doc_number UNIQUE,
        title varchar(500) NOT NULL,
        issuer varchar(128),
        issued_on date,
        url varchar(1000),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      );

      CREATE TABLE batch (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        document_id uuid NOT NULL REFERENCES policy_document(id) ON DELETE RESTRICT,
        name varchar(200) NOT NULL,
        kind varchar(32) NOT NULL CHECK (kind IN ('pilot-experience', 'best-practice', 'department-promoted', 'provincial')),
        published_on date,
        default_scope varchar(200),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT uq_batch_document_name UNIQUE (document_id, name)
      );

      CREATE TABLE reform_item (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        batch_id uuid NOT NULL REFERENCES batch(id) ON DELETE RESTRICT,
        seq integer NOT NULL CHECK (seq > 0),
        name varchar(500) NOT NULL,
        domain varchar(64),
        content text,
        departments_text text,
        national_lead varchar(128),
        national_participants text[] NOT NULL DEFAULT '{}',
        scope_text varchar(500),
        scope jsonb NOT NULL DEFAULT '{"kind":"national","regions":[],"note":null}',
        deadline_text varchar(500),
        deadline_kind varchar(16) NOT NULL DEFAULT 'unparsed' CHECK (deadline_kind IN ('date', 'ongoing', 'conditional', 'relative', 'unparsed')),
        deadline_date date,
        outcome text,
        source_document varchar(200),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT uq_reform_item_batch_seq UNIQUE (batch_id, seq)
      );

      CREATE TABLE task (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        reform_item_id uuid NOT NULL REFERENCES reform_item(id) ON DELETE RESTRICT,
        region_id uuid NOT NULL REFERENCES region(id) ON DELETE RESTRICT,
        lead_department_id uuid REFERENCES department(id) ON DELETE RESTRICT,
        scope_text varchar(500),
        scope jsonb,
        outcome text,
        deadline_kind varchar(16) NOT NULL DEFAULT 'date' CHECK (deadline_kind IN ('date', 'ongoing', 'conditional')),
        deadline_text varchar(500),
        due_date date,
        status varchar(16) NOT NULL DEFAULT 'not_started'
          CHECK (status IN ('not_started', 'in_progress', 'submitted', 'closed', 'blocked', 'not_applicable')),
        status_reason text,
        not_applicable_reason text,
        applicability_overridden boolean NOT NULL DEFAULT false,
        submitted_at timestamptz,
        closed_at timestamptz,
        close_note text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT uq_task_item_region UNIQUE (reform_item_id, region_id)
      );
      CREATE INDEX ix_task_region_status ON task (region_id, status);
      CREATE INDEX ix_task_lead_department ON task (lead_department_id);
      CREATE INDEX ix_task_due_date ON task (due_date) WHERE status NOT IN ('closed', 'not_applicable');

      CREATE TABLE task_participant (
        task_id uuid NOT NULL REFERENCES task(id) ON DELETE CASCADE,
        department_id uuid NOT NULL REFERENCES department(id) ON DELETE RESTRICT,
        PRIMARY KEY (task_id, department_id)
      );
      CREATE INDEX ix_task_participant_department ON task_participant (department_id);

      CREATE TABLE milestone (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        task_id uuid NOT NULL REFERENCES task(id) ON DELETE CASCADE,
        title varchar(1000) NOT NULL,
        deadline_text varchar(200),
        due_date date,
        done_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX ix_milestone_task ON milestone (task_id);
      CREATE INDEX ix_milestone_open_due ON milestone (due_date) WHERE done_at IS NULL;

      CREATE TABLE app_user (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        username varchar(64) NOT NULL CONSTRAINT uq_user_username UNIQUE,
        display_name varchar(64) NOT NULL,
        password_hash varchar(100) NOT NULL,
        role varchar(16) NOT NULL CHECK (role IN ('admin', 'coordinator', 'department', 'city', 'leader')),
        department_id uuid REFERENCES department(id) ON DELETE RESTRICT,
        region_id uuid REFERENCES region(id) ON DELETE RESTRICT,
        email varchar(254),
        active boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT ck_user_department CHECK (role <> 'department' OR department_id IS NOT NULL),
        CONSTRAINT ck_user_region CHECK (role NOT IN ('city', 'coordinator') OR region_id IS NOT NULL)
      );

      CREATE TABLE audit_event (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        actor_id uuid REFERENCES app_user(id) ON DELETE SET NULL,
        actor_username varchar(64),
        entity_type varchar(32) NOT NULL,
        entity_id uuid NOT NULL,
        action varchar(48) NOT NULL,
        before jsonb,
        after jsonb,
        at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX ix_audit_event_entity ON audit_event (entity_type, entity_id, at);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE audit_event, app_user, milestone, task_participant, task, reform_item, batch, policy_document, department, region`);
  }
}

import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * 等保 2.0 三级 audit: the audit table becomes append-only in the database itself, and its rows are chained by SM3
 * hashes kept in `audit_seal` (libs/audit/src/audit-chain.service.ts seals committed rows in order; the table of seals
 * is append-only too). The only deletion either table allows is the retention purge: inside a transaction that set
 * `ftz.audit_purge` and only for rows older than 180 days, the floor of 网络安全法 Art. 21 — whoever sets the flag
 * still cannot erase recent history. TRUNCATE is always refused.
 *
 * The role 审计管理员 (audit_admin) reads the audit: added to the users' role check unless a migration of the
 * three-administrator split (三员分立) already did, keeping whatever other roles the check lists.
 *
 * actor_id loses ON DELETE SET NULL: that is an UPDATE of audit rows, which the table now refuses; deleting a user who
 * acted is refused instead (users are deactivated, never deleted).
 */
export class AuditAppendOnly1764300040000 implements MigrationInterface {
  name = 'AuditAppendOnly1764300040000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE audit_event DROP CONSTRAINT audit_event_actor_id_fkey;
      ALTER TABLE audit_event ADD CONSTRAINT audit_event_actor_id_fkey FOREIGN KEY (actor_id) REFERENCES app_user(id);
      CREATE INDEX ix_audit_event_at ON audit_event (at, id);
      CREATE INDEX ix_audit_event_action ON audit_event (action varchar_pattern_ops, at);
      CREATE INDEX ix_audit_event_actor ON audit_event (actor_username, at);

      CREATE TABLE audit_seal (
        seq bigint PRIMARY KEY CHECK (seq > 0),
        event_id uuid NOT NULL UNIQUE,
        event_at timestamptz NOT NULL,
        prev_hash bytea NOT NULL CHECK (length(prev_hash) = 32),
        hash bytea NOT NULL CHECK (length(hash) = 32),
        sealed_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX ix_audit_seal_event_at ON audit_seal (event_at);

      -- TG_ARGV[0]: the column holding the audited time, which the purge's age check reads.
      CREATE FUNCTION audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'DELETE' AND current_setting('ftz.audit_purge', true) = 'on'
           AND (to_jsonb(OLD) ->> TG_ARGV[0])::timestamptz < now() - interval '180 days' THEN
          RETURN OLD;
        END IF;
        RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$;

      CREATE TRIGGER audit_event_append_only BEFORE UPDATE OR DELETE ON audit_event FOR EACH ROW EXECUTE FUNCTION audit_append_only('at');
      CREATE TRIGGER audit_event_no_truncate BEFORE TRUNCATE ON audit_event FOR EACH STATEMENT EXECUTE FUNCTION audit_append_only('at');
      CREATE TRIGGER audit_seal_append_only BEFORE UPDATE OR DELETE ON audit_seal FOR EACH ROW EXECUTE FUNCTION audit_append_only('event_at');
      CREATE TRIGGER audit_seal_no_truncate BEFORE TRUNCATE ON audit_seal FOR EACH STATEMENT EXECUTE FUNCTION audit_append_only('event_at');

      DO $$
      DECLARE def text := (SELECT pg_get_constraintdef(oid) FROM pg_constraint WHERE conname = 'app_user_role_check');
      BEGIN
        IF def IS NOT NULL AND def NOT LIKE '%audit_admin%' THEN
          ALTER TABLE app_user DROP CONSTRAINT app_user_role_check;
          EXECUTE 'ALTER TABLE app_user ADD CONSTRAINT app_user_role_check ' || replace(def, 'ARRAY[', 'ARRAY[''audit_admin''::character varying, ');
        END IF;
      END $$;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TABLE audit_seal;
      DROP TRIGGER audit_event_append_only ON audit_event;
      DROP TRIGGER audit_event_no_truncate ON audit_event;
      DROP FUNCTION audit_append_only();
      DROP INDEX ix_audit_event_at, ix_audit_event_action, ix_audit_event_actor;
      ALTER TABLE audit_event DROP CONSTRAINT audit_event_actor_id_fkey;
      ALTER TABLE audit_event ADD CONSTRAINT audit_event_actor_id_fkey FOREIGN KEY (actor_id) REFERENCES app_user(id) ON DELETE SET NULL;
    `);
  }
}

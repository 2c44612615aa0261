import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * 等保 2.0 三级 for accounts: the security and audit administrators beside the system administrator (三员分立),
 * password age, forced change and history, the per-account lockout, server-side sessions (idle timeout, absolute
 * lifetime, revocation) and the password policy the security administrator sets.
 */
export class AccountsSessions1764300030000 implements MigrationInterface {
  name = 'AccountsSessions1764300030000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE app_user DROP CONSTRAINT app_user_role_check;
      ALTER TABLE app_user ADD CONSTRAINT app_user_role_check
        CHECK (role IN ('admin', 'security_admin', 'audit_admin', 'coordinator', 'department', 'city', 'leader'));
      ALTER TABLE app_user
        ADD COLUMN password_changed_at timestamptz NOT NULL DEFAULT now(),
        ADD COLUMN password_change_required varchar(16) CHECK (password_change_required IN ('initial', 'reset', 'expired')),
        ADD COLUMN password_expires boolean NOT NULL DEFAULT true,
        ADD COLUMN failed_logins int NOT NULL DEFAULT 0,
        ADD COLUMN locked_until timestamptz;

      CREATE TABLE password_history (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
        password_hash varchar(255) NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX ix_password_history_user ON password_history (user_id, created_at DESC);

      CREATE TABLE user_session (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
        created_at timestamptz NOT NULL,
        last_seen_at timestamptz NOT NULL,
        expires_at timestamptz NOT NULL,
        ended_at timestamptz,
        ended_reason varchar(16) CHECK (ended_reason IN ('logout', 'password', 'deactivated'))
      );
      CREATE INDEX ix_user_session_open ON user_session (user_id) WHERE ended_at IS NULL;

      CREATE TABLE security_policy (
        id boolean PRIMARY KEY DEFAULT true CHECK (id),
        policy jsonb NOT NULL,
        updated_by uuid REFERENCES app_user(id) ON DELETE SET NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      );
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TABLE security_policy, user_session, password_history;
      ALTER TABLE app_user DROP COLUMN password_changed_at, DROP COLUMN password_change_required, DROP COLUMN password_expires,
        DROP COLUMN failed_logins, DROP COLUMN locked_until;
      UPDATE app_user SET role = 'admin' WHERE role IN ('security_admin', 'audit_admin');
      ALTER TABLE app_user DROP CONSTRAINT app_user_role_check;
      ALTER TABLE app_user ADD CONSTRAINT app_user_role_check CHECK (role IN ('admin', 'coordinator', 'department', 'city', 'leader'));
    `);
  }
}

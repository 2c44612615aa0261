import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { Role } from '#libs/common';
import { queryPrepared } from '#libs/database';
import { User } from './entities/user.entity.js';

export interface UserRow {
  id: string;
  username: string;
  display_name: string;
  role: Role;
  department_id: string | null;
  department_name: string | null;
  region_id: string | null;
  region_name: string | null;
  province_id: string | null;
  province_name: string | null;
  email: string | null;
  active: boolean;
  password_hash: string;
  password_changed_at: Date;
  password_change_required: PasswordChangeReason | null;
  password_expires: boolean;
  failed_logins: number;
  locked_until: Date | null;
}

/** Why a user must change their password before doing anything else. */
export type PasswordChangeReason = 'initial' | 'reset' | 'expired';

/** A session with its user, as the auth guard checks it on every request. */
export interface SessionRow extends UserRow {
  session_created_at: Date;
  last_seen_at: Date;
  expires_at: Date;
  ended_at: Date | null;
  ended_reason: SessionEndReason | null;
}

export type SessionEndReason = 'logout' | 'password' | 'deactivated';

export interface UserFilter {
  role?: Role;
  departmentId?: string;
  /** The user's own region or its department's, or the province it lies in: a province lists all its users. */
  regionId?: string;
  active?: boolean;
  /** Part of the username or the display name. */
  q?: string;
}

export type UserFields = Pick<User, 'username' | 'displayName' | 'role' | 'departmentId' | 'regionId' | 'email' | 'active' | 'passwordHash'>;

/** A password being set: its hash, when, and whether its owner must replace it at the next login. */
export interface PasswordChange {
  hash: string;
  at: Date;
  changeRequired: PasswordChangeReason | null;
}

// The user with the names the web header shows and the province they work in (id and name), whether through
// their own region or their department's; region_name is their own region only (a city, or a province).
const USER_COLUMNS = `
  u.id, u.username, u.display_name, u.role, u.department_id, d.name AS department_name, u.region_id,
  CASE WHEN u.region_id IS NOT NULL THEN r.name END AS region_name, u.email, u.active, u.password_hash,
  u.password_changed_at, u.password_change_required, u.password_expires, u.failed_logins, u.locked_until,
  prov.id AS province_id, prov.name AS province_name`;
const USER_JOINS = `
  LEFT JOIN department d ON d.id = u.department_id
  LEFT JOIN region r ON r.id = COALESCE(u.region_id, d.region_id)
  LEFT JOIN region p ON p.id = r.parent_id
  LEFT JOIN region prov ON prov.id = CASE r.level WHEN 'province' THEN r.id WHEN 'city' THEN r.parent_id ELSE p.parent_id END`;
const USER_VIEW = `SELECT ${USER_COLUMNS} FROM app_user u ${USER_JOINS}`;

const FILTER = `
  WHERE ($1::varchar IS NULL OR u.role = $1)
    AND ($2::uuid IS NULL OR u.department_id = $2)
    AND ($3::uuid IS NULL OR r.id = $3 OR prov.id = $3)
    AND ($4::boolean IS NULL OR u.active = $4)
    AND ($5::text IS NULL OR u.username ILIKE $5 OR u.display_name ILIKE $5)`;

@Injectable()
export class UsersRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async findById(id: string): Promise<UserRow | undefined> {
    return (await this.dataSource.query<UserRow[]>(`${USER_VIEW} WHERE u.id = $1`, [id]))[0];
  }

  async findByUsername(username: string): Promise<UserRow | undefined> {
    return (await this.dataSource.query<UserRow[]>(`${USER_VIEW} WHERE u.username = $1`, [username]))[0];
  }

  /**
   * The session and its user in one primary-key lookup. Runs for every authenticated request, hence prepared: its
   * planning cost more than its execution.
   */
  async findSession(sessionId: string): Promise<SessionRow | undefined> {
    return (
      await queryPrepared<SessionRow>(
        this.dataSource.manager,
        'session_with_user',
        `SELECT ${USER_COLUMNS}, s.created_at AS session_created_at, s.last_seen_at, s.expires_at, s.ended_at, s.ended_reason
         FROM user_session s JOIN app_user u ON u.id = s.user_id ${USER_JOINS} WHERE s.id = $1`,
        [sessionId],
      )
    )[0];
  }

  async openSession(userId: string, now: Date, expiresAt: Date): Promise<string> {
    // Sessions that ended a day ago are of no further use: pruned here so the table stays the size of its users.
    await this.dataSource.query(`DELETE FROM user_session WHERE user_id = $1 AND (ended_at < $2 OR expires_at < $2)`, [userId, new Date(now.getTime() - 86_400_000)]);
    const [{ id }] = await this.dataSource.query<{ id: string }[]>(
      'INSERT INTO user_session (user_id, created_at, last_seen_at, expires_at) VALUES ($1, $2, $2, $3) RETURNING id',
      [userId, now, expiresAt],
    );
    return id;
  }

  async touchSession(sessionId: string, now: Date): Promise<void> {
    await queryPrepared(this.dataSource.manager, 'session_touch', 'UPDATE user_session SET last_seen_at = $2 WHERE id = $1 AND last_seen_at < $2', [sessionId, now]);
  }

  /** Ends every open session of the user; returns how many. */
  async endSessions(m: EntityManager, userId: string, now: Date, reason: SessionEndReason): Promise<number> {
    const [, n] = (await m.query('UPDATE user_session SET ended_at = $2, ended_reason = $3 WHERE user_id = $1 AND ended_at IS NULL', [userId, now, reason])) as [unknown, number];
    return n;
  }

  /**
   * One more wrong password, counted in the database so concurrent attempts cannot lose one: the count starts again
   * after a lock has run out, and reaching the threshold locks the account for `lockMinutes` from `now`.
   */
  async recordFailure(userId: string, now: Date, policy: { lockThreshold: number; lockMinutes: number }): Promise<{ failures: number; lockedUntil: Date | null }> {
    const [[row]] = (await this.dataSource.query(
      `UPDATE app_user SET
         failed_logins = CASE WHEN locked_until <= $2 THEN 1 ELSE failed_logins + 1 END,
         locked_until = CASE WHEN (CASE WHEN locked_until <= $2 THEN 1 ELSE failed_logins + 1 END) >= $3
                             THEN $2::timestamptz + make_interval(mins => $4) END
       WHERE id = $1 RETURNING failed_logins, locked_until`,
      [userId, now, policy.lockThreshold, policy.lockMinutes],
    )) as [{ failed_logins: number; locked_until: Date | null }[], number];
    return { failures: row.failed_logins, lockedUntil: row.locked_until };
  }

  /** A successful login or an unlock: the failure count starts again. */
  async clearFailures(m: EntityManager, userId: string): Promise<void> {
    await m.query('UPDATE app_user SET failed_logins = 0, locked_until = NULL WHERE id = $1 AND (failed_logins <> 0 OR locked_until IS NOT NULL)', [userId]);
  }

  /** A legacy hash replaced by its argon2id equivalent: the password itself has not changed. */
  async upgradeHash(userId: string, hash: string): Promise<void> {
    await this.dataSource.query('UPDATE app_user SET password_hash = $2 WHERE id = $1', [userId, hash]);
  }

  async requirePasswordChange(userId: string, reason: PasswordChangeReason): Promise<void> {
    await this.dataSource.query('UPDATE app_user SET password_change_required = $2 WHERE id = $1', [userId, reason]);
  }

  /** Sets a password and keeps the hashes of the ones it replaces, as many as the reuse rule looks back. */
  async setPassword(m: EntityManager, userId: string, change: PasswordChange, keep: number): Promise<void> {
    await m.query(
      `WITH old AS (SELECT password_hash FROM app_user WHERE id = $1 FOR UPDATE)
       INSERT INTO password_history (user_id, password_hash, created_at) SELECT $1, password_hash, $2 FROM old`,
      [userId, change.at],
    );
    await m.query('UPDATE app_user SET password_hash = $2, password_changed_at = $3, password_change_required = $4 WHERE id = $1', [userId, change.hash, change.at, change.changeRequired]);
    await m.query(
      `DELETE FROM password_history WHERE user_id = $1 AND id NOT IN (SELECT id FROM password_history WHERE user_id = $1 ORDER BY created_at DESC, id LIMIT $2)`,
      [userId, keep],
    );
  }

  /** The hashes of the user's latest passwords, the current one first. */
  async recentPasswordHashes(userId: string, n: number): Promise<string[]> {
    if (n <= 0) return [];
    const rows = await this.dataSource.query<{ password_hash: string }[]>(
      `(SELECT password_hash, password_changed_at AS at FROM app_user WHERE id = $1)
       UNION ALL (SELECT password_hash, created_at FROM password_history WHERE user_id = $1 ORDER BY created_at DESC LIMIT $2)
       ORDER BY at DESC LIMIT $2`,
      [userId, n],
    );
    return rows.map((r) => r.password_hash);
  }

  async page(filter: UserFilter, offset: number, limit: number): Promise<{ rows: UserRow[]; total: number }> {
    const params = [filter.role ?? null, filter.departmentId ?? null, filter.regionId ?? null, filter.active ?? null, filter.q ? `%${filter.q}%` : null];
    const [rows, [{ n }]] = await Promise.all([
      this.dataSource.query<UserRow[]>(`${USER_VIEW} ${FILTER} ORDER BY u.username LIMIT $6 OFFSET $7`, [...params, limit, offset]),
      this.dataSource.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM (${USER_VIEW} ${FILTER}) AS matching`, params),
    ]);
    return { rows, total: n };
  }

  /** The stored row without its password hash, as the audit trail records it. */
  findEntity(m: EntityManager, id: string): Promise<User | null> {
    return m.findOneBy(User, { id });
  }

  async insert(m: EntityManager, fields: UserFields & Pick<User, 'passwordChangedAt' | 'passwordChangeRequired' | 'passwordExpires'>): Promise<User> {
    const { passwordHash: _h, ...user } = await m.save(User, m.create(User, fields));
    return user as User;
  }

  async update(m: EntityManager, id: string, fields: Partial<UserFields>): Promise<void> {
    await m.update(User, { id }, fields);
  }
}

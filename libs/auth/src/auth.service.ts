import { ForbiddenException, Injectable, UnauthorizedException } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { AuditService } from '#libs/audit';
import { appConfig, Clock, type AuthUser } from '#libs/common';
import type { LoginResponseDto } from './dto/auth.dto.js';
import { PasswordHasher } from './password-hasher.js';
import { NIL_ID, passwordExpiresAt } from './password-policy.js';
import { SecurityPolicyService } from './security-policy.service.js';
import { UsersRepository, type SessionEndReason, type UserRow } from './users.repository.js';
import { toAuthUser, toView } from './users.service.js';

interface TokenClaims {
  sub: string;
  /** The user_session row: the token is only as good as its session. */
  sid: string;
}

/** Where the login came from, for the login log. */
export interface LoginOrigin {
  ip?: string;
  userAgent?: string;
}

/** A 401 or 403 the web app tells apart by `code` (back to login, or on to the change-password page). */
function refusal(status: 401 | 403, code: string, message: string): UnauthorizedException | ForbiddenException {
  const body = { statusCode: status, error: status === 401 ? 'Unauthorized' : 'Forbidden', code, message };
  return status === 401 ? new UnauthorizedException(body) : new ForbiddenException(body);
}

const WRONG_CREDENTIALS = '用户名或密码错误 (wrong username or password)';

const ENDED: Record<SessionEndReason, [string, string]> = {
  logout: ['SESSION_ENDED', '您已退出登录，请重新登录 (signed out)'],
  password: ['SESSION_ENDED', '密码已修改，请用新密码重新登录 (the password was changed)'],
  deactivated: ['ACCOUNT_DEACTIVATED', '账号已停用，请联系系统管理员 (this account has been deactivated)'],
};

// Beijing time for the "locked until" sentence: China keeps UTC+8 all year.
const beijing = (d: Date) => new Date(d.getTime() + 8 * 3600_000).toISOString().slice(5, 16).replace('T', ' ');

/** A session's last request is written back at most this often, so most requests cost one read and no write. */
const TOUCH_EVERY_MS = 60_000;

@Injectable()
export class AuthService {
  constructor(
    private readonly repository: UsersRepository,
    private readonly hasher: PasswordHasher,
    private readonly policy: SecurityPolicyService,
    private readonly jwt: JwtService,
    private readonly clock: Clock,
    private readonly audit: AuditService,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  async login(username: string, password: string, origin: LoginOrigin = {}): Promise<LoginResponseDto> {
    const row = await this.repository.findByUsername(username);
    if (!row) {
      await this.hasher.verifyUnknown(password);
      await this.log(null, 'login_failure', NIL_ID, { username, reason: 'unknown_user', ...origin });
      throw new UnauthorizedException(WRONG_CREDENTIALS);
    }
    const now = this.clock.now();
    const policy = await this.policy.current();
    if (row.locked_until && row.locked_until > now) {
      await this.log(null, 'login_failure', row.id, { username, reason: 'locked', lockedUntil: row.locked_until, ...origin });
      throw this.locked(row.locked_until, policy.lockThreshold);
    }
    const { ok, upgraded } = await this.hasher.verify(row.password_hash, password);
    if (!ok) {
      const next = await this.repository.recordFailure(row.id, now, policy);
      await this.log(null, 'login_failure', row.id, { username, reason: 'wrong_password', failures: next.failures, ...origin });
      if (!next.lockedUntil) throw new UnauthorizedException(WRONG_CREDENTIALS);
      await this.log(null, 'lock', row.id, { username, failures: next.failures, lockedUntil: next.lockedUntil });
      throw this.locked(next.lockedUntil, policy.lockThreshold);
    }
    // Said only to whoever knows the password, so it tells a stranger nothing about which accounts exist.
    if (!row.active) {
      await this.log(null, 'login_failure', row.id, { username, reason: 'deactivated', ...origin });
      throw new UnauthorizedException('账号已停用，请联系系统管理员 (this account has been deactivated)');
    }
    if (upgraded) await this.repository.upgradeHash(row.id, upgraded);
    await this.repository.clearFailures(this.dataSource.manager, row.id);
    let passwordChangeRequired = row.password_change_required;
    const expiresAt = passwordExpiresAt(row.password_changed_at, policy);
    if (!passwordChangeRequired && row.password_expires && expiresAt && expiresAt <= now) {
      passwordChangeRequired = 'expired';
      await this.repository.requirePasswordChange(row.id, passwordChangeRequired);
    }
    const sessionId = await this.repository.openSession(row.id, now, new Date(now.getTime() + appConfig().SESSION_MAX_HOURS * 3600_000));
    const accessToken = await this.jwt.signAsync({ sub: row.id, sid: sessionId } satisfies TokenClaims);
    await this.log(row, 'login', row.id, { ...origin, ...(passwordChangeRequired ? { passwordChangeRequired } : {}) });
    return { accessToken, user: toView({ ...row, failed_logins: 0, locked_until: null, password_change_required: passwordChangeRequired }, now) };
  }

  /**
   * Resolves a bearer token to the current user through its session: ended (logout, password change,
   * deactivation), idle or past its lifetime → 401 saying which. A user who must change their password first is
   * refused (403, code PASSWORD_CHANGE_REQUIRED) everywhere but the routes that let them do it. A `background` request
   * (the web app's polling, not a person's action) is checked like any other but does not count as activity: an open
   * tab that only polls still ends after the idle limit.
   */
  async authenticate(token: string, { duringPasswordChange = false, background = false } = {}): Promise<AuthUser> {
    let claims: TokenClaims;
    try {
      claims = await this.jwt.verifyAsync<TokenClaims>(token);
    } catch {
      throw refusal(401, 'TOKEN_INVALID', '登录已失效，请重新登录 (invalid or expired token)');
    }
    const row = typeof claims.sid === 'string' ? await this.repository.findSession(claims.sid) : undefined;
    if (!row) throw refusal(401, 'TOKEN_INVALID', '登录已失效，请重新登录 (unknown session)');
    if (row.ended_reason) throw refusal(401, ...ENDED[row.ended_reason]);
    if (!row.active) throw refusal(401, ...ENDED.deactivated);
    const now = this.clock.now();
    const { SESSION_IDLE_MINUTES: idle, SESSION_MAX_HOURS: max } = appConfig();
    if (row.expires_at <= now) throw refusal(401, 'SESSION_EXPIRED', `登录已满 ${max} 小时，请重新登录 (the session reached its ${max}h lifetime)`);
    if (row.last_seen_at.getTime() + idle * 60_000 <= now.getTime()) {
      throw refusal(401, 'SESSION_IDLE', `超过 ${idle} 分钟未操作，请重新登录 (idle for more than ${idle} minutes)`);
    }
    if (!background && now.getTime() - row.last_seen_at.getTime() >= TOUCH_EVERY_MS) await this.repository.touchSession(claims.sid, now);
    if (row.password_change_required && !duringPasswordChange) {
      throw refusal(403, 'PASSWORD_CHANGE_REQUIRED', `${CHANGE_REASONS[row.password_change_required]}，请先修改密码 (change your password first)`);
    }
    return toAuthUser(toView(row, now));
  }

  /** Logging out ends every session of the user, on every device: what 等保 asks of a logout. */
  async logout(user: AuthUser): Promise<void> {
    await this.dataSource.transaction(async (m) => {
      await this.repository.endSessions(m, user.id, this.clock.now(), 'logout');
      await this.audit.recordAccess(m, { actor: user, entityType: 'user', entityId: user.id, action: 'logout' });
    });
  }

  private locked(until: Date, threshold: number): UnauthorizedException {
    return refusal(401, 'ACCOUNT_LOCKED', `连续 ${threshold} 次密码错误，账号已锁定至 ${beijing(until)}（北京时间），请届时再试或联系安全管理员解锁 (account locked)`) as UnauthorizedException;
  }

  /** The login log: one audit row per event, outside any transaction (a refused login writes nothing else). */
  private async log(actor: Pick<UserRow, 'id' | 'username'> | null, action: string, entityId: string, after: object): Promise<void> {
    await this.audit.recordAccess(this.dataSource.manager, { actor, entityType: 'user', entityId, action, after });
  }
}

const CHANGE_REASONS = { initial: '首次登录须修改初始密码', reset: '密码已由安全管理员重置', expired: '密码已过期' } as const;

import { ConflictException, ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '#libs/audit';
import { ADMIN_ROLES, badField, Clock, definedOnly, pageOf, ROLE_LABELS, type AuthUser, type Page, type Role } from '#libs/common';
import { OrganisationService } from '#libs/organisation';
import type { AssignRoleDto, ChangePasswordDto, CreateUserDto, UpdateUserDto, UserQueryDto, UserView } from './dto/auth.dto.js';
import { PasswordHasher } from './password-hasher.js';
import { assertStrongPassword, type SecurityPolicy } from './password-policy.js';
import { SecurityPolicyService } from './security-policy.service.js';
import { UsersRepository, type PasswordChangeReason, type UserFields, type UserRow } from './users.repository.js';

/** The user as the API shows it; a lock that has run out by `now` shows as none. */
export function toView(row: UserRow, now: Date): UserView {
  const locked = row.locked_until !== null && row.locked_until > now;
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    role: row.role,
    roleLabel: ROLE_LABELS[row.role],
    departmentId: row.department_id,
    departmentName: row.department_name,
    regionId: row.region_id,
    regionName: row.region_name,
    provinceId: row.province_id,
    provinceName: row.province_name,
    email: row.email,
    active: row.active,
    passwordChangeRequired: row.password_change_required,
    passwordChangedAt: row.password_changed_at,
    failedLogins: locked || !row.locked_until ? row.failed_logins : 0,
    lockedUntil: locked ? row.locked_until : null,
  };
}

export function toAuthUser(view: UserView): AuthUser {
  const { id, username, displayName, role, departmentId, regionId, provinceId, provinceName } = view;
  return { id, username, displayName, role, departmentId, regionId, provinceId, provinceName };
}

/** The affiliation a role uses: the other one is cleared, so a user changing role keeps no stale link. */
function affiliationFor(role: Role, departmentId: string | null, regionId: string | null): { departmentId: string | null; regionId: string | null } {
  if (role === 'department') return { departmentId, regionId: null };
  if (ADMIN_ROLES.includes(role)) return { departmentId: null, regionId: null };
  return { departmentId: null, regionId };
}

const notFound = (id: string) => new NotFoundException(`用户不存在 (user ${id} not found)`);

@Injectable()
export class UsersService {
  constructor(
    private readonly repository: UsersRepository,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly organisation: OrganisationService,
    private readonly audit: AuditService,
    private readonly hasher: PasswordHasher,
    private readonly policy: SecurityPolicyService,
    private readonly clock: Clock,
  ) {}

  async list(query: UserQueryDto): Promise<Page<UserView>> {
    const { rows, total } = await this.repository.page(query, (query.page - 1) * query.pageSize, query.pageSize);
    const now = this.clock.now();
    return pageOf(rows.map((r) => toView(r, now)), total, query);
  }

  async getOrFail(id: string): Promise<UserView> {
    const row = await this.repository.findById(id);
    if (!row) throw notFound(id);
    return toView(row, this.clock.now());
  }

  /** An account the system administrator creates: its initial password must be changed at the first login. */
  async create(dto: CreateUserDto, actor: AuthUser | null): Promise<UserView> {
    assertStrongPassword('password', dto.password, dto.username, await this.policy.current());
    return this.insert(dto, actor, { changeRequired: 'initial', expires: true });
  }

  /**
   * Creates the user if the username is free; used by the demo seed so reruns change nothing. The demo password
   * is the operator's setting (DEMO_PASSWORD, checked at boot), not one a person chose, so the strength rule is not
   * applied — and demo accounts keep their documented password: no forced change, no expiry.
   */
  async ensure(dto: CreateUserDto): Promise<{ user: UserView; created: boolean }> {
    const existing = await this.repository.findByUsername(dto.username);
    if (existing) return { user: toView(existing, this.clock.now()), created: false };
    return { user: await this.insert(dto, null, { changeRequired: null, expires: false }), created: true };
  }

  /** The system administrator's edits: name, affiliation for the current role, email, active. Not the administrators' accounts. */
  async update(id: string, changes: UpdateUserDto, actor: AuthUser): Promise<UserView> {
    const dto = definedOnly(changes);
    const before = await this.repository.findEntity(this.dataSource.manager, id);
    if (!before) throw notFound(id);
    if (id === actor.id && dto.active === false) throw badField('active', '不能停用自己的账号 (you cannot deactivate your own account)');
    if (id !== actor.id && ADMIN_ROLES.includes(before.role)) {
      throw new ForbiddenException(`${ROLE_LABELS[before.role]}的账号由安全管理员管理 (administrators' accounts are managed by the security administrator)`);
    }
    const affiliation = affiliationFor(before.role, dto.departmentId !== undefined ? dto.departmentId : before.departmentId, dto.regionId !== undefined ? dto.regionId : before.regionId);
    await this.checkAffiliation(before.role, affiliation.departmentId, affiliation.regionId);
    const fields: Partial<UserFields> = { ...dto, ...affiliation };
    await this.dataSource.transaction(async (m) => {
      await this.repository.update(m, id, fields);
      if (dto.active === false && before.active) await this.repository.endSessions(m, id, this.clock.now(), 'deactivated');
      await this.audit.record(m, { actor, entityType: 'user', entityId: id, action: updateAction(before.active, dto), before, after: { ...before, ...fields } });
    });
    return this.getOrFail(id);
  }

  /** The security administrator's: a role with the affiliation it needs. Not their own. */
  async assignRole(id: string, dto: AssignRoleDto, actor: AuthUser): Promise<UserView> {
    const before = await this.repository.findEntity(this.dataSource.manager, id);
    if (!before) throw notFound(id);
    if (id === actor.id) throw badField('role', '不能修改自己的角色 (you cannot change your own role)');
    const affiliation = affiliationFor(dto.role, dto.departmentId !== undefined ? dto.departmentId : before.departmentId, dto.regionId !== undefined ? dto.regionId : before.regionId);
    await this.checkAffiliation(dto.role, affiliation.departmentId, affiliation.regionId);
    const fields = { role: dto.role, ...affiliation };
    await this.dataSource.transaction(async (m) => {
      await this.repository.update(m, id, fields);
      await this.audit.record(m, { actor, entityType: 'user', entityId: id, action: 'role_change', before: { role: before.role, departmentId: before.departmentId, regionId: before.regionId }, after: fields });
    });
    return this.getOrFail(id);
  }

  /** The security administrator's: a new password the user must change at the next login; their sessions end. */
  async resetPassword(id: string, password: string, actor: AuthUser): Promise<UserView> {
    const row = await this.repository.findById(id);
    if (!row) throw notFound(id);
    if (id === actor.id) throw badField('password', '请在“修改密码”中修改自己的密码 (change your own password on the password page)');
    const policy = await this.policy.current();
    assertStrongPassword('password', password, row.username, policy);
    await this.setPassword(id, password, policy, 'reset', { actor, entityType: 'user', entityId: id, action: 'reset_password', after: { passwordChanged: true, changeRequired: 'reset' } });
    return this.getOrFail(id);
  }

  /** The security administrator's: lifts a lock before it runs out. */
  async unlock(id: string, actor: AuthUser): Promise<UserView> {
    const row = await this.repository.findById(id);
    if (!row) throw notFound(id);
    await this.dataSource.transaction(async (m) => {
      await this.repository.clearFailures(m, id);
      await this.audit.record(m, { actor, entityType: 'user', entityId: id, action: 'unlock', before: { failedLogins: row.failed_logins, lockedUntil: row.locked_until } });
    });
    return this.getOrFail(id);
  }

  /**
   * A signed-in user's own password: the current one proves it is them, the new one follows the policy and is none
   * of the last ones. Every session of the user ends, this one too: they sign in again with the new password.
   */
  async changeOwnPassword(actor: AuthUser, dto: ChangePasswordDto): Promise<void> {
    const row = await this.repository.findById(actor.id);
    if (!row) throw notFound(actor.id);
    if (!(await this.hasher.verify(row.password_hash, dto.currentPassword)).ok) throw badField('currentPassword', '当前密码不正确 (the current password is wrong)');
    if (dto.newPassword === dto.currentPassword) throw badField('newPassword', '新密码不能与当前密码相同 (the new password must differ from the current one)');
    const policy = await this.policy.current();
    assertStrongPassword('newPassword', dto.newPassword, row.username, policy);
    for (const old of await this.repository.recentPasswordHashes(actor.id, policy.historyCount)) {
      if ((await this.hasher.verify(old, dto.newPassword)).ok) {
        throw badField('newPassword', `新密码不能与最近 ${policy.historyCount} 次用过的密码相同 (must differ from the last ${policy.historyCount} passwords)`);
      }
    }
    await this.setPassword(actor.id, dto.newPassword, policy, null, { actor, entityType: 'user', entityId: actor.id, action: 'change_password', after: { passwordChanged: true, ...(row.password_change_required ? { changeRequired: row.password_change_required } : {}) } });
  }

  private async setPassword(id: string, password: string, policy: SecurityPolicy, changeRequired: PasswordChangeReason | null, entry: Parameters<AuditService['record']>[1]): Promise<void> {
    const hash = await this.hasher.hash(password);
    const at = this.clock.now();
    await this.dataSource.transaction(async (m: EntityManager) => {
      await this.repository.setPassword(m, id, { hash, at, changeRequired }, policy.historyCount);
      await this.repository.endSessions(m, id, at, 'password');
      await this.audit.record(m, entry);
    });
  }

  private async insert(dto: CreateUserDto, actor: AuthUser | null, password: { changeRequired: PasswordChangeReason | null; expires: boolean }): Promise<UserView> {
    const affiliation = affiliationFor(dto.role, dto.departmentId ?? null, dto.regionId ?? null);
    await this.checkAffiliation(dto.role, affiliation.departmentId, affiliation.regionId);
    // Checked first to name the username; the unique constraint still decides a race (409 from the exception filter).
    if (await this.repository.findByUsername(dto.username)) throw new ConflictException(`用户名“${dto.username}”已被使用，请换一个 (username already taken)`);
    const passwordHash = await this.hasher.hash(dto.password);
    const id = await this.dataSource.transaction(async (m) => {
      const user = await this.repository.insert(m, {
        username: dto.username,
        displayName: dto.displayName,
        role: dto.role,
        email: dto.email ?? null,
        active: true,
        ...affiliation,
        passwordHash,
        passwordChangedAt: this.clock.now(),
        passwordChangeRequired: password.changeRequired,
        passwordExpires: password.expires,
      });
      await this.audit.record(m, { actor, entityType: 'user', entityId: user.id, action: 'create', after: user });
      return user.id;
    });
    return this.getOrFail(id);
  }

  private async checkAffiliation(role: Role, departmentId: string | null, regionId: string | null): Promise<void> {
    if (role === 'department' && !departmentId) throw badField('departmentId', '部门用户须选择所属部门 (departmentId is required for a department user)');
    if ((role === 'city' || role === 'coordinator' || role === 'leader') && !regionId) {
      throw badField('regionId', `${ROLE_LABELS[role]}用户须选择所属行政区 (regionId is required for a ${role} user)`);
    }
    if (departmentId) await this.organisation.findDepartmentOrFail(departmentId);
    if (regionId) {
      const region = await this.organisation.findRegionOrFail(regionId);
      if (role === 'city' && region.level === 'province') throw badField('regionId', '市级用户应属于市或区县，不能是省 (a city user belongs to a city or county, not a province)');
      if ((role === 'coordinator' || role === 'leader') && region.level !== 'province') {
        throw badField('regionId', `${ROLE_LABELS[role]}用户应属于省级行政区 (a ${role} user belongs to a province)`);
      }
    }
  }
}

/** What the audit trail calls an update: deactivating and reactivating are named, as an admin looks for them. */
function updateAction(wasActive: boolean, dto: UpdateUserDto): string {
  if (dto.active === false && wasActive) return 'deactivate';
  if (dto.active === true && !wasActive) return 'reactivate';
  return 'update';
}

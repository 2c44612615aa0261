import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import bcrypt from 'bcryptjs';
import type { DataSource } from 'typeorm';
import { AuditService } from '#libs/audit';
import { badField, definedOnly, pageOf, ROLE_LABELS, type AuthUser, type Page, type Role } from '#libs/common';
import { OrganisationService } from '#libs/organisation';
import type { ChangePasswordDto, CreateUserDto, UpdateUserDto, UserQueryDto, UserView } from './dto/auth.dto.js';
import { assertStrongPassword } from './password-policy.js';
import { UsersRepository, type UserFields, type UserRow } from './users.repository.js';

const BCRYPT_COST = 10;

function toView(row: UserRow): UserView {
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
  };
}

export function toAuthUser(view: UserView): AuthUser {
  const { email: _e, active: _a, ...user } = view;
  return user;
}

/** The affiliation a role uses: the other one is cleared, so a user changing role keeps no stale link. */
function affiliationFor(role: Role, departmentId: string | null, regionId: string | null): { departmentId: string | null; regionId: string | null } {
  if (role === 'department') return { departmentId, regionId: null };
  if (role === 'admin') return { departmentId: null, regionId: null };
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
  ) {}

  async list(query: UserQueryDto): Promise<Page<UserView>> {
    const { rows, total } = await this.repository.page(query, (query.page - 1) * query.pageSize, query.pageSize);
    return pageOf(rows.map(toView), total, query);
  }

  async getOrFail(id: string): Promise<UserView> {
    const row = await this.repository.findById(id);
    if (!row) throw notFound(id);
    return toView(row);
  }

  /** The user with these credentials, active or not, or null — the caller does not learn which part was wrong. */
  async verifyCredentials(username: string, password: string): Promise<UserView | null> {
    const row = await this.repository.findByUsername(username);
    const ok = row ? await bcrypt.compare(password, row.password_hash) : false;
    return row && ok ? toView(row) : null;
  }

  async findActive(id: string): Promise<UserView | null> {
    const row = await this.repository.findForToken(id);
    return row?.active ? toView(row) : null;
  }

  async create(dto: CreateUserDto, actor: AuthUser | null): Promise<UserView> {
    assertStrongPassword('password', dto.password, dto.username);
    return this.insert(dto, actor);
  }

  /**
   * Creates the user if the username is free; used by the demo seed so reruns change nothing. The demo password
   * is the operator's setting (DEMO_PASSWORD, checked at boot), not one a person chose, so the strength rule is not applied.
   */
  async ensure(dto: CreateUserDto): Promise<{ user: UserView; created: boolean }> {
    const existing = await this.repository.findByUsername(dto.username);
    if (existing) return { user: toView(existing), created: false };
    return { user: await this.insert(dto, null), created: true };
  }

  async update(id: string, changes: UpdateUserDto, actor: AuthUser): Promise<UserView> {
    const dto = definedOnly(changes);
    const before = await this.repository.findEntity(this.dataSource.manager, id);
    if (!before) throw notFound(id);
    if (id === actor.id && dto.active === false) throw badField('active', '不能停用自己的账号 (you cannot deactivate your own account)');
    if (id === actor.id && dto.role !== undefined && dto.role !== before.role) throw badField('role', '不能修改自己的角色 (you cannot change your own role)');
    const { password, ...given } = dto;
    const role = given.role ?? before.role;
    const affiliation = affiliationFor(role, given.departmentId !== undefined ? given.departmentId : before.departmentId, given.regionId !== undefined ? given.regionId : before.regionId);
    await this.checkAffiliation(role, affiliation.departmentId, affiliation.regionId);
    if (password !== undefined) assertStrongPassword('password', password, before.username);
    const fields: Partial<UserFields> = { ...given, ...affiliation, ...(password !== undefined ? { passwordHash: await bcrypt.hash(password, BCRYPT_COST) } : {}) };
    await this.dataSource.transaction(async (m) => {
      await this.repository.update(m, id, fields);
      const { passwordHash: _h, ...after } = { ...before, ...fields };
      await this.audit.record(m, { actor, entityType: 'user', entityId: id, action: updateAction(before.active, dto), before, after: { ...after, passwordChanged: password !== undefined } });
    });
    return this.getOrFail(id);
  }

  /** A signed-in user's own password: the current one proves it is them, the new one follows the strength rule. */
  async changeOwnPassword(actor: AuthUser, dto: ChangePasswordDto): Promise<void> {
    const row = await this.repository.findById(actor.id);
    if (!row) throw notFound(actor.id);
    if (!(await bcrypt.compare(dto.currentPassword, row.password_hash))) throw badField('currentPassword', '当前密码不正确 (the current password is wrong)');
    if (dto.newPassword === dto.currentPassword) throw badField('newPassword', '新密码不能与当前密码相同 (the new password must differ from the current one)');
    assertStrongPassword('newPassword', dto.newPassword, row.username);
    const passwordHash = await bcrypt.hash(dto.newPassword, BCRYPT_COST);
    await this.dataSource.transaction(async (m) => {
      await this.repository.update(m, actor.id, { passwordHash });
      await this.audit.record(m, { actor, entityType: 'user', entityId: actor.id, action: 'change_password', after: { passwordChanged: true } });
    });
  }

  private async insert(dto: CreateUserDto, actor: AuthUser | null): Promise<UserView> {
    const affiliation = affiliationFor(dto.role, dto.departmentId ?? null, dto.regionId ?? null);
    await this.checkAffiliation(dto.role, affiliation.departmentId, affiliation.regionId);
    // Checked first to name the username; the unique constraint still decides a race (409 from the exception filter).
    if (await this.repository.findByUsername(dto.username)) throw new ConflictException(`用户名“${dto.username}”已被使用，请换一个 (username already taken)`);
    const passwordHash = await bcrypt.hash(dto.password, BCRYPT_COST);
    const id = await this.dataSource.transaction(async (m) => {
      const user = await this.repository.insert(m, { username: dto.username, displayName: dto.displayName, role: dto.role, email: dto.email ?? null, active: true, ...affiliation, passwordHash });
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
  return dto.password !== undefined ? 'reset_password' : 'update';
}

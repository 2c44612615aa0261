import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import bcrypt from 'bcryptjs';
import { DataSource, ILike, Repository, type FindOptionsWhere } from 'typeorm';
import { AuditService } from '#libs/audit';
import { badField, pageOf, type AuthUser, type Page, type Role } from '#libs/common';
import { queryPrepared } from '#libs/database';
import { OrganisationService } from '#libs/organisation';
import type { CreateUserDto, UpdateUserDto, UserQueryDto, UserView } from './dto/auth.dto.js';
import { User } from './entities/user.entity.js';

const BCRYPT_COST = 10;

interface UserRow {
  id: string;
  username: string;
  display_name: string;
  role: Role;
  department_id: string | null;
  region_id: string | null;
  province_id: string | null;
  province_name: string | null;
  email: string | null;
  active: boolean;
  password_hash: string;
}

// One query gives the user with the province they work in (id and name), whether through their own region or their department's.
const USER_WITH_PROVINCE = `
  SELECT u.id, u.username, u.display_name, u.role, u.department_id, u.region_id, u.email, u.active, u.password_hash,
         prov.id AS province_id, prov.name AS province_name
  FROM app_user u
  LEFT JOIN department d ON d.id = u.department_id
  LEFT JOIN region r ON r.id = COALESCE(u.region_id, d.region_id)
  LEFT JOIN region p ON p.id = r.parent_id
  LEFT JOIN region prov ON prov.id = CASE r.level WHEN 'province' THEN r.id WHEN 'city' THEN r.parent_id ELSE p.parent_id END`;

function toView(row: UserRow): UserView {
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    role: row.role,
    departmentId: row.department_id,
    regionId: row.region_id,
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

@Injectable()
export class UsersService {
  constructor(
    @InjectRepository(User) private readonly users: Repository<User>,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly organisation: OrganisationService,
    private readonly audit: AuditService,
  ) {}

  async list(query: UserQueryDto): Promise<Page<UserView>> {
    const where: FindOptionsWhere<User> = {};
    if (query.role) where.role = query.role;
    if (query.departmentId) where.departmentId = query.departmentId;
    if (query.q) where.username = ILike(`%${query.q}%`);
    const [users, total] = await this.users.findAndCount({ where, order: { username: 'ASC' }, skip: (query.page - 1) * query.pageSize, take: query.pageSize, select: { id: true } });
    const views = await Promise.all(users.map((u) => this.getOrFail(u.id)));
    return pageOf(views, total, query);
  }

  async getOrFail(id: string): Promise<UserView> {
    const row = await this.findRow('u.id = $1', id);
    if (!row) throw new NotFoundException(`用户不存在 (user ${id} not found)`);
    return toView(row);
  }

  /** The active user with these credentials, or null — the caller does not learn which part was wrong. */
  async verifyCredentials(username: string, password: string): Promise<UserView | null> {
    const row = await this.findRow('u.username = $1', username);
    const ok = row ? await bcrypt.compare(password, row.password_hash) : false;
    return row && ok && row.active ? toView(row) : null;
  }

  /** Runs for every authenticated request, hence prepared: its planning cost more than its execution. */
  async findActive(id: string): Promise<UserView | null> {
    const [row] = await queryPrepared<UserRow>(this.dataSource.manager, 'user_by_id', `${USER_WITH_PROVINCE} WHERE u.id = $1`, [id]);
    return row?.active ? toView(row) : null;
  }

  async create(dto: CreateUserDto, actor: AuthUser | null): Promise<UserView> {
    await this.checkAffiliation(dto.role, dto.departmentId, dto.regionId);
    const passwordHash = await bcrypt.hash(dto.password, BCRYPT_COST);
    const id = await this.dataSource.transaction(async (m) => {
      const { password: _p, ...fields } = dto;
      const user = await m.save(User, m.create(User, { departmentId: null, regionId: null, email: null, active: true, ...fields, passwordHash }));
      const { passwordHash: _h, ...after } = user;
      await this.audit.record(m, { actor, entityType: 'user', entityId: user.id, action: 'create', after });
      return user.id;
    });
    return this.getOrFail(id);
  }

  async update(id: string, dto: UpdateUserDto, actor: AuthUser): Promise<UserView> {
    const before = await this.users.findOneBy({ id });
    if (!before) throw new NotFoundException(`用户不存在 (user ${id} not found)`);
    const { password, ...fields } = dto;
    const merged = { ...before, ...fields };
    await this.checkAffiliation(merged.role, merged.departmentId ?? undefined, merged.regionId ?? undefined);
    const passwordHash = password ? await bcrypt.hash(password, BCRYPT_COST) : undefined;
    await this.dataSource.transaction(async (m) => {
      await m.update(User, { id }, { ...fields, ...(passwordHash ? { passwordHash } : {}) });
      const after = { ...merged, passwordChanged: Boolean(passwordHash) };
      await this.audit.record(m, { actor, entityType: 'user', entityId: id, action: 'update', before, after });
    });
    return this.getOrFail(id);
  }

  /** Creates the user if the username is free; used by the demo seed so reruns change nothing. */
  async ensure(dto: CreateUserDto): Promise<{ user: UserView; created: boolean }> {
    const existing = await this.findRow('u.username = $1', dto.username);
    if (existing) return { user: toView(existing), created: false };
    return { user: await this.create(dto, null), created: true };
  }

  private async findRow(condition: string, value: string): Promise<UserRow | undefined> {
    const rows: UserRow[] = await this.dataSource.query(`${USER_WITH_PROVINCE} WHERE ${condition}`, [value]);
    return rows[0];
  }

  private async checkAffiliation(role: Role, departmentId?: string, regionId?: string): Promise<void> {
    if (role === 'department' && !departmentId) throw badField('departmentId', 'departmentId is required for a department user');
    if ((role === 'city' || role === 'coordinator' || role === 'leader') && !regionId) throw badField('regionId', `regionId is required for a ${role} user`);
    if (departmentId) await this.organisation.findDepartmentOrFail(departmentId);
    if (regionId) {
      const region = await this.organisation.findRegionOrFail(regionId);
      if (role === 'city' && region.level === 'province') throw badField('regionId', 'a city user belongs to a city or county, not a province');
      if ((role === 'coordinator' || role === 'leader') && region.level !== 'province') throw badField('regionId', `a ${role} user belongs to a province`);
    }
  }
}

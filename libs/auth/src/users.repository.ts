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
}

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

// The user with the names the web header shows and the province they work in (id and name), whether through
// their own region or their department's; region_name is their own region only (a city, or a province).
const USER_VIEW = `
  SELECT u.id, u.username, u.display_name, u.role, u.department_id, d.name AS department_name, u.region_id,
         CASE WHEN u.region_id IS NOT NULL THEN r.name END AS region_name, u.email, u.active, u.password_hash,
         prov.id AS province_id, prov.name AS province_name
  FROM app_user u
  LEFT JOIN department d ON d.id = u.department_id
  LEFT JOIN region r ON r.id = COALESCE(u.region_id, d.region_id)
  LEFT JOIN region p ON p.id = r.parent_id
  LEFT JOIN region prov ON prov.id = CASE r.level WHEN 'province' THEN r.id WHEN 'city' THEN r.parent_id ELSE p.parent_id END`;

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

  /** Runs for every authenticated request, hence prepared: its planning cost more than its execution. */
  async findForToken(id: string): Promise<UserRow | undefined> {
    return (await queryPrepared<UserRow>(this.dataSource.manager, 'user_by_id', `${USER_VIEW} WHERE u.id = $1`, [id]))[0];
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

  async insert(m: EntityManager, fields: UserFields): Promise<User> {
    const { passwordHash: _h, ...user } = await m.save(User, m.create(User, fields));
    return user as User;
  }

  async update(m: EntityManager, id: string, fields: Partial<UserFields>): Promise<void> {
    await m.update(User, { id }, fields);
  }
}

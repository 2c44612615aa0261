import { createHash } from 'node:crypto';
import { toAuthUser, UsersService, type CreateUserDto } from '#libs/auth';
import type { AuthUser } from '#libs/common';
import type { Department, Region } from '#libs/organisation';
import type { Tally } from './tally.js';

export const DEMO_USERNAMES = ['admin', 'secadmin', 'auditor', 'coordinator', 'department', 'department2', 'city', 'leader'] as const;

/** A department's stable tag in the demo: its placeholder contacts' addresses and its liaison account use it. */
export function departmentSlug(d: Pick<Department, 'name'>, regionCode: string): string {
  return `${regionCode}-${createHash('sha1').update(d.name).digest('hex').slice(0, 8)}`;
}

/**
 * Who does what in the demo. Every step is taken by the account the product expects: the coordinator reviews and
 * closes, a lead department's own user starts, reports and submits — the named demo users for their departments,
 * otherwise a liaison account of that department (`liaison-<region>-<hash>`), created on first use — and the city
 * user records its own city's rollouts. Accounts are created only if the username is free.
 */
export class DemoActors {
  private readonly byDepartment = new Map<string, AuthUser>();

  private constructor(
    private readonly users: UsersService,
    private readonly password: string,
    private readonly tally: Tally,
    readonly named: Record<(typeof DEMO_USERNAMES)[number], AuthUser>,
    private readonly province: Region,
  ) {
    for (const u of [named.department, named.department2]) this.byDepartment.set(u.departmentId!, u);
  }

  static async create(
    users: UsersService,
    password: string,
    tally: Tally,
    places: { province: Region; city: Region; department: Department; department2: Department },
  ): Promise<DemoActors> {
    const { province, city, department, department2 } = places;
    const accounts: CreateUserDto[] = [
      // 三员分立: one of each administrator.
      { username: 'admin', displayName: '系统管理员', role: 'admin', password },
      { username: 'secadmin', displayName: '安全管理员', role: 'security_admin', password },
      { username: 'auditor', displayName: '审计管理员', role: 'audit_admin', password },
      { username: 'coordinator', displayName: '省商务厅（协调机制办公室）', role: 'coordinator', regionId: province.id, password },
      { username: 'department', displayName: `${department.name}联络员`, role: 'department', departmentId: department.id, password },
      { username: 'department2', displayName: `${department2.name}联络员`, role: 'department', departmentId: department2.id, password },
      { username: 'city', displayName: `${city.name}商务局`, role: 'city', regionId: city.id, password },
      { username: 'leader', displayName: '省政府分管领导', role: 'leader', regionId: province.id, password },
    ];
    const named = {} as Record<(typeof DEMO_USERNAMES)[number], AuthUser>;
    for (const dto of accounts) named[dto.username as (typeof DEMO_USERNAMES)[number]] = await ensure(users, { ...dto, email: `${dto.username}@example.gov.cn` }, tally);
    return new DemoActors(users, password, tally, named, province);
  }

  get coordinator(): AuthUser {
    return this.named.coordinator;
  }

  /** The named demo user of a department (department, department2), if it has one. */
  namedFor(departmentId: string): AuthUser | undefined {
    return [this.named.department, this.named.department2].find((u) => u.departmentId === departmentId);
  }

  /** The user who acts for a department of the province (its lead steps, its contributions). */
  async of(department: Pick<Department, 'id' | 'name'>): Promise<AuthUser> {
    const known = this.byDepartment.get(department.id);
    if (known) return known;
    const username = `liaison-${departmentSlug(department, this.province.code)}`;
    const user = await ensure(
      this.users,
      { username, displayName: `${department.name}联络员（演示）`, role: 'department', departmentId: department.id, password: this.password, email: `${username}@example.gov.cn` },
      this.tally,
    );
    this.byDepartment.set(department.id, user);
    return user;
  }
}

async function ensure(users: UsersService, dto: CreateUserDto, tally: Tally): Promise<AuthUser> {
  const { user, created } = await users.ensure(dto);
  tally.add('user', created ? 'created' : 'unchanged');
  return toAuthUser(user);
}

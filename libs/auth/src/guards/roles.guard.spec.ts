import { describe, expect, it } from '@jest/globals';
import { ForbiddenException, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { AuthUser, Role } from '#libs/common';
import { Public, Roles } from '../decorators.js';
import { RefusalLog, RolesGuard } from './roles.guard.js';

class Routes {
  @Roles('admin', 'coordinator') write(): void {}
  read(): void {}
  @Public() open(): void {}
}

function context(handler: keyof Routes, role?: Role): ExecutionContext {
  return {
    getHandler: () => Routes.prototype[handler],
    getClass: () => Routes,
    switchToHttp: () => ({ getRequest: () => ({ method: 'POST', originalUrl: '/api/things?x=1', user: role ? { id: `id-${role}`, role } : undefined }) }),
  } as unknown as ExecutionContext;
}

class Refusals extends RefusalLog {
  readonly seen: { user: string; path: string; requiredRoles: Role[] }[] = [];
  async refused(user: AuthUser, attempt: { method: string; path: string; requiredRoles: Role[] }): Promise<void> {
    this.seen.push({ user: user.id, path: attempt.path, requiredRoles: attempt.requiredRoles });
  }
}

describe(RolesGuard.name, () => {
  const refusals = new Refusals();
  const guard = new RolesGuard(new Reflector(), refusals);

  it('lets listed roles through', async () => {
    await expect(guard.canActivate(context('write', 'coordinator'))).resolves.toBe(true);
    await expect(guard.canActivate(context('write', 'admin'))).resolves.toBe(true);
  });

  it('refuses other roles with 403 naming the roles required, and logs each refusal', async () => {
    refusals.seen.length = 0;
    for (const role of ['department', 'city', 'leader', 'security_admin', 'audit_admin'] as Role[]) {
      await expect(guard.canActivate(context('write', role))).rejects.toThrow(ForbiddenException);
    }
    await expect(guard.canActivate(context('write', 'leader'))).rejects.toThrow(/coordinator/);
    expect(refusals.seen).toHaveLength(6);
    expect(refusals.seen[0]).toEqual({ user: 'id-department', path: '/api/things', requiredRoles: ['admin', 'coordinator'] });
  });

  it('leaves unrestricted and public routes alone', async () => {
    await expect(guard.canActivate(context('read', 'leader'))).resolves.toBe(true);
    await expect(guard.canActivate(context('open'))).resolves.toBe(true);
  });
});

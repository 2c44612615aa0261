import { describe, expect, it } from '@jest/globals';
import { ForbiddenException, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Role } from '#libs/common';
import { Public, Roles } from '../decorators.js';
import { RolesGuard } from './roles.guard.js';

class Routes {
  @Roles('admin', 'coordinator') write(): void {}
  read(): void {}
  @Public() open(): void {}
}

function context(handler: keyof Routes, role?: Role): ExecutionContext {
  return {
    getHandler: () => Routes.prototype[handler],
    getClass: () => Routes,
    switchToHttp: () => ({ getRequest: () => ({ user: role ? { role } : undefined }) }),
  } as unknown as ExecutionContext;
}

describe(RolesGuard.name, () => {
  const guard = new RolesGuard(new Reflector());

  it('lets listed roles through', () => {
    expect(guard.canActivate(context('write', 'coordinator'))).toBe(true);
    expect(guard.canActivate(context('write', 'admin'))).toBe(true);
  });

  it('refuses other roles with 403 naming the roles required', () => {
    for (const role of ['department', 'city', 'leader'] as Role[]) {
      expect(() => guard.canActivate(context('write', role))).toThrow(ForbiddenException);
    }
    expect(() => guard.canActivate(context('write', 'leader'))).toThrow(/coordinator/);
  });

  it('leaves unrestricted and public routes alone', () => {
    expect(guard.canActivate(context('read', 'leader'))).toBe(true);
    expect(guard.canActivate(context('open'))).toBe(true);
  });
});

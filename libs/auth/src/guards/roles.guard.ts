import { ForbiddenException, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ROLE_LABELS, type AuthUser, type Role } from '#libs/common';
import { IS_PUBLIC, ROLES_KEY } from '../decorators.js';

/** Global: routes with @Roles(...) refuse other roles with 403 before any work is done. */
@Injectable()
export class RolesGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);
    if (!roles?.length) return true;
    const user = context.switchToHttp().getRequest<{ user?: AuthUser }>().user;
    if (user && roles.includes(user.role)) return true;
    throw new ForbiddenException(`无权执行此操作，需要角色：${roles.map((r) => ROLE_LABELS[r]).join('、')} (requires role: ${roles.join(', ')})`);
  }
}

import { ForbiddenException, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Request } from 'express';
import type { DataSource } from 'typeorm';
import { AuditService } from '#libs/audit';
import { ROLE_LABELS, type AuthUser, type Role } from '#libs/common';
import { IS_PUBLIC, ROLES_KEY } from '../decorators.js';

/** Where a refused request is written down: the audit trail in the app, a fake in the guard's unit test. */
export abstract class RefusalLog {
  abstract refused(user: AuthUser, attempt: { method: string; path: string; requiredRoles: Role[] }): Promise<void>;
}

@Injectable()
export class AuditedRefusalLog extends RefusalLog {
  constructor(
    private readonly audit: AuditService,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {
    super();
  }

  async refused(user: AuthUser, attempt: { method: string; path: string; requiredRoles: Role[] }): Promise<void> {
    await this.audit.recordAccess(this.dataSource.manager, { actor: user, entityType: 'user', entityId: user.id, action: 'permission_denied', after: attempt });
  }
}

/** Global: routes with @Roles(...) refuse other roles with 403 before any work is done, and the refusal is audited. */
@Injectable()
export class RolesGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly log: RefusalLog,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);
    if (!roles?.length) return true;
    const req = context.switchToHttp().getRequest<Request & { user?: AuthUser }>();
    const user = req.user;
    if (user && roles.includes(user.role)) return true;
    if (user) await this.log.refused(user, { method: req.method, path: req.originalUrl?.split('?')[0] ?? req.url, requiredRoles: roles });
    throw new ForbiddenException(`无权执行此操作，需要角色：${roles.map((r) => ROLE_LABELS[r]).join('、')} (requires role: ${roles.join(', ')})`);
  }
}

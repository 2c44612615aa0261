import { createParamDecorator, SetMetadata, type ExecutionContext } from '@nestjs/common';
import type { AuthUser, Role } from '#libs/common';

export const IS_PUBLIC = 'isPublic';
export const ROLES_KEY = 'roles';

/** Opens a route to anonymous callers (health, docs, login); everything else needs a token. */
export const Public = () => SetMetadata(IS_PUBLIC, true);

/** Restricts a route to these roles; finer rules (own province, own department) live in the services. */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);

export const CurrentUser = createParamDecorator((_: unknown, ctx: ExecutionContext): AuthUser => ctx.switchToHttp().getRequest<{ user: AuthUser }>().user);

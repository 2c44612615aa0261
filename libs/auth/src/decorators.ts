import { createParamDecorator, SetMetadata, type ExecutionContext } from '@nestjs/common';
import type { AuthUser, Role } from '#libs/common';

export const IS_PUBLIC = 'isPublic';
export const ROLES_KEY = 'roles';
export const DURING_PASSWORD_CHANGE = 'duringPasswordChange';

/** Opens a route to anonymous callers (health, docs, login); everything else needs a token. */
export const Public = () => SetMetadata(IS_PUBLIC, true);

/** Open to a user who must change their password first (who am I, change it, log out); every other route refuses them. */
export const DuringPasswordChange = () => SetMetadata(DURING_PASSWORD_CHANGE, true);

/** Restricts a route to these roles; finer rules (own province, own department) live in the services. */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);

export const CurrentUser = createParamDecorator((_: unknown, ctx: ExecutionContext): AuthUser => ctx.switchToHttp().getRequest<{ user: AuthUser }>().user);

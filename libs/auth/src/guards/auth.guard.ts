import { Injectable, UnauthorizedException, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import type { AuthUser } from '#libs/common';
import { AuthService } from '../auth.service.js';
import { DURING_PASSWORD_CHANGE, IS_PUBLIC } from '../decorators.js';

export function bearerToken(header: string | undefined): string | null {
  const match = /^Bearer\s+(\S+)$/i.exec(header ?? '');
  return match ? match[1] : null;
}

/** Sent by the web app on requests no person made (the unread badge's polling): they do not keep a session from idling. */
export const BACKGROUND_HEADER = 'x-ftz-background';

/** Global: every route needs a valid token of a live session unless marked @Public(). */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly auth: AuthService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    const req = context.switchToHttp().getRequest<Request & { user?: AuthUser }>();
    const token = bearerToken(req.headers.authorization);
    if (!token) throw new UnauthorizedException('请先登录 (missing bearer token)');
    req.user = await this.auth.authenticate(token, {
      duringPasswordChange: this.reflector.getAllAndOverride<boolean>(DURING_PASSWORD_CHANGE, targets) ?? false,
      background: req.headers[BACKGROUND_HEADER] === '1',
    });
    return true;
  }
}

import { Injectable, UnauthorizedException } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import type { AuthUser } from '#libs/common';
import type { LoginResponseDto } from './dto/auth.dto.js';
import { toAuthUser, UsersService } from './users.service.js';

interface TokenClaims {
  sub: string;
  role: string;
}

@Injectable()
export class AuthService {
  constructor(
    private readonly users: UsersService,
    private readonly jwt: JwtService,
  ) {}

  async login(username: string, password: string): Promise<LoginResponseDto> {
    const user = await this.users.verifyCredentials(username, password);
    if (!user) throw new UnauthorizedException('用户名或密码错误 (wrong username or password)');
    // Said only to whoever knows the password, so it tells a stranger nothing about which accounts exist.
    if (!user.active) throw new UnauthorizedException('账号已停用，请联系系统管理员 (this account has been deactivated)');
    const accessToken = await this.jwt.signAsync({ sub: user.id, role: user.role } satisfies TokenClaims);
    return { accessToken, user };
  }

  /** Resolves a bearer token to the current user; deactivated users lose access at once, not when the token expires. */
  async authenticate(token: string): Promise<AuthUser> {
    let claims: TokenClaims;
    try {
      claims = await this.jwt.verifyAsync<TokenClaims>(token);
    } catch {
      throw new UnauthorizedException('登录已失效，请重新登录 (invalid or expired token)');
    }
    const user = await this.users.findActive(claims.sub);
    if (!user) throw new UnauthorizedException('账号不存在或已停用 (account not found or deactivated)');
    return toAuthUser(user);
  }
}

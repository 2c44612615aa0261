import { Body, Controller, Get, HttpCode, Post, Req, UseGuards } from '@nestjs/common';
import type { Request } from 'express';
import { ApiBadRequestResponse, ApiBearerAuth, ApiForbiddenResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags, ApiTooManyRequestsResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { AuthService, ChangePasswordDto, PasswordRuleDto, passwordRule, SecurityPolicyService, CurrentUser, DuringPasswordChange, LoginDto, LoginResponseDto, LoginRateLimitGuard, Public, UserView, UsersService } from '#libs/auth';
import { ErrorResponseDto, type AuthUser } from '#libs/common';

@ApiTags('auth 登录')
@Controller('api/auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly users: UsersService,
    private readonly policy: SecurityPolicyService,
  ) {}

  @Post('login')
  @Public()
  @HttpCode(200)
  @UseGuards(LoginRateLimitGuard)
  @ApiOperation({
    summary: '登录，获取访问令牌 (JWT)',
    description: '开启一个会话：30 分钟无操作或登录满 8 小时失效（SESSION_IDLE_MINUTES、SESSION_MAX_HOURS）。user.passwordChangeRequired 不为空时须先修改密码。',
  })
  @ApiOkResponse({ type: LoginResponseDto })
  @ApiBadRequestResponse({ type: ErrorResponseDto, description: '未填写用户名或密码' })
  @ApiUnauthorizedResponse({ type: ErrorResponseDto, description: '用户名或密码错误；账号已停用；连续密码错误，账号已锁定（code ACCOUNT_LOCKED，说明锁定至何时）' })
  @ApiTooManyRequestsResponse({ type: ErrorResponseDto, description: '登录尝试过于频繁' })
  login(@Body() dto: LoginDto, @Req() req: Request): Promise<LoginResponseDto> {
    return this.auth.login(dto.username, dto.password, { ip: req.ip, userAgent: req.headers['user-agent']?.slice(0, 200) });
  }

  @Post('logout')
  @HttpCode(204)
  @DuringPasswordChange()
  @ApiBearerAuth()
  @ApiOperation({ summary: '退出登录：结束本人的全部会话（各设备上的令牌随即失效）' })
  @ApiNoContentResponse({ description: '已退出' })
  @ApiUnauthorizedResponse({ type: ErrorResponseDto, description: '未登录或会话已失效' })
  logout(@CurrentUser() user: AuthUser): Promise<void> {
    return this.auth.logout(user);
  }

  @Get('me')
  @DuringPasswordChange()
  @ApiBearerAuth()
  @ApiOperation({ summary: '当前用户：姓名、角色、所属部门或行政区、所在省' })
  @ApiOkResponse({ type: UserView })
  @ApiUnauthorizedResponse({ type: ErrorResponseDto, description: '未登录、会话失效（code SESSION_IDLE 超时未操作、SESSION_EXPIRED 超过最长时长、SESSION_ENDED 已退出或改密）或账号已停用' })
  me(@CurrentUser() user: AuthUser): Promise<UserView> {
    return this.users.getOrFail(user.id);
  }

  @Get('password-rule')
  @DuringPasswordChange()
  @ApiBearerAuth()
  @ApiOperation({ summary: '密码规则（按安全管理员设置的策略），修改密码页显示' })
  @ApiOkResponse({ type: PasswordRuleDto })
  async rule(): Promise<PasswordRuleDto> {
    return { rule: passwordRule(await this.policy.current()) };
  }

  @Post('password')
  @HttpCode(204)
  @DuringPasswordChange()
  @ApiBearerAuth()
  @ApiOperation({
    summary: '修改本人密码（须提供当前密码；新密码须符合安全管理员设置的密码策略，默认至少 8 位，含大写、小写、数字、符号中的三类，不含用户名，不与最近 5 次相同）',
    description: '修改后本人的全部会话结束，须用新密码重新登录。',
  })
  @ApiNoContentResponse({ description: '已修改' })
  @ApiBadRequestResponse({ type: ErrorResponseDto, description: '当前密码不正确（字段 currentPassword）或新密码强度不足（字段 newPassword）' })
  @ApiUnauthorizedResponse({ type: ErrorResponseDto, description: '未登录或令牌失效' })
  changePassword(@CurrentUser() user: AuthUser, @Body() dto: ChangePasswordDto): Promise<void> {
    return this.users.changeOwnPassword(user, dto);
  }
}

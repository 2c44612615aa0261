import { Body, Controller, Get, HttpCode, Post, UseGuards } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBearerAuth, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags, ApiTooManyRequestsResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { AuthService, ChangePasswordDto, CurrentUser, LoginDto, LoginResponseDto, LoginRateLimitGuard, Public, UserView, UsersService } from '#libs/auth';
import { ErrorResponseDto, type AuthUser } from '#libs/common';

@ApiTags('auth 登录')
@Controller('api/auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly users: UsersService,
  ) {}

  @Post('login')
  @Public()
  @HttpCode(200)
  @UseGuards(LoginRateLimitGuard)
  @ApiOperation({ summary: '登录，获取访问令牌 (JWT)' })
  @ApiOkResponse({ type: LoginResponseDto })
  @ApiBadRequestResponse({ type: ErrorResponseDto, description: '未填写用户名或密码' })
  @ApiUnauthorizedResponse({ type: ErrorResponseDto, description: '用户名或密码错误；账号已停用' })
  @ApiTooManyRequestsResponse({ type: ErrorResponseDto, description: '登录尝试过于频繁' })
  login(@Body() dto: LoginDto): Promise<LoginResponseDto> {
    return this.auth.login(dto.username, dto.password);
  }

  @Get('me')
  @ApiBearerAuth()
  @ApiOperation({ summary: '当前用户：姓名、角色、所属部门或行政区、所在省' })
  @ApiOkResponse({ type: UserView })
  @ApiUnauthorizedResponse({ type: ErrorResponseDto, description: '未登录、令牌失效或账号已停用' })
  me(@CurrentUser() user: AuthUser): Promise<UserView> {
    return this.users.getOrFail(user.id);
  }

  @Post('password')
  @HttpCode(204)
  @ApiBearerAuth()
  @ApiOperation({ summary: '修改本人密码（须提供当前密码；新密码至少 8 位，含大写、小写、数字、符号中的三类，且不含用户名）' })
  @ApiNoContentResponse({ description: '已修改' })
  @ApiBadRequestResponse({ type: ErrorResponseDto, description: '当前密码不正确（字段 currentPassword）或新密码强度不足（字段 newPassword）' })
  @ApiUnauthorizedResponse({ type: ErrorResponseDto, description: '未登录或令牌失效' })
  changePassword(@CurrentUser() user: AuthUser, @Body() dto: ChangePasswordDto): Promise<void> {
    return this.users.changeOwnPassword(user, dto);
  }
}

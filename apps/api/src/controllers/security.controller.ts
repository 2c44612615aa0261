import { Body, Controller, Get, Param, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AssignRoleDto, CurrentUser, ResetPasswordDto, Roles, SecurityPolicyDto, SecurityPolicyService, SecurityPolicyView, UserQueryDto, UsersService, UserView } from '#libs/auth';
import { UuidParam, type AuthUser } from '#libs/common';
import { ApiErrors, ApiPageResponse } from '../openapi.js';

/** 安全管理: the security administrator's work — roles, passwords, locks and the password policy (三员分立). */
@ApiTags('security 安全管理')
@ApiBearerAuth()
@ApiErrors()
@Roles('security_admin')
@Controller('api/security')
export class SecurityController {
  constructor(
    private readonly users: UsersService,
    private readonly policy: SecurityPolicyService,
  ) {}

  @Get('users')
  @ApiOperation({ summary: '用户列表（安全管理员）：含锁定状态、连续密码错误次数、是否须修改密码' })
  @ApiPageResponse(UserView)
  list(@Query() query: UserQueryDto) {
    return this.users.list(query);
  }

  @Post('users/:id/unlock')
  @ApiOperation({ summary: '解锁账号（连续密码错误被锁定的）' })
  @ApiOkResponse({ type: UserView })
  unlock(@Param('id', UuidParam) id: string, @CurrentUser() user: AuthUser) {
    return this.users.unlock(id, user);
  }

  @Post('users/:id/password')
  @ApiOperation({ summary: '重置密码：用户下次登录须修改；其全部会话随即结束' })
  @ApiOkResponse({ type: UserView })
  resetPassword(@Param('id', UuidParam) id: string, @Body() dto: ResetPasswordDto, @CurrentUser() user: AuthUser) {
    return this.users.resetPassword(id, dto.password, user);
  }

  @Put('users/:id/role')
  @ApiOperation({ summary: '分配角色（含三类管理员角色）及该角色所需的所属部门或行政区；不能改自己的角色' })
  @ApiOkResponse({ type: UserView })
  assignRole(@Param('id', UuidParam) id: string, @Body() dto: AssignRoleDto, @CurrentUser() user: AuthUser) {
    return this.users.assignRole(id, dto, user);
  }

  @Get('policy')
  @ApiOperation({ summary: '密码与锁定策略' })
  @ApiOkResponse({ type: SecurityPolicyView })
  getPolicy() {
    return this.policy.current();
  }

  @Put('policy')
  @ApiOperation({ summary: '修改密码与锁定策略：最短长度、字符种类、历史密码、有效天数、锁定阈值与时长' })
  @ApiOkResponse({ type: SecurityPolicyView })
  putPolicy(@Body() dto: SecurityPolicyDto, @CurrentUser() user: AuthUser) {
    return this.policy.put(dto, user);
  }
}

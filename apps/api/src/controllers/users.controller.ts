import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CreateUserDto, CurrentUser, Roles, UpdateUserDto, UserQueryDto, UsersService, UserView } from '#libs/auth';
import { UuidParam, type AuthUser } from '#libs/common';
import { ApiErrors, ApiPageResponse } from '../openapi.js';

@ApiTags('users 用户')
@ApiBearerAuth()
@ApiErrors()
@Roles('admin')
@Controller('api/users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get()
  @ApiOperation({ summary: '用户列表（管理员）：按角色、部门、行政区、启用状态、用户名或姓名筛选' })
  @ApiPageResponse(UserView)
  list(@Query() query: UserQueryDto) {
    return this.users.list(query);
  }

  @Get(':id')
  @ApiOperation({ summary: '用户详情' })
  @ApiOkResponse({ type: UserView })
  get(@Param('id', UuidParam) id: string) {
    return this.users.getOrFail(id);
  }

  @Post()
  @ApiOperation({ summary: '新建用户（业务角色；用户名重复为 409；初始密码须符合密码策略，首次登录须修改）' })
  @ApiCreatedResponse({ type: UserView })
  create(@Body() dto: CreateUserDto, @CurrentUser() user: AuthUser) {
    return this.users.create(dto, user);
  }

  @Patch(':id')
  @ApiOperation({ summary: '修改用户：姓名、所属单位、邮箱、停用/启用（active，停用即结束其全部会话）；角色与重置密码由安全管理员办理；三类管理员的账号由安全管理员管理' })
  @ApiOkResponse({ type: UserView })
  update(@Param('id', UuidParam) id: string, @Body() dto: UpdateUserDto, @CurrentUser() user: AuthUser) {
    return this.users.update(id, dto, user);
  }
}

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
  @ApiOperation({ summary: '新建用户（用户名重复为 409；密码至少 8 位，含大写、小写、数字、符号中的三类，且不含用户名）' })
  @ApiCreatedResponse({ type: UserView })
  create(@Body() dto: CreateUserDto, @CurrentUser() user: AuthUser) {
    return this.users.create(dto, user);
  }

  @Patch(':id')
  @ApiOperation({ summary: '修改用户：姓名、角色与所属单位、停用/启用（active）、重置密码（password）；不能停用自己或改自己的角色' })
  @ApiOkResponse({ type: UserView })
  update(@Param('id', UuidParam) id: string, @Body() dto: UpdateUserDto, @CurrentUser() user: AuthUser) {
    return this.users.update(id, dto, user);
  }
}

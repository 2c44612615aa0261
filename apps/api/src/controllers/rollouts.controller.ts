import { Body, Controller, Get, Param, Patch, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles } from '#libs/auth';
import { UuidParam, type AuthUser } from '#libs/common';
import { RolloutQueryDto, RolloutService, RolloutViewDto, UpdateRolloutDto } from '#libs/rollout';
import { ApiErrors, ApiPageResponse } from '../openapi.js';

@ApiTags('rollouts 承接落实')
@ApiBearerAuth()
@ApiErrors()
@Controller('api/rollouts')
export class RolloutsController {
  constructor(private readonly rollouts: RolloutService) {}

  @Get()
  @ApiOperation({ summary: '各市承接落实情况（市级用户只看本市及下辖县区）' })
  @ApiPageResponse(RolloutViewDto)
  list(@Query() query: RolloutQueryDto, @CurrentUser() user: AuthUser) {
    return this.rollouts.list(query, user);
  }

  @Get(':id')
  @ApiOperation({ summary: '承接落实记录详情' })
  @ApiOkResponse({ type: RolloutViewDto })
  get(@Param('id', UuidParam) id: string, @CurrentUser() user: AuthUser) {
    return this.rollouts.get(id, user);
  }

  @Patch(':id')
  @Roles('admin', 'coordinator', 'city')
  @ApiOperation({ summary: '更新承接落实状态：未启动 / 已承接 / 已落实 / 不适用，及日期、说明' })
  @ApiOkResponse({ type: RolloutViewDto })
  update(@Param('id', UuidParam) id: string, @Body() dto: UpdateRolloutDto, @CurrentUser() user: AuthUser) {
    return this.rollouts.update(id, dto, user);
  }
}

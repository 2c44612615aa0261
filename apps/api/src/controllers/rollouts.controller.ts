import { Body, Controller, Get, Param, Patch, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles } from '#libs/auth';
import { UuidParam, type AuthUser } from '#libs/common';
import { BulkUpdateRolloutsDto, RolloutMatrixDto, RolloutMatrixQueryDto, RolloutQueryDto, RolloutService, RolloutViewDto, UpdateRolloutDto } from '#libs/rollout';
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

  @Get('matrix')
  @Roles('admin', 'coordinator', 'leader')
  @ApiOperation({ summary: '承接落实矩阵：本省事项 × 各市，按行、列和合计统计状态（可按批次）' })
  @ApiOkResponse({ type: RolloutMatrixDto })
  matrix(@Query() query: RolloutMatrixQueryDto, @CurrentUser() user: AuthUser) {
    return this.rollouts.matrix(query, user);
  }

  @Patch('bulk')
  @Roles('coordinator', 'city')
  @ApiOperation({ summary: '批量更新承接落实：多项（最多200项）同一状态、日期、说明；全部成功或全部不变' })
  @ApiOkResponse({ type: [RolloutViewDto] })
  bulkUpdate(@Body() dto: BulkUpdateRolloutsDto, @CurrentUser() user: AuthUser) {
    return this.rollouts.bulkUpdate(dto, user);
  }

  @Get(':id')
  @ApiOperation({ summary: '承接落实记录详情' })
  @ApiOkResponse({ type: RolloutViewDto })
  get(@Param('id', UuidParam) id: string, @CurrentUser() user: AuthUser) {
    return this.rollouts.get(id, user);
  }

  @Patch(':id')
  @Roles('coordinator', 'city')
  @ApiOperation({ summary: '更新承接落实状态：未承接 / 已承接 / 已落实 / 不适用，及日期、说明' })
  @ApiOkResponse({ type: RolloutViewDto })
  update(@Param('id', UuidParam) id: string, @Body() dto: UpdateRolloutDto, @CurrentUser() user: AuthUser) {
    return this.rollouts.update(id, dto, user);
  }
}

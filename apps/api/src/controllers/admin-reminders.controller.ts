import { Body, Controller, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles } from '#libs/auth';
import { UuidParam, type AuthUser } from '#libs/common';
import { QueueMonitor, QueueStatsDto } from '#libs/queue';
import { DeliveryFailurePageDto, DeliveryFailureQueryDto, NotificationsService, ReminderConfigDto, ReminderConfigService, ReminderConfigView, ReminderSweepService, SweepRequestDto, SweepResultDto } from '#libs/reminders';
import { ApiErrors } from '../openapi.js';

@ApiTags('admin reminders 提醒与督办管理')
@ApiBearerAuth()
@ApiErrors()
@Controller('api/admin')
export class AdminRemindersController {
  constructor(
    private readonly sweeps: ReminderSweepService,
    private readonly configs: ReminderConfigService,
    private readonly notifications: NotificationsService,
    private readonly queues: QueueMonitor,
  ) {}

  @Post('reminders/sweep')
  @HttpCode(200)
  @Roles('admin', 'coordinator')
  @ApiOperation({ summary: '立即扫描到期与逾期事项并入队提醒（协调机制办公室只扫描本省），返回入队内容' })
  @ApiOkResponse({ type: SweepResultDto })
  sweep(@Body() dto: SweepRequestDto, @CurrentUser() user: AuthUser) {
    return this.sweeps.sweepFor(user, dto.provinceId ?? null);
  }

  @Get('reminders/config/:id')
  @Roles('admin', 'coordinator')
  @ApiOperation({ summary: '查看本省提醒规则（提前提醒天数、逾期升级阶梯）' })
  @ApiOkResponse({ type: ReminderConfigView })
  config(@Param('id', UuidParam) provinceId: string, @CurrentUser() user: AuthUser) {
    return this.configs.get(provinceId, user);
  }

  @Put('reminders/config/:id')
  @Roles('admin', 'coordinator')
  @ApiOperation({ summary: '设置本省提醒规则' })
  @ApiOkResponse({ type: ReminderConfigView })
  setConfig(@Param('id', UuidParam) provinceId: string, @Body() dto: ReminderConfigDto, @CurrentUser() user: AuthUser) {
    return this.configs.put(provinceId, dto, user);
  }

  @Get('notifications/failures')
  @Roles('admin', 'coordinator')
  @ApiOperation({ summary: '发送异常的通知：最终发送失败的，与待发送超过 DELIVERY_STUCK_MINUTES 仍未发出的（渠道、地址、错误、尝试次数）' })
  @ApiOkResponse({ type: DeliveryFailurePageDto })
  failures(@Query() query: DeliveryFailureQueryDto, @CurrentUser() user: AuthUser) {
    return this.notifications.failures(user, query);
  }

  @Get('queues')
  @Roles('admin')
  @ApiOperation({ summary: '队列状态：各队列等待、执行中、延迟、失败、完成数及最近失败' })
  @ApiOkResponse({ type: [QueueStatsDto] })
  queueStats() {
    return this.queues.stats();
  }
}

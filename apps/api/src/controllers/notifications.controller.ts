import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser } from '#libs/auth';
import { UuidParam, type AuthUser } from '#libs/common';
import { NotificationPageDto, NotificationQueryDto, NotificationsService, NotificationView, ReadAllResultDto } from '#libs/reminders';
import { ApiErrors } from '../openapi.js';

@ApiTags('notifications 通知')
@ApiBearerAuth()
@ApiErrors()
@Controller('api/me/notifications')
export class NotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  @Get()
  @ApiOperation({ summary: '我的通知（提醒、催办、督办），可只看未读' })
  @ApiOkResponse({ type: NotificationPageDto })
  list(@Query() query: NotificationQueryDto, @CurrentUser() user: AuthUser) {
    return this.notifications.inbox(user, query);
  }

  @Post('read-all')
  @HttpCode(200)
  @ApiOperation({ summary: '全部标记为已读' })
  @ApiOkResponse({ type: ReadAllResultDto })
  readAll(@CurrentUser() user: AuthUser) {
    return this.notifications.markAllRead(user);
  }

  @Post(':id/read')
  @HttpCode(200)
  @ApiOperation({ summary: '标记一条通知为已读' })
  @ApiOkResponse({ type: NotificationView })
  read(@Param('id', UuidParam) id: string, @CurrentUser() user: AuthUser) {
    return this.notifications.markRead(user, id);
  }
}

import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional, IsUUID } from 'class-validator';
import { PageQueryDto } from '#libs/common';
import { NOTICE_LEVELS, RECIPIENT_ROLES } from '../rules/index.js';
import { NOTIFICATION_KINDS } from '../notifications/entities/notification.entity.js';
import { DELIVERY_CHANNELS } from '../notifications/entities/notification-delivery.entity.js';

export class NotificationQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: '只看未读' })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean({ message: 'unread must be true or false' })
  unread?: boolean;
}

export class DeliveryFailureQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ format: 'uuid', description: '只看该省（系统管理员；协调机制办公室总是本省）' })
  @IsOptional()
  @IsUUID('all', { message: 'provinceId 省份编号格式不正确 (provinceId must be a UUID)' })
  provinceId?: string;
}

export class NotificationView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: NOTIFICATION_KINDS }) kind: string;
  @ApiProperty({ example: '逾期督办' }) kindLabel: string;
  @ApiProperty({ enum: NOTICE_LEVELS }) level: string;
  @ApiProperty({ example: '催办' }) levelLabel: string;
  @ApiProperty({ enum: RECIPIENT_ROLES }) recipientRole: string;
  @ApiProperty({ example: '负责人' }) recipientRoleLabel: string;
  @ApiProperty() title: string;
  @ApiProperty() body: string;
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true }) departmentId: string | null;
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true }) taskId: string | null;
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true }) milestoneId: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, example: '2026Q4' }) period: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, example: '2026-12-03' }) dueDate: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, description: '在应用中打开的网址（任务详情或报送页面）' }) link: string | null;
  @ApiProperty() createdAt: Date;
  @ApiPropertyOptional({ type: Date, nullable: true, description: '当前用户的已读时间' }) readAt: Date | null;
}

export class NotificationPageDto {
  @ApiProperty({ type: [NotificationView] }) items: NotificationView[];
  @ApiProperty() total: number;
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
  @ApiProperty({ description: '未读总数' }) unread: number;
}

export class ReadAllResultDto {
  @ApiProperty({ description: '本次标记为已读的条数' }) marked: number;
}

export class DeliveryFailureView {
  @ApiProperty({ format: 'uuid' }) deliveryId: string;
  @ApiProperty({ format: 'uuid' }) notificationId: string;
  @ApiProperty({ enum: DELIVERY_CHANNELS }) channel: string;
  @ApiProperty({ enum: ['failed', 'pending'], description: 'failed：最终发送失败；pending：超过 DELIVERY_STUCK_MINUTES 仍未发送（卡住）' }) status: string;
  @ApiProperty({ example: '发送失败', description: '发送失败 / 长时间未发送' }) statusLabel: string;
  @ApiProperty({ description: '邮箱地址或 Webhook 地址' }) target: string;
  @ApiProperty() attempts: number;
  @ApiPropertyOptional({ type: String, nullable: true }) lastError: string | null;
  @ApiPropertyOptional({ type: Date, nullable: true }) failedAt: Date | null;
  @ApiProperty({ description: '通知生成（待发送）时间' }) createdAt: Date;
  @ApiProperty() title: string;
  @ApiProperty({ enum: NOTIFICATION_KINDS }) kind: string;
  @ApiProperty({ enum: RECIPIENT_ROLES }) recipientRole: string;
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true }) taskId: string | null;
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true }) departmentId: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) departmentName: string | null;
}

export class DeliveryFailurePageDto {
  @ApiProperty({ type: [DeliveryFailureView] }) items: DeliveryFailureView[];
  @ApiProperty() total: number;
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
}

/** Email and webhook deliveries that have waited too long, as /health reports them. */
export class DeliveryBacklogDto {
  @ApiProperty({ description: '待发送超过阈值（DELIVERY_STUCK_MINUTES）的邮件与群机器人投递数' }) stuck: number;
  @ApiProperty({ description: '最早一条待发送投递已等待的秒数，无待发送为 0' }) oldestPendingSeconds: number;
  @ApiProperty({ description: '判定为卡住的阈值（秒）' }) stuckAfterSeconds: number;
}

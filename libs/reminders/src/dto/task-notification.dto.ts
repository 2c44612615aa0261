import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { DepartmentRefDto } from '#libs/tasks';
import { NOTICE_LEVELS, RECIPIENT_ROLES, type NoticeLevel, type RecipientRole } from '../rules/index.js';
import { NOTIFICATION_KINDS, type NotificationKind } from '../notifications/entities/notification.entity.js';
import { DELIVERY_CHANNELS, type DeliveryChannel, type DeliveryStatus } from '../notifications/entities/notification-delivery.entity.js';

export const MANUAL_MESSAGE_MAX = 500;
export const DELIVERY_STATUSES = ['pending', 'sent', 'failed'] as const;

/** POST /api/tasks/{id}/reminders: 提醒 / 催办 / 督办 the task's lead department now. */
export class TaskReminderDto {
  @ApiProperty({ enum: NOTICE_LEVELS, description: 'remind 提醒（发联络员）/ urge 催办（发负责人）/ supervise 督办（发负责人）' })
  @IsIn(NOTICE_LEVELS, { message: `level 须为 remind（提醒）、urge（催办）或 supervise（督办）之一 (level must be one of: ${NOTICE_LEVELS.join(', ')})` })
  level: NoticeLevel;

  @ApiProperty({ maxLength: MANUAL_MESSAGE_MAX, example: '请于本周五前报送推进情况并说明逾期原因', description: '催办意见（必填）' })
  @Transform(({ value }) => (typeof value === 'string' ? value.trim() : value))
  @IsString({ message: 'message 须为文字 (message must be a string)' })
  @IsNotEmpty({ message: 'message 催办意见不能为空 (message must not be empty)' })
  @MaxLength(MANUAL_MESSAGE_MAX, { message: `message 催办意见不能超过${MANUAL_MESSAGE_MAX}字 (message must be at most ${MANUAL_MESSAGE_MAX} characters)` })
  message: string;
}

export class NoticeDeliveryView {
  @ApiProperty({ enum: DELIVERY_CHANNELS, description: '渠道' }) channel: DeliveryChannel;
  @ApiProperty({ example: '邮件', description: '渠道（中文）' }) channelLabel: string;
  @ApiProperty({ description: '接收地址：站内为部门或角色，邮件为邮箱；群机器人地址只显示主机（地址中含密钥）' }) target: string;
  @ApiProperty({ enum: DELIVERY_STATUSES, description: '发送状态' }) status: DeliveryStatus;
  @ApiProperty({ example: '已发送', description: '发送状态（中文）' }) statusLabel: string;
  @ApiProperty({ description: '已尝试次数' }) attempts: number;
  @ApiProperty({ type: String, nullable: true, description: '最近一次错误' }) lastError: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: '发送成功时间' }) sentAt: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: '最终失败时间' }) failedAt: string | null;
}

export class NoticeReadView {
  @ApiProperty({ format: 'uuid' }) userId: string;
  @ApiProperty({ description: '阅读人姓名' }) displayName: string;
  @ApiProperty({ type: String, format: 'date-time', description: '阅读时间' }) readAt: string;
}

export class NoticeSenderRef {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ description: '发送人姓名' }) displayName: string;
}

/** One notice about a task, automatic (the sweep) or sent by hand, with who got it, who read it and each channel's state. */
export class TaskNotificationView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: NOTIFICATION_KINDS, description: '类别' }) kind: NotificationKind;
  @ApiProperty({ example: '逾期督办', description: '类别（中文）' }) kindLabel: string;
  @ApiProperty({ description: '人工发送（true）或系统按时限自动发送（false）' }) manual: boolean;
  @ApiProperty({ enum: NOTICE_LEVELS, description: '级别' }) level: NoticeLevel;
  @ApiProperty({ example: '催办', description: '级别（中文）' }) levelLabel: string;
  @ApiProperty({ enum: RECIPIENT_ROLES, description: '接收对象' }) recipientRole: RecipientRole;
  @ApiProperty({ example: '负责人', description: '接收对象（中文）' }) recipientRoleLabel: string;
  @ApiProperty({ type: DepartmentRefDto, nullable: true, description: '接收部门（发给协调机制办公室或领导时为空）' }) department: DepartmentRefDto | null;
  @ApiProperty({ example: '省市场监管局 负责人', description: '发给谁（中文）' }) recipientLabel: string;
  @ApiProperty({ description: '标题' }) title: string;
  @ApiProperty({ description: '正文' }) body: string;
  @ApiProperty({ type: NoticeSenderRef, nullable: true, description: '发送人（系统自动发送为空）' }) sentBy: NoticeSenderRef | null;
  @ApiProperty({ example: '系统自动', description: '发送人（中文）' }) sentByLabel: string;
  @ApiProperty({ type: String, format: 'date-time', description: '发送时间' }) createdAt: string;
  @ApiProperty({ description: '是否已有人阅读' }) read: boolean;
  @ApiProperty({ type: [NoticeReadView], description: '阅读记录' }) reads: NoticeReadView[];
  @ApiProperty({ type: [NoticeDeliveryView], description: '各渠道发送情况' }) deliveries: NoticeDeliveryView[];
}

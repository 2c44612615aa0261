import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsArray, IsOptional, IsUUID } from 'class-validator';
import { MAX_LADDER_WORKING_DAYS, NOTICE_LEVELS, RECIPIENT_ROLES, type NoticeLevel, type RecipientRole } from '../rules/index.js';

export class SweepRequestDto {
  @ApiPropertyOptional({ format: 'uuid', description: '只扫描该省（协调机制办公室只能扫描本省）；管理员不填则扫描全部' })
  @IsOptional()
  @IsUUID()
  provinceId?: string;
}

export class SweepNoticeView {
  @ApiProperty({ example: 'notice|3f0c…|2026-12-03|before_due|7' }) jobId: string;
  @ApiProperty({ example: 'before_due' }) kind: string;
  @ApiProperty({ format: 'uuid' }) provinceId: string;
  @ApiPropertyOptional({ enum: ['task', 'milestone'] }) subjectType?: string;
  @ApiPropertyOptional({ format: 'uuid' }) subjectId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) taskId?: string;
  @ApiPropertyOptional({ format: 'uuid', nullable: true }) departmentId?: string | null;
  @ApiProperty({ example: 'liaison' }) recipient: string;
  @ApiProperty({ example: 'remind' }) level: string;
  @ApiPropertyOptional({ example: '2026-11-26' }) scheduledFor?: string;
  @ApiPropertyOptional({ example: '2026-12-03' }) dueDate?: string;
  @ApiPropertyOptional({ example: '2026Q4' }) period?: string;
}

export class SweepResultDto {
  @ApiProperty({ example: '2026-11-26' }) today: string;
  @ApiProperty({ description: '今天是否为工作日（非工作日只发送到期日当天的提醒）' }) workingDay: boolean;
  @ApiProperty({ description: '扫描到的任务和时间节点数' }) subjects: number;
  @ApiProperty({ description: '今天应发的通知数' }) due: number;
  @ApiProperty({ description: '其中此前已发送、本次跳过的' }) alreadySent: number;
  @ApiProperty({ description: '本次入队的通知任务数（已在队列中的同一 jobId 不会重复入队）' }) enqueued: number;
  @ApiProperty({ type: [SweepNoticeView], description: '入队的通知（最多 1000 条）' }) notices: SweepNoticeView[];
  @ApiProperty() truncated: boolean;
}

/** One step of the escalation ladder, as the API documents it (validateReminderConfig checks it). */
export class LadderStepView {
  @ApiProperty({ minimum: 0, maximum: MAX_LADDER_WORKING_DAYS, description: '逾期 N 个工作日后（0 = 一逾期即发）', example: 3 }) afterWorkingDays: number;
  @ApiProperty({ enum: RECIPIENT_ROLES, description: '接收对象：liaison 联络员 / head 负责人 / coordinator 协调机制办公室 / leader 领导' }) recipient: RecipientRole;
  @ApiProperty({ enum: NOTICE_LEVELS, description: '级别：remind 提醒 / urge 催办 / supervise 督办' }) level: NoticeLevel;
}

export class ReminderConfigDto {
  @ApiProperty({ type: [Number], example: [14, 7, 3, 1, 0], description: '到期前 N 天提醒（0 = 到期日当天）' })
  @IsArray()
  offsets: unknown[];

  @ApiProperty({
    type: [LadderStepView],
    example: [
      { afterWorkingDays: 0, recipient: 'liaison', level: 'remind' },
      { afterWorkingDays: 3, recipient: 'head', level: 'urge' },
      { afterWorkingDays: 7, recipient: 'coordinator', level: 'supervise' },
      { afterWorkingDays: 14, recipient: 'leader', level: 'supervise' },
    ],
    description: '逾期升级：逾期 N 个工作日后提醒谁（liaison 联络员 / head 负责人 / coordinator 协调机制办公室 / leader 领导），级别 remind 提醒 / urge 催办 / supervise 督办',
  })
  @IsArray()
  ladder: unknown[];
}

export class ReminderConfigView {
  @ApiProperty({ format: 'uuid' }) provinceId: string;
  @ApiProperty({ description: 'true = 本省自定义；false = 使用系统默认（REMINDER_OFFSETS / REMINDER_LADDER）' }) custom: boolean;
  @ApiProperty({ type: [Number] }) offsets: number[];
  @ApiProperty({ type: [LadderStepView] }) ladder: LadderStepView[];
}

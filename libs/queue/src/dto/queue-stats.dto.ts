import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { Documents } from '#libs/common';
import type { QueueLag, QueueStats } from '../queue-monitor.js';
import { QueueName } from '../queue-names.js';

/** A queue's backlog, as /health shows it. */
export class QueueLagDto {
  @ApiProperty({ description: '等待中' }) waiting: number;
  @ApiProperty({ description: '延迟中' }) delayed: number;
  @ApiProperty({ description: '失败' }) failed: number;
  @ApiProperty({ description: '最早等待任务已等待的毫秒数，无等待为 0' }) lagMs: number;
}

export class QueueCountsDto {
  @ApiProperty({ description: '等待中' }) waiting: number;
  @ApiProperty({ description: '执行中' }) active: number;
  @ApiProperty({ description: '延迟中' }) delayed: number;
  @ApiProperty({ description: '失败' }) failed: number;
  @ApiProperty({ description: '已完成' }) completed: number;
  @ApiProperty({ description: '按优先级等待' }) prioritized: number;
}

export class QueueFailureDto {
  @ApiPropertyOptional({ description: '作业 id' }) id: string | undefined;
  @ApiProperty({ description: '作业名' }) name: string;
  @ApiProperty({ description: '失败原因' }) failedReason: string;
  @ApiProperty({ description: '已尝试次数' }) attemptsMade: number;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: '失败时间' }) failedAt: string | null;
  @ApiProperty({ description: '作业数据', type: 'object', additionalProperties: true, nullable: true }) data: unknown;
}

/** GET /api/admin/queues: one row per queue. */
export class QueueStatsDto {
  @ApiProperty({ enum: QueueName, enumName: 'QueueName', description: '队列' }) name: QueueName;
  @ApiProperty({ type: QueueCountsDto, description: '各状态作业数' }) counts: QueueCountsDto;
  @ApiProperty({ description: '最早等待任务已等待的毫秒数' }) lagMs: number;
  @ApiProperty({ type: [QueueFailureDto], description: '最近失败的作业' }) lastFailures: QueueFailureDto[];
}

type _LagDocumented = Documents<QueueLagDto, QueueLag>;
type _StatsDocumented = Documents<QueueStatsDto, QueueStats>;

import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsIn, IsOptional, IsString, IsUUID, MaxLength, ValidateIf } from 'class-validator';
import { IsCalendarDate, PageQueryDto } from '#libs/common';
import { ROLLOUT_STATUSES, type RolloutStatus } from '../rules/rollout-change.js';

export class RolloutQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() taskId?: string;
  @ApiPropertyOptional({ format: 'uuid', description: '市（含其下属县区）或县区' }) @IsOptional() @IsUUID() regionId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() batchId?: string;

  @ApiPropertyOptional({ enum: ROLLOUT_STATUSES, description: '可用逗号分隔多个状态' })
  @IsOptional()
  @Transform(({ value }) => (typeof value === 'string' ? value.split(',').map((s) => s.trim()) : value))
  @IsIn(ROLLOUT_STATUSES, { each: true, message: `status must be one of: ${ROLLOUT_STATUSES.join(', ')}` })
  status?: RolloutStatus[];
}

export class UpdateRolloutDto {
  @ApiPropertyOptional({ enum: ROLLOUT_STATUSES, description: 'not_started 未承接 / adopted 已承接 / implemented 已落实 / not_applicable 不适用' })
  @IsOptional()
  @IsIn(ROLLOUT_STATUSES, { message: `status must be one of: ${ROLLOUT_STATUSES.join(', ')}` })
  status?: RolloutStatus;

  @ApiPropertyOptional({ type: String, format: 'date', example: '2026-09-01', nullable: true, description: '承接日期' })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsCalendarDate()
  adoptedOn?: string | null;

  @ApiPropertyOptional({ type: String, format: 'date', example: '2026-11-20', nullable: true, description: '落实日期（已落实时必有，缺省为今天）' })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsCalendarDate()
  implementedOn?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, description: '说明（标记不适用时必填）' })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsString()
  @MaxLength(2000)
  note?: string | null;
}

export const BULK_MAX_ROLLOUTS = 200;

/** PATCH /api/rollouts/bulk: the same change (e.g. 承接 today) for several of a city's items at once. */
export class BulkUpdateRolloutsDto extends UpdateRolloutDto {
  @ApiProperty({ type: [String], format: 'uuid', minItems: 1, maxItems: BULK_MAX_ROLLOUTS, description: `要更新的承接落实记录（1–${BULK_MAX_ROLLOUTS} 条）` })
  @IsArray({ message: 'ids 须为承接落实记录 id 列表 (ids must be an array)' })
  @ArrayMinSize(1, { message: '请至少选择一项 (ids must not be empty)' })
  @ArrayMaxSize(BULK_MAX_ROLLOUTS, { message: `一次最多更新${BULK_MAX_ROLLOUTS}项 (at most ${BULK_MAX_ROLLOUTS} rollouts at once)` })
  @ArrayUnique({ message: 'ids 不能重复 (ids must not repeat)' })
  @IsUUID(undefined, { each: true, message: 'ids 须为承接落实记录 id（UUID） (ids must be UUIDs)' })
  ids: string[];
}

export class RolloutMatrixQueryDto {
  @ApiPropertyOptional({ format: 'uuid', description: '省份（管理员必填；其他角色为本省）' }) @IsOptional() @IsUUID() regionId?: string;
  @ApiPropertyOptional({ format: 'uuid', description: '批次' }) @IsOptional() @IsUUID() batchId?: string;
}

import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, Length, MaxLength } from 'class-validator';
import { IsCalendarDate, PageQueryDto } from '#libs/common';
import { BATCH_KINDS, type BatchKind } from '../entities/batch.entity.js';

export class BatchQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() documentId?: string;
  @ApiPropertyOptional({ enum: BATCH_KINDS }) @IsOptional() @IsIn(BATCH_KINDS) kind?: BatchKind;
  @ApiPropertyOptional({ description: '批次名称、文号或文件标题包含' }) @IsOptional() @IsString() @MaxLength(100) q?: string;
  @ApiPropertyOptional({ format: 'uuid', description: '省级行政区：每个批次附上该省的承接情况 adoption（非管理员只能查本省）' })
  @IsOptional()
  @IsUUID('all', { message: 'regionId 格式不正确 (must be a UUID)' })
  regionId?: string;
}

export class CreateBatchDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  documentId: string;

  @ApiProperty({ example: '第七批改革试点经验' })
  @IsString()
  @Length(1, 200)
  name: string;

  @ApiProperty({ enum: BATCH_KINDS })
  @IsIn(BATCH_KINDS)
  kind: BatchKind;

  @ApiPropertyOptional({ example: '2023-07-06' })
  @IsOptional()
  @IsCalendarDate()
  publishedOn?: string;

  @ApiPropertyOptional({ example: '全国', description: '批次默认推广范围（如无特别说明，适用范围均为…）' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  defaultScope?: string;
}

export class UpdateBatchDto extends PartialType(OmitType(CreateBatchDto, ['documentId'] as const)) {}

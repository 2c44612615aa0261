import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, Length, MaxLength } from 'class-validator';
import { IsCalendarDate, PageQueryDto } from '#libs/common';
import { BATCH_KINDS, type BatchKind } from '../entities/batch.entity.js';

export class BatchQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() documentId?: string;
  @ApiPropertyOptional({ enum: BATCH_KINDS }) @IsOptional() @IsIn(BATCH_KINDS) kind?: BatchKind;
  @ApiPropertyOptional({ description: '名称包含' }) @IsOptional() @IsString() @MaxLength(100) q?: string;
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

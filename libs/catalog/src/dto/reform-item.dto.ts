import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import { IsArray, IsInt, IsOptional, IsString, IsUUID, Length, Max, MaxLength, Min } from 'class-validator';
import { Type } from 'class-transformer';
import { PageQueryDto } from '#libs/common';

export class ReformItemQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() batchId?: string;
  @ApiPropertyOptional({ example: '贸易便利化' }) @IsOptional() @IsString() @MaxLength(64) domain?: string;
  @ApiPropertyOptional({ description: '事项名称包含' }) @IsOptional() @IsString() @MaxLength(100) q?: string;
}

export class CreateReformItemDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  batchId: string;

  @ApiProperty({ example: 1, description: '批次内序号' })
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(10000)
  seq: number;

  @ApiProperty({ example: '海关特殊监管区域“一次备案，多次使用”' })
  @IsString()
  @Length(1, 500)
  name: string;

  @ApiPropertyOptional({ example: '贸易便利化', description: '领域' }) @IsOptional() @IsString() @Length(1, 64) domain?: string;
  @ApiPropertyOptional({ description: '主要内容' }) @IsOptional() @IsString() @MaxLength(5000) content?: string;

  @ApiPropertyOptional({ example: '海关总署、质检总局', description: '负责部门（原文）；第一个为牵头部门' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  departmentsText?: string;

  @ApiPropertyOptional({ example: '全国', description: '推广范围（原文）' }) @IsOptional() @IsString() @MaxLength(500) scopeText?: string;
  @ApiPropertyOptional({ example: '2016年11月30日前', description: '时限（原文）' }) @IsOptional() @IsString() @MaxLength(500) deadlineText?: string;
  @ApiPropertyOptional({ description: '可检验成果' }) @IsOptional() @IsString() @MaxLength(5000) outcome?: string;
  @ApiPropertyOptional({ description: '发布文件' }) @IsOptional() @IsString() @MaxLength(200) sourceDocument?: string;

  @ApiPropertyOptional({ type: [String], description: '参加部门（若不从原文解析）' })
  @IsOptional()
  @IsArray()
  @IsString({ each: true })
  @Length(1, 128, { each: true })
  nationalParticipants?: string[];
}

export class UpdateReformItemDto extends PartialType(OmitType(CreateReformItemDto, ['batchId'] as const)) {}

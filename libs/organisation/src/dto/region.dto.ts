import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsIn, IsOptional, IsString, IsUUID, Length, Matches, MaxLength } from 'class-validator';
import { PageQueryDto } from '#libs/common';

export class RegionQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: ['province', 'city', 'county'] })
  @IsOptional()
  @IsIn(['province', 'city', 'county'])
  level?: 'province' | 'city' | 'county';

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  parentId?: string;

  @ApiPropertyOptional({ description: '名称、简称或别名包含（大连、内蒙古、恩施州）' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  q?: string;
}

export class CreateRegionDto {
  @ApiProperty({ example: '370100', description: '行政区划代码 (GB/T 2260)' })
  @Matches(/^\d{6,12}$/, { message: 'code must be 6–12 digits' })
  code: string;

  @ApiProperty({ example: '济南市' })
  @IsString()
  @Length(1, 64)
  name: string;

  @ApiPropertyOptional({ example: '济南' })
  @IsOptional()
  @IsString()
  @Length(1, 32)
  shortName?: string;

  @ApiProperty({ enum: ['province', 'city', 'county'] })
  @IsIn(['province', 'city', 'county'])
  level: 'province' | 'city' | 'county';

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  parentId?: string;

  @ApiPropertyOptional({ type: [String], example: ['恩施州'], description: '其他写法（推广范围按此识别）' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @Length(1, 32, { each: true })
  aliases?: string[];

  // coastal, hasFtz and hasSpecialCustomsZone are not here: they are derived from the zone registry (seeds/data/zones.json).
}

export class UpdateRegionDto extends PartialType(CreateRegionDto) {}

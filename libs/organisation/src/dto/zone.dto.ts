import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { PageQueryDto } from '#libs/common';
import { ZONE_KINDS, type ZoneKind } from '../entities/zone.entity.js';

export class ZoneQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: ZONE_KINDS, description: 'ftz 自贸试验区 / ftz_area 片区 / special_customs_zone 海关特殊监管区域 / new_area 国家级新区 / group 试点地区名单' })
  @IsOptional()
  @IsIn(ZONE_KINDS, { message: `kind 应为 ${ZONE_KINDS.join('、')} 之一` })
  kind?: ZoneKind;

  @ApiPropertyOptional({ format: 'uuid', description: '位于该行政区（含其下辖区县）或以其为成员' })
  @IsOptional()
  @IsUUID('all', { message: 'regionId 应为行政区 id' })
  regionId?: string;

  @ApiPropertyOptional({ description: '名称或别名包含' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  q?: string;
}

export class ZoneRegionDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: '370211' }) code: string;
  @ApiProperty({ example: '黄岛区' }) name: string;
  @ApiProperty({ enum: ['province', 'city', 'county'] }) level: 'province' | 'city' | 'county';
}

/** A zone with the region it lies in (null for a group, which lists its members instead). */
export class ZoneViewDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: '青岛片区' }) name: string;
  @ApiProperty({ enum: ZONE_KINDS }) kind: ZoneKind;
  @ApiProperty({ type: String, nullable: true, description: '综合保税区 / 保税港区 / 保税区' }) zoneType: string | null;
  @ApiProperty({ type: [String], description: '别名' }) aliases: string[];
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: '所属自贸试验区（片区）' }) parentId: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) regionId: string | null;
  @ApiProperty({ type: ZoneRegionDto, nullable: true, description: '所在行政区' }) region: ZoneRegionDto | null;
  @ApiProperty({ type: [String], description: '名单成员（行政区 id）' }) memberRegionIds: string[];
  @ApiProperty({ type: [String], description: '来源' }) sources: string[];
  @ApiProperty() createdAt: Date;
  @ApiProperty() updatedAt: Date;
}

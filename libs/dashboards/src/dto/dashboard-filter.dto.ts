import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Length, Matches, Max, Min } from 'class-validator';

/** Filters shared by every dashboard endpoint and the ledger export (台账). */
export class DashboardFilterDto {
  @ApiPropertyOptional({ format: 'uuid', description: '批次' }) @IsOptional() @IsUUID() batchId?: string;

  @ApiPropertyOptional({ example: '贸易便利化', description: '领域；“未分类”选出未填领域的事项' })
  @IsOptional()
  @IsString()
  @Length(1, 64)
  domain?: string;

  @ApiPropertyOptional({ format: 'uuid', description: '牵头部门' }) @IsOptional() @IsUUID() departmentId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: '省（管理员必填）或本省的地市（只看推广到该市的任务和该市的承接落实）' })
  @IsOptional()
  @IsUUID()
  regionId?: string;

  @ApiPropertyOptional({ example: '2026Q4', description: '季度（默认本季度）：缺报、本季销号、本季承接落实、最新进展和趋势的截止季度' })
  @IsOptional()
  @Matches(/^\d{4}Q[1-4]$/, { message: 'period must be a quarter written YYYYQn, e.g. 2026Q3' })
  period?: string;
}

export const TRAFFIC_LIGHTS = ['red', 'yellow', 'green'] as const;
export type TrafficLight = (typeof TRAFFIC_LIGHTS)[number];

export class TrafficLightQueryDto extends DashboardFilterDto {
  @ApiPropertyOptional({ enum: TRAFFIC_LIGHTS, isArray: true, description: '只列这些灯色的任务，可重复或用逗号分隔；计数不受影响' })
  @IsOptional()
  @Transform(({ value }) => (typeof value === 'string' ? value.split(',').map((s) => s.trim()) : value))
  @IsIn(TRAFFIC_LIGHTS, { each: true, message: `light must be one of: ${TRAFFIC_LIGHTS.join(', ')}` })
  light?: TrafficLight[];
}

export class TrendQueryDto extends DashboardFilterDto {
  @ApiPropertyOptional({ default: 4, minimum: 1, maximum: 12, description: '截至 period 的季度数' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(12)
  quarters: number = 4;
}

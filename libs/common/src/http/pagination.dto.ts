import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

export class PageQueryDto {
  // Bounded so that (page - 1) × pageSize stays a number the database takes as an offset.
  @ApiPropertyOptional({ default: 1, minimum: 1, maximum: 1_000_000 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1_000_000, { message: '页码不能超过 1000000' })
  page: number = 1;

  @ApiPropertyOptional({ default: 20, minimum: 1, maximum: 200 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  pageSize: number = 20;
}

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

/** The page envelope for OpenAPI; `ApiPageResponse(Model)` adds the typed `items`. */
export class PageDto {
  @ApiProperty({ description: '符合条件的总数' }) total: number;
  @ApiProperty({ description: '页码（从 1 开始）' }) page: number;
  @ApiProperty({ description: '每页条数' }) pageSize: number;
}

export function pageOf<T>(items: T[], total: number, query: PageQueryDto): Page<T> {
  return { items, total, page: query.page, pageSize: query.pageSize };
}

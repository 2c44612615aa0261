import { ApiProperty } from '@nestjs/swagger';
import type { Documents } from '#libs/common';
import type { Department, DepartmentLevel } from '../entities/department.entity.js';
import type { Region, RegionLevel } from '../entities/region.entity.js';

/** A region as the API answers it (the Region row). */
export class RegionViewDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ description: '行政区划代码', example: '370000' }) code: string;
  @ApiProperty({ description: '名称', example: '山东省' }) name: string;
  @ApiProperty({ type: String, nullable: true, description: '简称' }) shortName: string | null;
  @ApiProperty({ type: [String], description: '其他写法（恩施州）' }) aliases: string[];
  @ApiProperty({ enum: ['province', 'city', 'county'], description: '层级：省、市、县' }) level: RegionLevel;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: '上级行政区' }) parentId: string | null;
  @ApiProperty({ description: '沿海地区（由区域名录推出）' }) coastal: boolean;
  @ApiProperty({ description: '设有自贸试验区片区（由区域名录推出）' }) hasFtz: boolean;
  @ApiProperty({ description: '设有海关特殊监管区域（由区域名录推出）' }) hasSpecialCustomsZone: boolean;
  @ApiProperty() createdAt: Date;
  @ApiProperty() updatedAt: Date;
}

/** A department as the API answers it (the Department row, contacts included). */
export class DepartmentViewDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ description: '部门名称' }) name: string;
  @ApiProperty({ enum: ['national', 'provincial', 'city'], description: '层级：国家部委、省直、市级' }) level: DepartmentLevel;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: '所属行政区（国家部委为空）' }) regionId: string | null;
  @ApiProperty({ type: [String], description: '别名（分工表中的其他写法）' }) aliases: string[];
  @ApiProperty({ type: String, nullable: true, description: '机构改革后的承继部门' }) successorName: string | null;
  @ApiProperty({ type: String, nullable: true, description: '负责人' }) headName: string | null;
  @ApiProperty({ type: String, nullable: true, description: '负责人电话' }) headPhone: string | null;
  @ApiProperty({ type: String, nullable: true, description: '负责人邮箱' }) headEmail: string | null;
  @ApiProperty({ type: String, nullable: true, description: '联络员' }) liaisonName: string | null;
  @ApiProperty({ type: String, nullable: true, description: '联络员电话' }) liaisonPhone: string | null;
  @ApiProperty({ type: String, nullable: true, description: '联络员邮箱' }) liaisonEmail: string | null;
  @ApiProperty({ type: String, nullable: true, description: '通知 webhook 地址' }) webhookUrl: string | null;
  @ApiProperty() createdAt: Date;
  @ApiProperty() updatedAt: Date;
}

type _RegionDocumented = Documents<RegionViewDto, Region>;
type _DepartmentDocumented = Documents<DepartmentViewDto, Department>;

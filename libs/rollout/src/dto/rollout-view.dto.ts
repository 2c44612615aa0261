import { ApiProperty } from '@nestjs/swagger';
import type { Documents } from '#libs/common';
import type { RolloutView } from '../rollout.view.js';
import { ROLLOUT_STATUSES, type RolloutStatus } from '../rules/rollout-change.js';

export class RolloutTaskDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ type: String, nullable: true, description: '改革事项名称' }) reformItemName: string | null;
  @ApiProperty({ type: Number, nullable: true, description: '序号' }) seq: number | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: '批次' }) batchId: string | null;
  @ApiProperty({ type: String, nullable: true, description: '批次名称' }) batchName: string | null;
  @ApiProperty({ format: 'uuid', description: '承接省份' }) provinceId: string;
}

export class RolloutRegionDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ description: '市、县（区）' }) name: string;
  @ApiProperty({ enum: ['province', 'city', 'county'], description: '层级' }) level: string;
}

/** 承接落实记录: one task in one city or county. */
export class RolloutViewDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ type: RolloutTaskDto, description: '任务' }) task: RolloutTaskDto;
  @ApiProperty({ type: RolloutRegionDto, nullable: true, description: '落实地区' }) region: RolloutRegionDto | null;
  @ApiProperty({ enum: ROLLOUT_STATUSES, description: '状态：未启动、已承接、已落实、不适用' }) status: RolloutStatus;
  @ApiProperty({ description: '状态（中文）' }) statusLabel: string;
  @ApiProperty({ type: String, format: 'date', nullable: true, description: '承接日期' }) adoptedOn: string | null;
  @ApiProperty({ type: String, format: 'date', nullable: true, description: '落实日期' }) implementedOn: string | null;
  @ApiProperty({ type: String, nullable: true, description: '说明' }) note: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: '最后更新人' }) updatedBy: string | null;
  @ApiProperty() updatedAt: Date;
}

type _RolloutDocumented = Documents<RolloutViewDto, RolloutView>;

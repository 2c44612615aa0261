import { ApiProperty } from '@nestjs/swagger';
import type { Documents } from '#libs/common';
import { TASK_DEADLINE_KINDS } from '#libs/tasks';
import type { RolloutMatrix } from '../rollout-matrix.query.js';
import type { RolloutView } from '../rollout.view.js';
import { ROLLOUT_STATUSES, type RolloutStatus } from '../rules/rollout-change.js';

export class RolloutTaskDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ type: String, nullable: true, description: '改革事项名称' }) reformItemName: string | null;
  @ApiProperty({ type: Number, nullable: true, description: '序号' }) seq: number | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: '批次' }) batchId: string | null;
  @ApiProperty({ type: String, nullable: true, description: '批次名称' }) batchName: string | null;
  @ApiProperty({ format: 'uuid', description: '承接省份' }) provinceId: string;
  @ApiProperty({ type: String, nullable: true, enum: TASK_DEADLINE_KINDS, description: '省定时限类别' }) deadlineKind: string | null;
  @ApiProperty({ type: String, format: 'date', nullable: true, description: '省定截止日期' }) dueDate: string | null;
  @ApiProperty({ description: '省定时限（日期，或 持续实施 / 视条件推进）' }) deadlineLabel: string;
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
  @ApiProperty({ enum: ROLLOUT_STATUSES, description: '状态：未承接、已承接、已落实、不适用' }) status: RolloutStatus;
  @ApiProperty({ description: '状态（中文）' }) statusLabel: string;
  @ApiProperty({ type: String, format: 'date', nullable: true, description: '承接日期' }) adoptedOn: string | null;
  @ApiProperty({ type: String, format: 'date', nullable: true, description: '落实日期' }) implementedOn: string | null;
  @ApiProperty({ type: String, nullable: true, description: '说明' }) note: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: '最后更新人' }) updatedBy: string | null;
  @ApiProperty() updatedAt: Date;
  @ApiProperty({ description: '佐证材料数' }) evidenceCount: number;
}

type _RolloutDocumented = Documents<RolloutViewDto, RolloutView>;

export class RolloutStatusCountsDto {
  @ApiProperty({ description: '未承接' }) not_started: number;
  @ApiProperty({ description: '已承接（未落实）' }) adopted: number;
  @ApiProperty({ description: '已落实' }) implemented: number;
  @ApiProperty({ description: '不适用' }) not_applicable: number;
  @ApiProperty({ description: '合计' }) total: number;
}

export class RolloutMatrixCellDto {
  @ApiProperty({ format: 'uuid', description: '承接落实记录' }) rolloutId: string;
  @ApiProperty({ format: 'uuid', description: '城市' }) regionId: string;
  @ApiProperty({ enum: ROLLOUT_STATUSES }) status: RolloutStatus;
}

export class RolloutMatrixRowDto {
  @ApiProperty({ format: 'uuid' }) taskId: string;
  @ApiProperty({ description: '序号' }) seq: number;
  @ApiProperty({ description: '改革事项名称' }) itemName: string;
  @ApiProperty({ description: '批次名称' }) batchName: string;
  @ApiProperty({ enum: TASK_DEADLINE_KINDS, description: '省定时限类别' }) deadlineKind: string;
  @ApiProperty({ type: String, format: 'date', nullable: true, description: '省定截止日期' }) dueDate: string | null;
  @ApiProperty({ type: RolloutStatusCountsDto, description: '本事项各状态的城市数' }) counts: RolloutStatusCountsDto;
  @ApiProperty({ type: [RolloutMatrixCellDto], description: '各市的承接落实（只含有记录的城市）' }) cells: RolloutMatrixCellDto[];
}

export class RolloutMatrixCityDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ description: '城市' }) name: string;
  @ApiProperty({ type: RolloutStatusCountsDto, description: '本市各状态的事项数' }) counts: RolloutStatusCountsDto;
}

/** 承接落实矩阵: the province's items × its cities. */
export class RolloutMatrixDto {
  @ApiProperty({ type: [RolloutMatrixCityDto], description: '列：本省各市' }) cities: RolloutMatrixCityDto[];
  @ApiProperty({ type: [RolloutMatrixRowDto], description: '行：本省任务' }) rows: RolloutMatrixRowDto[];
  @ApiProperty({ type: RolloutStatusCountsDto, description: '合计' }) totals: RolloutStatusCountsDto;
}

type _MatrixDocumented = Documents<RolloutMatrixDto, RolloutMatrix>;

import { ApiProperty, ApiPropertyOptional, PickType } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsBoolean, IsIn, IsInt, IsOptional, IsString, IsUUID, Length, Matches, Max, MaxLength, Min, ValidateIf, ValidateNested } from 'class-validator';
import { IsCalendarDate, PageQueryDto } from '#libs/common';
import { TASK_STATUSES, type TaskStatus } from '../rules/task-status.machine.js';
import { TASK_DEADLINE_KINDS, type TaskDeadlineKind } from '../entities/task.entity.js';

const TASK_SORTS = ['dueDate', 'status', 'seq', 'updatedAt', 'createdAt'] as const;

/** Which side of a task a department is on: 牵头 (lead) or 参加 (participant). */
export const DEPARTMENT_ROLES = ['lead', 'participant'] as const;
export type DepartmentRole = (typeof DEPARTMENT_ROLES)[number];

export class TaskQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() batchId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() reformItemId?: string;
  @ApiPropertyOptional({ format: 'uuid', description: '省份' }) @IsOptional() @IsUUID() regionId?: string;
  @ApiPropertyOptional({ format: 'uuid', description: '牵头（含共同牵头）或参加部门' }) @IsOptional() @IsUUID() departmentId?: string;

  @ApiPropertyOptional({ enum: DEPARTMENT_ROLES, description: '与 departmentId 同用：lead 只看该部门牵头（含共同牵头）的任务，participant 只看其参加的任务' })
  @IsOptional()
  @IsIn(DEPARTMENT_ROLES, { message: 'departmentRole 须为 lead 或 participant (departmentRole must be lead or participant)' })
  departmentRole?: DepartmentRole;

  @ApiPropertyOptional({ description: 'true：只看销号申请被退回、待重新提交的任务（最近一次销号申请为已退回）' })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean({ message: 'completionReturned must be true or false' })
  completionReturned?: boolean;

  @ApiPropertyOptional({ enum: TASK_STATUSES, description: '可用逗号分隔多个状态' })
  @IsOptional()
  @Transform(({ value }) => (typeof value === 'string' ? value.split(',').map((s) => s.trim()) : value))
  @IsIn(TASK_STATUSES, { each: true, message: `status must be one of: ${TASK_STATUSES.join(', ')}` })
  status?: TaskStatus[];

  @ApiPropertyOptional({ description: '只看逾期（截止日已过且未销号）' })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean({ message: 'overdue must be true or false' })
  overdue?: boolean;

  @ApiPropertyOptional({ description: 'true：只看未设时限的任务（限期完成但没有截止日期，且未销号、非不适用）' })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean({ message: 'withoutDeadline must be true or false' })
  withoutDeadline?: boolean;

  @ApiPropertyOptional({ description: '未来 N 天内到期' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(3650)
  dueWithinDays?: number;

  @ApiPropertyOptional({ description: 'true：只看待确认（是否适用须由省商务厅决定）的任务' })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean({ message: 'pendingDecision must be true or false' })
  pendingDecision?: boolean;

  @ApiPropertyOptional({ description: '事项名称搜索' }) @IsOptional() @IsString() @MaxLength(100) q?: string;
  @ApiPropertyOptional({ enum: TASK_SORTS, default: 'seq' }) @IsOptional() @IsIn(TASK_SORTS) sort: (typeof TASK_SORTS)[number] = 'seq';
  @ApiPropertyOptional({ enum: ['asc', 'desc'], default: 'asc' }) @IsOptional() @IsIn(['asc', 'desc']) order: 'asc' | 'desc' = 'asc';
}

export class UpdateTaskDto {
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true, description: '牵头部门' })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsUUID(undefined, { message: 'leadDepartmentId must be a UUID' })
  leadDepartmentId?: string | null;

  @ApiPropertyOptional({ type: [String], description: '共同牵头部门（“X、Y牵头”“X会同Y负责”中除第一个以外的牵头部门）：与牵头部门同样办理、报送，排名和完成率各计一次' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ArrayUnique({ message: 'coLeadDepartmentIds 不能重复 (coLeadDepartmentIds must not repeat)' })
  @IsUUID(undefined, { each: true, message: 'coLeadDepartmentIds must be UUIDs' })
  coLeadDepartmentIds?: string[];

  @ApiPropertyOptional({ type: [String], description: '参加部门' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsUUID(undefined, { each: true, message: 'participantDepartmentIds must be UUIDs' })
  participantDepartmentIds?: string[];

  @ApiPropertyOptional({ type: String, format: 'date', example: '2026-12-31', nullable: true, description: '截止日期 YYYY-MM-DD，或 null' })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsCalendarDate()
  dueDate?: string | null;

  @ApiPropertyOptional({ enum: TASK_DEADLINE_KINDS, description: 'date 限期 / ongoing 持续实施 / conditional 视条件' })
  @IsOptional()
  @IsIn(TASK_DEADLINE_KINDS)
  deadlineKind?: TaskDeadlineKind;

  @ApiPropertyOptional({ description: '时间要求（原文）' }) @IsOptional() @IsString() @MaxLength(500) deadlineText?: string;
  @ApiPropertyOptional({ example: '全省', description: '省内推广范围' }) @IsOptional() @IsString() @Length(1, 500) scopeText?: string;
  @ApiPropertyOptional({ description: '可检验成果' }) @IsOptional() @IsString() @MaxLength(5000) outcome?: string;
}

export const BULK_MAX_TASKS = 500;

/** PATCH /api/tasks/bulk: the same lead, co-leads, participants or due date for up to 500 tasks at once. */
export class BulkUpdateTasksDto extends PickType(UpdateTaskDto, ['leadDepartmentId', 'coLeadDepartmentIds', 'participantDepartmentIds', 'dueDate'] as const) {
  @ApiProperty({ type: [String], format: 'uuid', minItems: 1, maxItems: BULK_MAX_TASKS, description: '要调整的任务（1–500 个）' })
  @IsArray({ message: 'taskIds 须为任务 id 列表 (taskIds must be an array)' })
  @ArrayMinSize(1, { message: 'taskIds 至少包含一个任务 (taskIds must not be empty)' })
  @ArrayMaxSize(BULK_MAX_TASKS, { message: `taskIds 一次最多${BULK_MAX_TASKS}个任务 (at most ${BULK_MAX_TASKS} tasks at once)` })
  @ArrayUnique({ message: 'taskIds 不能重复 (taskIds must not repeat)' })
  @IsUUID(undefined, { each: true, message: 'taskIds 须为任务 id（UUID） (taskIds must be UUIDs)' })
  taskIds: string[];
}

export class TransitionDto {
  @ApiProperty({ enum: TASK_STATUSES })
  @IsIn(TASK_STATUSES, { message: `to must be one of: ${TASK_STATUSES.join(', ')}` })
  to: TaskStatus;

  @ApiPropertyOptional({ description: '原因（受阻、不适用、退回、重新打开时必填）；销号时为核验意见' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  reason?: string;
}

/** The coordinator's decision on one item at adoption. */
export class AdoptionOverrideDto {
  @ApiProperty({ format: 'uuid', description: '改革事项（须属于该批次）' })
  @IsUUID(undefined, { message: 'reformItemId 须为改革事项 id（UUID） (reformItemId must be a UUID)' })
  reformItemId: string;

  @ApiProperty({ description: 'true：适用本省；false：不适用' })
  @IsBoolean({ message: 'applicable 须为 true 或 false (applicable must be true or false)' })
  applicable: boolean;

  @ApiProperty({ maxLength: 2000, example: '我省无海关特殊监管区域，但青岛片区已开展同类试点', description: '理由（必填）' })
  @IsString({ message: 'reason 理由须为文字 (reason must be a string)' })
  @Matches(/\S/, { message: 'reason 理由不能为空 (reason must not be empty)' })
  @MaxLength(2000, { message: 'reason 理由不能超过2000字 (reason must be at most 2000 characters)' })
  reason: string;
}

/** 省定默认时限: what a task gets when its item gives no deadline (many pilot task lists give none). */
export const PROVINCIAL_DEADLINE_KINDS = ['date', 'ongoing'] as const;

export class ProvincialDeadlineDto {
  @ApiProperty({ enum: PROVINCIAL_DEADLINE_KINDS, description: 'date：统一截止日期；ongoing：持续实施' })
  @IsIn(PROVINCIAL_DEADLINE_KINDS, { message: 'defaultDeadline.kind 须为 date（截止日期）或 ongoing（持续实施） (kind must be date or ongoing)' })
  kind: (typeof PROVINCIAL_DEADLINE_KINDS)[number];

  @ApiPropertyOptional({ format: 'date', example: '2026-12-31', description: 'kind 为 date 时必填，YYYY-MM-DD' })
  @ValidateIf((o: ProvincialDeadlineDto) => o.kind === 'date' || o.dueDate !== undefined)
  @IsCalendarDate({ message: 'defaultDeadline.dueDate 默认截止日期须为有效日期 YYYY-MM-DD（选“截止日期”时必填） (dueDate must be a date when kind is date)' })
  dueDate?: string;
}

export class AdoptBatchDto {
  @ApiProperty({ format: 'uuid', description: '承接的省份' })
  @IsUUID()
  regionId: string;

  @ApiPropertyOptional({ type: [AdoptionOverrideDto], description: '人工认定：逐项指定适用或不适用及理由，与承接在同一事务中生效' })
  @IsOptional()
  @IsArray({ message: 'overrides 须为列表 (overrides must be an array)' })
  @ArrayMaxSize(1000)
  @ValidateNested({ each: true })
  @Type(() => AdoptionOverrideDto)
  overrides?: AdoptionOverrideDto[];

  @ApiPropertyOptional({ type: ProvincialDeadlineDto, description: '省定默认时限：文件未写时限（或时限无法识别）的事项，新建任务时取此时限；之后可逐项调整' })
  @IsOptional()
  @ValidateNested()
  @Type(() => ProvincialDeadlineDto)
  defaultDeadline?: ProvincialDeadlineDto;
}

export class AdoptionPreviewQueryDto {
  @ApiProperty({ format: 'uuid', description: '承接的省份' })
  @IsUUID(undefined, { message: 'regionId 须为省份 id（UUID） (regionId must be a UUID)' })
  regionId: string;
}

export class CreateMilestoneDto {
  @ApiProperty({ example: '建立开通省级网上政务大厅' }) @IsString() @Length(1, 1000) title: string;
  @ApiPropertyOptional({ example: '2015-12-31' }) @IsOptional() @IsCalendarDate() dueDate?: string;
  @ApiPropertyOptional({ example: '2015年年底前' }) @IsOptional() @IsString() @MaxLength(200) deadlineText?: string;
}

export class UpdateMilestoneDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 1000) title?: string;
  @ApiPropertyOptional({ type: String, format: 'date', nullable: true }) @IsOptional() @ValidateIf((_, v) => v !== null) @IsCalendarDate() dueDate?: string | null;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(200) deadlineText?: string;
  @ApiPropertyOptional({ description: '是否完成' }) @IsOptional() @IsBoolean() done?: boolean;
}

/** The coordinator's decision on a task marked 待确认: it applies to the province, or not (with the reason). */
export class DecideApplicabilityDto {
  @ApiProperty({ description: 'true 适用 / false 不适用' })
  @IsBoolean({ message: 'applies 须为 true 或 false (applies must be a boolean)' })
  applies: boolean;

  @ApiProperty({ description: '理由（不适用时必填）', required: false })
  @IsOptional()
  @IsString()
  @MaxLength(500, { message: '理由不超过 500 个字 (reason must be at most 500 characters)' })
  reason?: string;
}

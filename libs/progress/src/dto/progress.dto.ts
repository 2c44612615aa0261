import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsNotEmpty, IsOptional, IsString, IsUUID, Max, MaxLength, Min, ValidateIf } from 'class-validator';
import { PageQueryDto } from '#libs/common';
import { DEPARTMENT_ROLES, type DepartmentRole } from '#libs/tasks';
import { Trim } from './trim.js';
import { REPORT_STATUSES, type ReportStatus } from '../rules/report-status.machine.js';

const TEXT_MAX = 10_000;

/** The report's texts; the same rules for creating and editing. */
class ReportFieldsDto {
  @ApiPropertyOptional({ description: '进展情况（报送时必填）' }) @IsOptional() @IsString() @MaxLength(TEXT_MAX) progress?: string;
  @ApiPropertyOptional({ type: String, nullable: true, description: '存在问题' }) @IsOptional() @ValidateIf((_, v) => v !== null) @IsString() @MaxLength(TEXT_MAX) problems?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, description: '意见建议' }) @IsOptional() @ValidateIf((_, v) => v !== null) @IsString() @MaxLength(TEXT_MAX) suggestions?: string | null;

  @ApiPropertyOptional({ type: Number, nullable: true, minimum: 0, maximum: 100, description: '完成百分比' })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsInt({ message: '完成百分比应为 0 到 100 的整数 (percentComplete must be an integer from 0 to 100)' })
  @Min(0, { message: '完成百分比应为 0 到 100 的整数 (percentComplete must be an integer from 0 to 100)' })
  @Max(100, { message: '完成百分比应为 0 到 100 的整数 (percentComplete must be an integer from 0 to 100)' })
  percentComplete?: number | null;
}

export class CreateReportDto extends ReportFieldsDto {
  @ApiProperty({ example: '2026Q3', description: '报告期（年份+Q+季度）' }) @IsString() period: string;
}

export class UpdateReportDto extends ReportFieldsDto {}

export class ReviewReportDto {
  @ApiPropertyOptional({ description: '审核意见' }) @IsOptional() @IsString() @MaxLength(2000) comment?: string;
}

export class ReturnReportDto {
  @ApiProperty({ description: '退回原因（必填）' }) @Trim() @IsString() @IsNotEmpty({ message: 'comment is required to return a report' }) @MaxLength(2000) comment: string;
}

export class ContributionDto {
  @ApiProperty({ description: '本部门（参加部门）的进展情况' }) @Trim() @IsString() @IsNotEmpty({ message: 'text must not be empty' }) @MaxLength(TEXT_MAX) text: string;
}

export class ReportQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ format: 'uuid', description: '省份（管理员按省查看；其他角色只看本省）' }) @IsOptional() @IsUUID() regionId?: string;
  @ApiPropertyOptional({ example: '2026Q3', description: '报告期；missing=true 时必填' }) @IsOptional() @IsString() period?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() taskId?: string;
  @ApiPropertyOptional({ format: 'uuid', description: '牵头（报告）部门；departmentRole=participant 时为参加部门' }) @IsOptional() @IsUUID() departmentId?: string;

  @ApiPropertyOptional({ enum: DEPARTMENT_ROLES, default: 'lead', description: '与 departmentId 同用：lead 该部门牵头报送的报告，participant 该部门参加的任务的报告（可补充本部门进展）' })
  @IsOptional()
  @IsIn(DEPARTMENT_ROLES, { message: 'departmentRole 须为 lead 或 participant (departmentRole must be lead or participant)' })
  departmentRole?: DepartmentRole;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() batchId?: string;

  @ApiPropertyOptional({ enum: REPORT_STATUSES, description: '可用逗号分隔多个状态' })
  @IsOptional()
  @Transform(({ value }) => (typeof value === 'string' ? value.split(',').map((s) => s.trim()) : value))
  @IsIn(REPORT_STATUSES, { each: true, message: `status must be one of: ${REPORT_STATUSES.join(', ')}` })
  status?: ReportStatus[];

  @ApiPropertyOptional({ description: 'true：列出本期尚未报送（无已报送/已通过报告）的任务，按牵头部门分组' })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean({ message: 'missing must be true or false' })
  missing?: boolean;
}


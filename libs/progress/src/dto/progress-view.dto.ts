import { ApiProperty } from '@nestjs/swagger';
import { AuditEventViewDto } from '#libs/audit';
import type { Documents } from '#libs/common';
import { DepartmentRefDto, TaskViewDto } from '#libs/tasks';
import type { CloseOutResult } from '../close-out.service.js';
import { COMPLETION_STATUSES, type CompletionStatus } from '../entities/task-completion.entity.js';
import type { CompletionView, ContributionView, EvidenceView, MissingReportsView, ReportDetailView, ReportView } from '../progress.view.js';
import { EVIDENCE_PURPOSES, type EvidencePurpose } from '../rules/evidence-type.js';
import { REPORT_STATUSES, type ReportStatus } from '../rules/report-status.machine.js';

/** 佐证材料. */
export class EvidenceViewDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) taskId: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: '所属进展报告' }) reportId: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: '所属承接落实记录' }) rolloutId: string | null;
  @ApiProperty({ enum: EVIDENCE_PURPOSES, description: '用途：进展、销号、落实' }) purpose: EvidencePurpose;
  @ApiProperty({ description: '用途（中文）' }) purposeLabel: string;
  @ApiProperty({ description: '原文件名' }) fileName: string;
  @ApiProperty({ example: 'application/pdf' }) mimeType: string;
  @ApiProperty({ description: '大小（字节）' }) sizeBytes: number;
  @ApiProperty({ description: '文件 SHA-256（十六进制）' }) sha256: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: '上传人' }) uploadedBy: string | null;
  @ApiProperty({ description: '上传时间' }) uploadedAt: Date;
  @ApiProperty({ example: '/api/evidence/{id}/download', description: '下载地址' }) downloadUrl: string;
}

export class NamedDepartmentDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ type: String, nullable: true, description: '部门名称' }) name: string | null;
}

/** 参加部门进展. */
export class ContributionViewDto {
  @ApiProperty({ type: NamedDepartmentDto, description: '参加部门' }) department: NamedDepartmentDto;
  @ApiProperty({ description: '本部门进展' }) text: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: '填写人' }) authorId: string | null;
  @ApiProperty() updatedAt: Date;
}

export class ReportTaskDto {
  @ApiProperty({ type: String, nullable: true, description: '改革事项名称' }) reformItemName: string | null;
  @ApiProperty({ type: Number, nullable: true, description: '序号' }) seq: number | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: '批次' }) batchId: string | null;
  @ApiProperty({ type: String, nullable: true, description: '批次名称' }) batchName: string | null;
  @ApiProperty({ type: String, nullable: true, description: '任务状态' }) status: string | null;
}

/** 进展报告 as listed. */
export class ReportViewDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) taskId: string;
  @ApiProperty({ type: ReportTaskDto, description: '任务' }) task: ReportTaskDto;
  @ApiProperty({ description: '季度', example: '2026Q4' }) period: string;
  @ApiProperty({ description: '季度（中文）' }) periodLabel: string;
  @ApiProperty({ type: NamedDepartmentDto, nullable: true, description: '报送部门' }) department: NamedDepartmentDto | null;
  @ApiProperty({ description: '进展情况' }) progress: string;
  @ApiProperty({ type: String, nullable: true, description: '存在问题' }) problems: string | null;
  @ApiProperty({ type: String, nullable: true, description: '意见建议' }) suggestions: string | null;
  @ApiProperty({ type: Number, nullable: true, description: '完成百分比' }) percentComplete: number | null;
  @ApiProperty({ enum: REPORT_STATUSES, description: '状态' }) status: ReportStatus;
  @ApiProperty({ description: '状态（中文）' }) statusLabel: string;
  @ApiProperty({ type: Date, nullable: true, description: '报送时间' }) submittedAt: Date | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: '报送人' }) submittedBy: string | null;
  @ApiProperty({ type: Date, nullable: true, description: '审核时间' }) reviewedAt: Date | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: '审核人' }) reviewedBy: string | null;
  @ApiProperty({ type: String, nullable: true, description: '审核意见' }) reviewComment: string | null;
  @ApiProperty() createdAt: Date;
  @ApiProperty() updatedAt: Date;
}

/** 进展报告 with contributions, evidence and 操作记录. */
export class ReportDetailViewDto extends ReportViewDto {
  @ApiProperty({ type: [ContributionViewDto], description: '参加部门进展' }) contributions: ContributionViewDto[];
  @ApiProperty({ type: [EvidenceViewDto], description: '佐证材料' }) evidence: EvidenceViewDto[];
  @ApiProperty({ type: [AuditEventViewDto], description: '操作记录' }) history: AuditEventViewDto[];
}

/** 销号申请. */
export class CompletionViewDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) taskId: string;
  @ApiProperty({ description: '完成情况' }) summary: string;
  @ApiProperty({ type: String, nullable: true, description: '提交时的可检验成果' }) outcomeSnapshot: string | null;
  @ApiProperty({ type: [EvidenceViewDto], description: '佐证材料' }) evidence: EvidenceViewDto[];
  @ApiProperty({ enum: COMPLETION_STATUSES, description: '状态' }) status: CompletionStatus;
  @ApiProperty({ description: '状态（中文）' }) statusLabel: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: '提交人' }) submittedBy: string | null;
  @ApiProperty({ description: '提交时间' }) submittedAt: Date;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: '核验人' }) reviewedBy: string | null;
  @ApiProperty({ type: Date, nullable: true, description: '核验时间' }) reviewedAt: Date | null;
  @ApiProperty({ type: String, nullable: true, description: '核验意见' }) reviewNote: string | null;
}

/** Answer of the 销号 steps: the task after the step and the completion it concerns. */
export class CloseOutResultDto {
  @ApiProperty({ type: TaskViewDto, description: '任务' }) task: TaskViewDto;
  @ApiProperty({ type: CompletionViewDto, nullable: true, description: '销号申请' }) completion: CompletionViewDto | null;
}

export class MissingReportTaskDto {
  @ApiProperty({ format: 'uuid' }) taskId: string;
  @ApiProperty({ description: '序号' }) seq: number;
  @ApiProperty({ description: '改革事项名称' }) reformItemName: string;
  @ApiProperty({ format: 'uuid' }) batchId: string;
  @ApiProperty({ description: '批次名称' }) batchName: string;
  @ApiProperty({ description: '任务状态' }) taskStatus: string;
  @ApiProperty({ description: '时限类别' }) deadlineKind: string;
  @ApiProperty({ type: String, format: 'date', nullable: true, description: '截止日期' }) dueDate: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: '已建未报送（草稿、被退回）的报告' }) reportId: string | null;
  @ApiProperty({ enum: REPORT_STATUSES, nullable: true, description: '该报告状态' }) reportStatus: ReportStatus | null;
}

export class MissingReportDepartmentDto {
  @ApiProperty({ type: DepartmentRefDto, description: '牵头部门' }) department: DepartmentRefDto;
  @ApiProperty({ description: '未报送任务数' }) taskCount: number;
  @ApiProperty({ type: [MissingReportTaskDto], description: '未报送的任务' }) tasks: MissingReportTaskDto[];
}

/** GET /api/progress-reports?missing=true: who has not reported for the period. */
export class MissingReportsViewDto {
  @ApiProperty({ description: '季度', example: '2026Q3' }) period: string;
  @ApiProperty({ description: '季度（中文）' }) periodLabel: string;
  @ApiProperty({ description: '未报送部门数' }) departmentCount: number;
  @ApiProperty({ description: '未报送任务数' }) taskCount: number;
  @ApiProperty({ type: [MissingReportDepartmentDto], description: '按部门' }) departments: MissingReportDepartmentDto[];
}

type _EvidenceDocumented = Documents<EvidenceViewDto, EvidenceView>;
type _ContributionDocumented = Documents<ContributionViewDto, ContributionView>;
type _ReportDocumented = Documents<ReportViewDto, ReportView>;
type _ReportDetailDocumented = Documents<ReportDetailViewDto, ReportDetailView>;
type _CompletionDocumented = Documents<CompletionViewDto, CompletionView>;
type _CloseOutDocumented = Documents<CloseOutResultDto, CloseOutResult>;
type _MissingDocumented = Documents<MissingReportsViewDto, MissingReportsView>;

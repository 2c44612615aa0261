import { ApiProperty } from '@nestjs/swagger';
import { AuditEventViewDto } from '#libs/audit';
import { StoredScopeDto } from '#libs/catalog';
import type { Documents } from '#libs/common';
import { TASK_DEADLINE_KINDS, type TaskDeadlineKind } from '../entities/task.entity.js';
import { REPORT_STATUSES, type ReportStatus } from '../rules/report-status.js';
import { TASK_STATUSES, type TaskStatus } from '../rules/task-status.machine.js';
import { TRAFFIC_LIGHT_COLOURS, type TrafficLightColour } from '../rules/traffic-light.js';
import type { AdoptionPreview, AdoptionResult, BulkUpdateResult, TaskPage } from '../tasks.service.js';
import type { MilestoneView, TaskDetailView, TaskView } from '../task.view.js';

export class DepartmentRefDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ description: '部门名称' }) name: string;
}

export class RegionRefDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ description: '行政区名称' }) name: string;
}

export class TaskReformItemDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ description: '序号' }) seq: number;
  @ApiProperty({ description: '改革事项名称' }) name: string;
  @ApiProperty({ type: String, nullable: true, description: '领域' }) domain: string | null;
  @ApiProperty({ format: 'uuid', description: '批次' }) batchId: string;
  @ApiProperty({ type: String, nullable: true, description: '批次名称' }) batchName: string | null;
  @ApiProperty({ type: String, nullable: true, description: '文号' }) docNumber: string | null;
  @ApiProperty({ type: String, nullable: true, example: '有关部门', description: '文件中未列名的部门（“国务院有关部门”“会同有关部门”），原文照录' }) departmentsOpenGroup: string | null;
}

/** The latest quarterly report of a task, whatever its state. */
export class LastReportDto {
  @ApiProperty({ example: '2026Q4', description: '报告期' }) period: string;
  @ApiProperty({ example: '2026年第四季度' }) periodLabel: string;
  @ApiProperty({ enum: REPORT_STATUSES, description: '报告状态' }) status: ReportStatus;
  @ApiProperty({ example: '已报送', description: '报告状态（中文）' }) statusLabel: string;
}

/** A provincial task as lists, updates and transitions answer it. */
export class TaskViewDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ type: TaskReformItemDto, nullable: true, description: '改革事项' }) reformItem: TaskReformItemDto | null;
  @ApiProperty({ type: RegionRefDto, nullable: true, description: '承接省份' }) region: RegionRefDto | null;
  @ApiProperty({ type: DepartmentRefDto, nullable: true, description: '牵头部门（排第一位）' }) leadDepartment: DepartmentRefDto | null;
  @ApiProperty({ type: [DepartmentRefDto], description: '共同牵头部门（“X、Y牵头”中的其他牵头部门）：与牵头部门同样办理，排名各计一次' }) coLeadDepartments: DepartmentRefDto[];
  @ApiProperty({ type: [DepartmentRefDto], description: '参加部门' }) participants: DepartmentRefDto[];
  @ApiProperty({ type: String, nullable: true, description: '推广范围原文' }) scopeText: string | null;
  @ApiProperty({ type: StoredScopeDto, nullable: true, description: '解析后的推广范围' }) scope: StoredScopeDto | null;
  @ApiProperty({ type: String, nullable: true, description: '可检验成果' }) outcome: string | null;
  @ApiProperty({ enum: TASK_DEADLINE_KINDS, description: '时限类别' }) deadlineKind: TaskDeadlineKind;
  @ApiProperty({ description: '时限类别（中文）：限期完成 / 持续实施 / 视条件推进；限期完成而尚无日期时为“未设时限”', example: '限期完成' }) deadlineKindLabel: string;
  @ApiProperty({ description: '未设时限：限期完成但尚无截止日期（未销号、非不适用）' }) withoutDeadline: boolean;
  @ApiProperty({ type: String, nullable: true, description: '时限原文' }) deadlineText: string | null;
  @ApiProperty({ type: String, format: 'date', nullable: true, description: '截止日期' }) dueDate: string | null;
  @ApiProperty({ enum: TASK_STATUSES, description: '状态' }) status: TaskStatus;
  @ApiProperty({ description: '状态（中文）', example: '推进中' }) statusLabel: string;
  @ApiProperty({ type: String, nullable: true, description: '状态原因（受阻、退回、重新打开）' }) statusReason: string | null;
  @ApiProperty({ type: String, nullable: true, description: '不适用原因' }) notApplicableReason: string | null;
  @ApiProperty({ description: '适用性经人工调整' }) applicabilityOverridden: boolean;
  @ApiProperty({ type: String, nullable: true, description: '待确认：是否适用须由省商务厅决定的原因（自愿或附条件的表述、无法识别的推广范围、范围变更）' }) pendingDecision: string | null;
  @ApiProperty({ description: '已逾期（有明确日期、已过截止日期且未销号/不适用）' }) overdue: boolean;
  @ApiProperty({ type: Number, nullable: true, description: '距截止日期的工作日数（当天为0；仅未逾期的限期任务）' }) workingDaysLeft: number | null;
  @ApiProperty({ type: Number, nullable: true, description: '已逾期的工作日数（仅逾期任务）' }) workingDaysOverdue: number | null;
  @ApiProperty({ enum: TRAFFIC_LIGHT_COLOURS, nullable: true, description: '红灯逾期、黄灯14天内到期且未提交销号、绿灯其他；已销号和不适用为空' }) trafficLight: TrafficLightColour | null;
  @ApiProperty({ type: () => LastReportDto, nullable: true, description: '最近一期进展报告' }) lastReport: LastReportDto | null;
  @ApiProperty({ type: Date, nullable: true, description: '提交销号时间' }) submittedAt: Date | null;
  @ApiProperty({ type: Date, nullable: true, description: '销号时间' }) closedAt: Date | null;
  @ApiProperty({ type: String, nullable: true, description: '销号意见' }) closeNote: string | null;
  @ApiProperty() createdAt: Date;
  @ApiProperty() updatedAt: Date;
}

/** 时间节点. */
export class MilestoneViewDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) taskId: string;
  @ApiProperty({ description: '节点内容' }) title: string;
  @ApiProperty({ type: String, nullable: true, description: '时限原文' }) deadlineText: string | null;
  @ApiProperty({ type: String, format: 'date', nullable: true, description: '截止日期' }) dueDate: string | null;
  @ApiProperty({ type: Date, nullable: true, description: '完成时间' }) doneAt: Date | null;
  @ApiProperty({ description: '已逾期（未完成且已过截止日期）' }) overdue: boolean;
}

export class HistoryActorDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ description: '用户名' }) username: string;
  @ApiProperty({ description: '姓名' }) displayName: string;
  @ApiProperty({ type: String, nullable: true, description: '所在部门（协调机制办公室、领导、城市用户为所在行政区）' }) organisation: string | null;
}

export class HistoryChangeDto {
  @ApiProperty({ example: 'leadDepartmentId', description: '字段' }) field: string;
  @ApiProperty({ example: '牵头部门', description: '字段（中文）' }) label: string;
  @ApiProperty({ example: '（空）', description: '原值（已换成名称、中文状态或日期）' }) from: string;
  @ApiProperty({ example: '省市场监管局', description: '新值' }) to: string;
}

/** An 操作记录 entry: the audit row plus who (name and department), what (in Chinese) and which fields changed. */
export class TaskHistoryEntryDto extends AuditEventViewDto {
  @ApiProperty({ type: HistoryActorDto, nullable: true, description: '操作人（系统自动操作为空）' }) actor: HistoryActorDto | null;
  @ApiProperty({ example: '王明（山东省商务厅）', description: '操作人（中文）' }) actorLabel: string;
  @ApiProperty({ example: '调整分工与时限', description: '操作（中文）' }) actionLabel: string;
  @ApiProperty({ example: '调整分工与时限：牵头部门由“（空）”改为“省市场监管局”', description: '一句话说明' }) summary: string;
  @ApiProperty({ type: [HistoryChangeDto], description: '修改的字段' }) changes: HistoryChangeDto[];
}

export class TaskTransitionOptionDto {
  @ApiProperty({ enum: TASK_STATUSES, description: '变更后的状态' }) to: TaskStatus;
  @ApiProperty({ example: 'block', description: '操作' }) action: string;
  @ApiProperty({ example: '标记受阻', description: '操作（中文）' }) label: string;
  @ApiProperty({ description: '须填写原因' }) reasonRequired: boolean;
}

/** What the caller may do with this task: the client shows only these buttons. */
export class TaskActionsDto {
  @ApiProperty({ description: '可调整分工与时限、催办（省商务厅）' }) manage: boolean;
  @ApiProperty({ description: '可维护时间节点、上传佐证、提交销号（牵头部门、省商务厅）' }) work: boolean;
  @ApiProperty({ type: [TaskTransitionOptionDto], description: '当前状态下可做的状态变更' }) transitions: TaskTransitionOptionDto[];
}

/** GET /api/tasks/{id}: the task with its milestones and 操作记录. */
export class TaskDetailViewDto extends TaskViewDto {
  @ApiProperty({ type: [MilestoneViewDto], description: '时间节点' }) milestones: MilestoneViewDto[];
  @ApiProperty({ type: [TaskHistoryEntryDto], description: '操作记录（时间先后）' }) history: TaskHistoryEntryDto[];
  @ApiProperty({ type: TaskActionsDto, description: '当前用户可做的操作' }) allowedActions: TaskActionsDto;
}

export class NotApplicableItemDto {
  @ApiProperty({ format: 'uuid' }) reformItemId: string;
  @ApiProperty({ description: '序号' }) seq: number;
  @ApiProperty({ description: '改革事项名称' }) name: string;
  @ApiProperty({ description: '不适用原因' }) reason: string;
}

export class NotApplicableReasonDto {
  @ApiProperty({ example: '推广范围为沿海地区，河南省非沿海', description: '不适用原因' }) reason: string;
  @ApiProperty({ description: '任务数' }) count: number;
}

/** Beside GET /api/tasks: of the filtered tasks, how many apply to the province, how many don't, and why. */
export class ApplicabilitySummaryDto {
  @ApiProperty({ description: '适用本省的任务数' }) applicable: number;
  @ApiProperty({ description: '不适用的任务数' }) notApplicable: number;
  @ApiProperty({ description: '待确认（是否适用须由省商务厅决定）的任务数' }) pendingDecision: number;
  @ApiProperty({ type: [NotApplicableReasonDto], description: '不适用原因及任务数' }) reasons: NotApplicableReasonDto[];
}

export class DeadlineSummaryDto {
  @ApiProperty({ description: '未设时限的任务数（限期完成但没有截止日期，未销号、非不适用）' }) withoutDeadline: number;
}

export class PendingDecisionItemDto {
  @ApiProperty({ format: 'uuid' }) reformItemId: string;
  @ApiProperty({ description: '序号' }) seq: number;
  @ApiProperty({ description: '改革事项名称' }) name: string;
  @ApiProperty({ format: 'uuid' }) taskId: string;
  @ApiProperty({ description: '待确认的原因（原文表述）' }) phrase: string;
}

export class ReEvaluatedItemDto {
  @ApiProperty({ format: 'uuid' }) reformItemId: string;
  @ApiProperty({ description: '序号' }) seq: number;
  @ApiProperty({ description: '改革事项名称' }) name: string;
  @ApiProperty({ format: 'uuid' }) taskId: string;
  @ApiProperty({ description: '变化（恢复适用、改为不适用、改为待确认、新增/移除城市）' }) change: string;
}

/** POST /api/batches/{id}/adopt. */
export class AdoptionResultDto {
  @ApiProperty({ format: 'uuid' }) batchId: string;
  @ApiProperty({ format: 'uuid', description: '承接省份' }) regionId: string;
  @ApiProperty({ description: '新生成的任务数' }) created: number;
  @ApiProperty({ description: '已存在（此前已承接）的任务数' }) existing: number;
  @ApiProperty({ description: '适用本省的事项数' }) applicable: number;
  @ApiProperty({ description: '按人工认定（overrides）处理的事项数' }) overridden: number;
  @ApiProperty({ type: [NotApplicableItemDto], description: '按推广范围判断不适用的事项' }) notApplicable: NotApplicableItemDto[];
  @ApiProperty({ description: '本次新建、取了省定默认时限的任务数' }) defaultDeadlineApplied: number;
  @ApiProperty({ description: '本批次在本省仍未设时限的任务数（适用、未销号）：请逐项设定截止日期' }) withoutDeadline: number;
  @ApiProperty({ type: [PendingDecisionItemDto], description: '待确认的事项（自愿或附条件的表述、无法识别的推广范围）' }) pendingDecision: PendingDecisionItemDto[];
  @ApiProperty({ type: [ReEvaluatedItemDto], description: '按现行推广范围、行政区和区域名录重新判断后有变化的已有任务' }) reEvaluated: ReEvaluatedItemDto[];
  @ApiProperty({ type: [String], description: '本批次在本省的全部任务 id' }) taskIds: string[];
}

export const ADOPTION_DECISIONS = ['applies', 'not_applicable', 'needs_decision'] as const;

export class CoveredCitiesDto {
  @ApiProperty({ description: '覆盖的城市数' }) count: number;
  @ApiProperty({ type: [String], description: '覆盖的城市' }) names: string[];
}

export class AdoptionPreviewItemDto {
  @ApiProperty({ format: 'uuid' }) reformItemId: string;
  @ApiProperty({ description: '序号' }) seq: number;
  @ApiProperty({ description: '改革事项名称' }) name: string;
  @ApiProperty({ type: String, nullable: true, description: '推广范围原文' }) scopeText: string | null;
  @ApiProperty({ enum: ADOPTION_DECISIONS, description: 'applies 适用 / not_applicable 不适用 / needs_decision 范围无法识别，需人工认定' })
  decision: (typeof ADOPTION_DECISIONS)[number];
  @ApiProperty({ type: String, nullable: true, description: '不适用或需人工认定的原因' }) reason: string | null;
  @ApiProperty({ type: CoveredCitiesDto, description: '推广到的城市' }) cities: CoveredCitiesDto;
  @ApiProperty({ description: '文件未写时限（或无法识别）：承接时取省定默认时限 defaultDeadline' }) withoutDeadline: boolean;
  @ApiProperty({ description: '本省是否已有该事项的任务' }) taskExists: boolean;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: '已有任务' }) taskId: string | null;
  @ApiProperty({ enum: TASK_STATUSES, nullable: true, description: '已有任务的状态' }) taskStatus: TaskStatus | null;
}

/** GET /api/batches/{id}/adoption-preview. */
export class AdoptionPreviewDto {
  @ApiProperty({ format: 'uuid' }) batchId: string;
  @ApiProperty({ format: 'uuid', description: '承接省份' }) regionId: string;
  @ApiProperty({ type: [AdoptionPreviewItemDto], description: '逐项判断' }) items: AdoptionPreviewItemDto[];
}

/** PATCH /api/tasks/bulk. */
export class BulkUpdateResultDto {
  @ApiProperty({ description: '已调整的任务数' }) updated: number;
}

type _PreviewDocumented = Documents<AdoptionPreviewDto, AdoptionPreview>;
type _BulkDocumented = Documents<BulkUpdateResultDto, BulkUpdateResult>;
type _TaskDocumented = Documents<TaskViewDto, TaskView>;
type _TaskDetailDocumented = Documents<TaskDetailViewDto, TaskDetailView>;
type _MilestoneDocumented = Documents<MilestoneViewDto, MilestoneView>;
type _AdoptionDocumented = Documents<AdoptionResultDto, AdoptionResult>;
type _ApplicabilityDocumented = Documents<ApplicabilitySummaryDto, TaskPage['applicability']>;
type _DeadlinesDocumented = Documents<DeadlineSummaryDto, TaskPage['deadlines']>;

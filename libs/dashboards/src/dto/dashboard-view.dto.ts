import { ApiProperty } from '@nestjs/swagger';
import type { Documents } from '#libs/common';
import { DepartmentRefDto, TASK_STATUSES, type TaskStatus } from '#libs/tasks';
import type { DashboardsService } from '../dashboards.service.js';
import { TRAFFIC_LIGHTS, type TrafficLight } from './dashboard-filter.dto.js';

const RATE = '比率 0–1（4 位小数），分母为 0 时为空';

/** The filters a dashboard answer was computed for. */
export class DashboardScopeDto {
  @ApiProperty({ format: 'uuid' }) provinceId: string;
  @ApiProperty({ description: '省份' }) provinceName: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) cityId: string | null;
  @ApiProperty({ type: String, nullable: true, description: '城市（只统计在该市落实的任务）' }) cityName: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: '批次' }) batchId: string | null;
  @ApiProperty({ type: String, nullable: true, description: '领域' }) domain: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: '牵头部门' }) departmentId: string | null;
  @ApiProperty({ description: '报告季度', example: '2026Q4' }) period: string;
  @ApiProperty({ description: '季度（中文）', example: '2026年第四季度' }) periodLabel: string;
  @ApiProperty({ format: 'date', description: '统计日' }) today: string;
}

/** Task figures shared by the summary, batches and domains. */
export class FiguresDto {
  @ApiProperty({ description: '任务数' }) total: number;
  @ApiProperty({ description: '适用任务数（不含不适用）' }) applicable: number;
  @ApiProperty({ description: '已销号' }) closed: number;
  @ApiProperty({ type: Number, nullable: true, description: `完成率：已销号 / 适用；${RATE}` }) completionRate: number | null;
  @ApiProperty({ description: '逾期' }) overdue: number;
  @ApiProperty({ description: '14 天内到期' }) dueSoon: number;
  @ApiProperty({ description: '未设时限：限期完成但尚无截止日期的未销号任务（文件未写时限且承接时未取省定默认时限）' }) withoutDeadline: number;
  @ApiProperty({ description: '本季度销号' }) closedInPeriod: number;
}

export class StatusCountDto {
  @ApiProperty({ enum: TASK_STATUSES, description: '状态' }) status: TaskStatus;
  @ApiProperty({ description: '状态（中文）' }) label: string;
  @ApiProperty({ description: '任务数' }) count: number;
}

export class BatchFiguresDto extends FiguresDto {
  @ApiProperty({ format: 'uuid' }) batchId: string;
  @ApiProperty({ description: '批次名称' }) batchName: string;
  @ApiProperty({ description: '文号' }) docNumber: string;
}

export class DashboardSummaryDto extends FiguresDto {
  @ApiProperty({ type: DashboardScopeDto }) scope: DashboardScopeDto;
  @ApiProperty({ description: '不适用' }) notApplicable: number;
  @ApiProperty({ description: '本季度未报送进展的任务数' }) reportsMissing: number;
  @ApiProperty({ description: '待确认：是否适用须由省商务厅决定的任务数' }) pendingDecision: number;
  @ApiProperty({ type: [StatusCountDto], description: '按状态' }) byStatus: StatusCountDto[];
  @ApiProperty({ type: [BatchFiguresDto], description: '分批次' }) byBatch: BatchFiguresDto[];
}

export class DepartmentFiguresDto {
  @ApiProperty({ description: '名次' }) rank: number;
  @ApiProperty({ format: 'uuid' }) departmentId: string;
  @ApiProperty({ description: '牵头部门' }) departmentName: string;
  @ApiProperty({ description: '承担任务数' }) assigned: number;
  @ApiProperty({ description: '已销号' }) closed: number;
  @ApiProperty({ type: Number, nullable: true, description: `完成率；${RATE}` }) completionRate: number | null;
  @ApiProperty({ description: '按期销号' }) closedOnTime: number;
  @ApiProperty({ type: Number, nullable: true, description: `按期完成率；${RATE}` }) onTimeRate: number | null;
  @ApiProperty({ description: '逾期' }) overdue: number;
  @ApiProperty({ description: '本季度销号' }) closedInPeriod: number;
  @ApiProperty({ description: '本季度缺报' }) reportsMissing: number;
}

export class DashboardDepartmentsDto {
  @ApiProperty({ type: DashboardScopeDto }) scope: DashboardScopeDto;
  @ApiProperty({ type: [DepartmentFiguresDto], description: '牵头部门排名' }) items: DepartmentFiguresDto[];
}

export class RegionFiguresDto {
  @ApiProperty({ description: '名次' }) rank: number;
  @ApiProperty({ format: 'uuid' }) regionId: string;
  @ApiProperty({ description: '城市' }) regionName: string;
  @ApiProperty({ description: '应承接事项数' }) total: number;
  @ApiProperty({ description: '已承接' }) adopted: number;
  @ApiProperty({ description: '已落实' }) implemented: number;
  @ApiProperty({ type: Number, nullable: true, description: `承接率；${RATE}` }) adoptionRate: number | null;
  @ApiProperty({ type: Number, nullable: true, description: `落实率；${RATE}` }) implementationRate: number | null;
  @ApiProperty({ description: '本季度承接' }) adoptedInPeriod: number;
  @ApiProperty({ description: '本季度落实' }) implementedInPeriod: number;
}

export class DashboardRegionsDto {
  @ApiProperty({ type: DashboardScopeDto }) scope: DashboardScopeDto;
  @ApiProperty({ type: [RegionFiguresDto], description: '各市排名' }) items: RegionFiguresDto[];
}

export class DomainFiguresDto extends FiguresDto {
  @ApiProperty({ description: '领域（未分类的事项归入“未分类”）' }) domain: string;
}

export class DashboardDomainsDto {
  @ApiProperty({ type: DashboardScopeDto }) scope: DashboardScopeDto;
  @ApiProperty({ type: [DomainFiguresDto], description: '按领域' }) items: DomainFiguresDto[];
}

export class TrafficLightCountsDto {
  @ApiProperty({ description: '红灯：逾期' }) red: number;
  @ApiProperty({ description: '黄灯：临期' }) yellow: number;
  @ApiProperty({ description: '绿灯：正常' }) green: number;
}

export class TrafficLightLabelsDto {
  @ApiProperty({ example: '逾期' }) red: string;
  @ApiProperty({ example: '临期' }) yellow: string;
  @ApiProperty({ example: '正常' }) green: string;
}

export class LatestReportDto {
  @ApiProperty({ description: '季度', example: '2026Q4' }) period: string;
  @ApiProperty({ description: '报告状态' }) status: string;
  @ApiProperty({ description: '进展情况' }) progress: string;
  @ApiProperty({ type: String, nullable: true, description: '存在问题' }) problems: string | null;
}

export class TrafficLightItemDto {
  @ApiProperty({ format: 'uuid' }) taskId: string;
  @ApiProperty({ description: '序号' }) seq: number;
  @ApiProperty({ description: '改革事项名称' }) itemName: string;
  @ApiProperty({ description: '批次名称' }) batchName: string;
  @ApiProperty({ type: DepartmentRefDto, nullable: true, description: '牵头部门' }) leadDepartment: DepartmentRefDto | null;
  @ApiProperty({ description: '时限类别' }) deadlineKind: string;
  @ApiProperty({ type: String, format: 'date', nullable: true, description: '截止日期' }) dueDate: string | null;
  @ApiProperty({ enum: TASK_STATUSES, description: '状态' }) status: TaskStatus;
  @ApiProperty({ description: '状态（中文）' }) statusLabel: string;
  @ApiProperty({ enum: TRAFFIC_LIGHTS, description: '灯色' }) light: TrafficLight;
  @ApiProperty({ description: '灯色（中文）' }) lightLabel: string;
  @ApiProperty({ type: Number, nullable: true, description: '逾期天数' }) daysOverdue: number | null;
  @ApiProperty({ type: Number, nullable: true, description: '距截止日期天数' }) daysLeft: number | null;
  @ApiProperty({ description: '本季度已报送进展' }) reportedInPeriod: boolean;
  @ApiProperty({ type: LatestReportDto, nullable: true, description: '最近一次进展' }) latestReport: LatestReportDto | null;
}

export class DashboardTrafficLightsDto {
  @ApiProperty({ type: DashboardScopeDto }) scope: DashboardScopeDto;
  @ApiProperty({ type: TrafficLightCountsDto, description: '各灯色任务数（不受 light 筛选影响）' }) counts: TrafficLightCountsDto;
  @ApiProperty({ type: TrafficLightLabelsDto, description: '灯色名称' }) labels: TrafficLightLabelsDto;
  @ApiProperty({ type: [TrafficLightItemDto], description: '在办任务' }) items: TrafficLightItemDto[];
}

export class TrendPointDto {
  @ApiProperty({ description: '季度', example: '2026Q3' }) period: string;
  @ApiProperty({ description: '季度（中文）' }) label: string;
  @ApiProperty({ description: '任务数' }) total: number;
  @ApiProperty({ description: '适用任务数' }) applicable: number;
  @ApiProperty({ description: '已销号' }) closed: number;
  @ApiProperty({ description: '逾期' }) overdue: number;
  @ApiProperty({ type: Number, nullable: true, description: `完成率；${RATE}` }) completionRate: number | null;
  @ApiProperty({ enum: ['snapshot', 'live'], description: 'snapshot：季末快照；live：本季度实时' }) source: 'snapshot' | 'live';
}

export class DashboardTrendDto {
  @ApiProperty({ type: DashboardScopeDto }) scope: DashboardScopeDto;
  @ApiProperty({ type: [TrendPointDto], description: '各季度' }) points: TrendPointDto[];
}

/** What a DashboardsService method resolves to. */
type Answer<K extends keyof DashboardsService> = DashboardsService[K] extends (...args: never[]) => Promise<infer R> ? R : never;
type _SummaryDocumented = Documents<DashboardSummaryDto, Answer<'summary'>>;
type _DepartmentsDocumented = Documents<DashboardDepartmentsDto, Answer<'departments'>>;
type _RegionsDocumented = Documents<DashboardRegionsDto, Answer<'regions'>>;
type _DomainsDocumented = Documents<DashboardDomainsDto, Answer<'domains'>>;
type _TrafficLightsDocumented = Documents<DashboardTrafficLightsDto, Answer<'trafficLights'>>;
type _TrendDocumented = Documents<DashboardTrendDto, Answer<'trend'>>;

import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { BATCH_KINDS, type BatchKind } from '#libs/catalog';
import { ErrorResponseDto } from '#libs/common';
import { IMPORT_HEADER_SYNONYMS, type DeadlineKind, type ImportField, type ScopeKind } from '#libs/parsing';
import { IMPORT_FORMATS, type ImportFormat } from '../entities/import-record.entity.js';

export const IMPORT_ACTIONS = ['create', 'update', 'unchanged'] as const;
export type ImportAction = (typeof IMPORT_ACTIONS)[number];
export const IMPORT_SOURCES = ['file', 'rows', 'text'] as const;
export type ImportSource = (typeof IMPORT_SOURCES)[number];
const IMPORT_FIELDS = Object.keys(IMPORT_HEADER_SYNONYMS) as ImportField[];

export class RowProblemDto {
  @ApiProperty({ example: 5, description: 'Excel 中看到的行号（含标题行、表头行）；JSON 导入为 rows 中的位置（从 1 起）' }) row: number;
  @ApiProperty({ example: '改革事项', description: '文件中的列名' }) column: string;
  @ApiProperty({ enum: IMPORT_FIELDS, example: 'name', description: '该列对应的字段（不论表头怎么写），便于在解析结果表中定位单元格' }) field: ImportField;
  @ApiProperty({ example: '改革事项为空 (item name is empty)' }) message: string;
  @ApiProperty({ example: '', description: '单元格原文' }) text: string;
}

/** A 400 from the importer: the usual error shape plus the rows to fix. */
export class ImportErrorResponseDto extends ErrorResponseDto {
  @ApiPropertyOptional({ type: [RowProblemDto] }) problems?: RowProblemDto[];
}

export class DeadlineViewDto {
  @ApiProperty({ example: '2016年11月30日前', nullable: true, type: String }) text: string | null;
  @ApiProperty({ enum: ['date', 'ongoing', 'conditional', 'relative', 'unparsed'] }) kind: DeadlineKind;
  @ApiProperty({ example: '2016-11-30', nullable: true, type: String }) date: string | null;
}

export class DepartmentMatchViewDto {
  @ApiProperty({ example: '工商总局', description: '表中的写法' }) input: string;
  @ApiProperty({ enum: ['lead', 'co_lead', 'participant'], description: '牵头（排第一位）、共同牵头或参加' }) role: 'lead' | 'co_lead' | 'participant';
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: '匹配到的部门；预演中将按 departmentMappings 新建的部门为 null' }) departmentId: string | null;
  @ApiProperty({ example: '市场监管总局' }) departmentName: string;
}

/** A department name no registered department matches, once however many rows use it. */
export class UnknownDepartmentDto {
  @ApiProperty({ example: '省大数据局' }) name: string;
  @ApiProperty({ type: [Number], example: [4, 7], description: '用到该名称的行' }) rows: number[];
  @ApiProperty({ example: '负责部门', description: '所在列' }) column: string;
}

/** How a departmentMappings entry was applied. */
export class AppliedDepartmentMappingDto {
  @ApiProperty({ example: '省大数据局' }) name: string;
  @ApiProperty({ enum: ['alias', 'create'], description: 'alias：记为已登记部门的别名；create：新建部门' }) action: 'alias' | 'create';
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: '预演中新建的部门为 null' }) departmentId: string | null;
  @ApiProperty({ example: '山东省大数据局' }) departmentName: string;
}

export class DepartmentsViewDto {
  @ApiProperty({ example: '海关总署、质检总局', nullable: true, type: String }) text: string | null;
  @ApiProperty({ example: '海关总署', nullable: true, type: String, description: '牵头（排第一位）' }) lead: string | null;
  @ApiProperty({ type: [String], example: ['省市场监管局'], description: '共同牵头：“X、Y牵头”“X会同Y负责”，或牵头部门一栏所列的其余部门' }) coLeads: string[];
  @ApiProperty({ type: [String], example: ['质检总局'], description: '其余部门（含共同牵头）' }) participants: string[];
  @ApiProperty({ type: [DepartmentMatchViewDto], description: '已匹配到系统中登记的部门（按名称或别名）' }) matched: DepartmentMatchViewDto[];
  @ApiProperty({ type: [String], description: '未匹配到已登记部门的名称' }) unknown: string[];
  @ApiProperty({ type: String, nullable: true, example: '有关部门', description: '未列名的部门（“国务院有关部门”“会同有关部门”）：不是部门名称，不需对应' }) openGroup: string | null;
}

export class ScopeViewDto {
  @ApiProperty({ example: '全国', nullable: true, type: String }) text: string | null;
  @ApiProperty({ enum: ['national', 'ftz', 'special_customs_zone', 'integrated_customs_zone', 'coastal', 'province', 'regions', 'unparsed'] }) kind: ScopeKind;
  @ApiProperty({ example: '全国' }) label: string;
  @ApiProperty({ type: [String] }) regions: string[];
  @ApiProperty({ nullable: true, type: String, example: '涉及港口事项可结合当地实际' }) note: string | null;
}

export class ImportRowResultDto {
  @ApiProperty({ example: 3 }) row: number;
  @ApiProperty({ example: 1 }) seq: number;
  @ApiProperty() name: string;
  @ApiProperty({ enum: IMPORT_ACTIONS }) action: ImportAction;
  @ApiProperty({ format: 'uuid', nullable: true, type: String, description: '预演时新建的事项为 null' }) itemId: string | null;
  @ApiProperty({ nullable: true, type: String, example: '投资管理', description: '领域：本行的领域列，或表中位于其上方的分节行（“一、投资管理领域”）' }) domain: string | null;
  @ApiProperty({ type: DeadlineViewDto }) deadline: DeadlineViewDto;
  @ApiProperty({ type: DepartmentsViewDto }) departments: DepartmentsViewDto;
  @ApiProperty({ type: ScopeViewDto }) scope: ScopeViewDto;
}

export class ImportSectionDto {
  @ApiProperty({ example: 4, description: '分节行的行号' }) row: number;
  @ApiProperty({ example: '投资管理', description: '其下各行的领域' }) domain: string;
}

export class ImportDocumentPlanDto {
  @ApiProperty({ enum: IMPORT_ACTIONS }) action: ImportAction;
  @ApiProperty({ format: 'uuid', nullable: true, type: String, description: '预演时新建的文件为 null' }) id: string | null;
  @ApiProperty({ example: '国发〔2016〕63号' }) docNumber: string;
  @ApiProperty() title: string;
  @ApiProperty({ nullable: true, type: String }) issuer: string | null;
  @ApiProperty({ nullable: true, type: String }) issuedOn: string | null;
}

export class ImportBatchPlanDto {
  @ApiProperty({ enum: IMPORT_ACTIONS }) action: ImportAction;
  @ApiProperty({ format: 'uuid', nullable: true, type: String, description: '预演时新建的批次为 null' }) id: string | null;
  @ApiProperty() name: string;
  @ApiProperty({ enum: BATCH_KINDS }) kind: BatchKind;
  @ApiProperty({ nullable: true, type: String }) defaultScope: string | null;
}

export class ImportCountsDto {
  @ApiProperty({ description: '数据行数' }) rows: number;
  @ApiProperty() created: number;
  @ApiProperty() updated: number;
  @ApiProperty() unchanged: number;
  @ApiProperty({ description: '因有问题而跳过的行（skipInvalid=true 时）' }) skipped: number;
}

export class ImportResultDto {
  @ApiProperty() dryRun: boolean;
  @ApiProperty({ format: 'uuid', nullable: true, type: String, description: '导入记录 id；预演不留记录，为 null' }) recordId: string | null;
  @ApiProperty({ enum: IMPORT_FORMATS, description: '读取方式：粘贴的表格按制表符分隔的 csv 读取' }) format: ImportFormat;
  @ApiProperty({ enum: IMPORT_SOURCES, description: '数据来源：上传文件、JSON rows、粘贴的表格 text' }) source: ImportSource;
  @ApiProperty({ nullable: true, type: String, description: '上传的文件名；rows、text 为 null' }) fileName: string | null;
  @ApiProperty({ description: '表头所在行号（JSON 为 0；粘贴的表格按粘贴内容的行计）' }) headerRow: number;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' }, example: { seq: '序号', name: '工作任务', departments: '负责单位' }, description: '字段 → 文件中的列名' })
  columns: Record<string, string>;
  @ApiProperty({ type: [String], description: '未识别、未导入的列' }) ignoredColumns: string[];
  @ApiProperty({ type: [ImportSectionDto], description: '表中的分节行（如“一、投资管理领域”单独一行）：不是事项，是其下各行的领域' }) sections: ImportSectionDto[];
  @ApiProperty({ type: ImportDocumentPlanDto }) document: ImportDocumentPlanDto;
  @ApiProperty({ type: ImportBatchPlanDto }) batch: ImportBatchPlanDto;
  @ApiProperty({ type: ImportCountsDto }) counts: ImportCountsDto;
  @ApiProperty({ type: [Number], description: '批次中已有、但本次文件中没有的序号（不会删除）' }) notInFile: number[];
  @ApiProperty({ type: [RowProblemDto], description: '有问题的行（真实导入时仅在 skipInvalid=true 下出现，这些行被跳过）' }) problems: RowProblemDto[];
  @ApiProperty({ type: [RowProblemDto], description: '已导入但需核对的内容：时限/范围无法识别、部门未匹配' }) warnings: RowProblemDto[];
  @ApiProperty({ type: [UnknownDepartmentDto], description: '仍未匹配到已登记部门的名称（每个名称一次）：可用 departmentMappings 对应或新建' }) unknownDepartments: UnknownDepartmentDto[];
  @ApiProperty({ type: [AppliedDepartmentMappingDto], description: '本次应用的部门对应（与导入同一事务；预演不保留）' }) departmentMappings: AppliedDepartmentMappingDto[];
  @ApiProperty({ type: [ImportRowResultDto] }) rows: ImportRowResultDto[];
}

export class ImportRecordViewDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) actorId: string | null;
  @ApiProperty({ nullable: true, type: String }) actorUsername: string | null;
  @ApiProperty({ nullable: true, type: String }) fileName: string | null;
  @ApiProperty({ enum: IMPORT_FORMATS }) format: ImportFormat;
  @ApiProperty() docNumber: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) documentId: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) batchId: string | null;
  @ApiProperty() created: number;
  @ApiProperty() updated: number;
  @ApiProperty() unchanged: number;
  @ApiProperty() skipped: number;
  @ApiProperty({ type: [RowProblemDto] }) problems: RowProblemDto[];
  @ApiProperty() at: Date;
}

export class ImportRecordPageDto {
  @ApiProperty({ type: [ImportRecordViewDto] }) items: ImportRecordViewDto[];
  @ApiProperty() total: number;
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
}

import { ApiProperty } from '@nestjs/swagger';
import type { Documents } from '#libs/common';
import { BATCH_KINDS, type Batch, type BatchKind } from '../entities/batch.entity.js';
import type { PolicyDocument } from '../entities/policy-document.entity.js';
import type { ReformItem, StoredScope } from '../entities/reform-item.entity.js';
import type { BatchListRow } from '../batch-list.query.js';

const SCOPE_KINDS = ['national', 'ftz', 'special_customs_zone', 'integrated_customs_zone', 'coastal', 'province', 'regions', 'unparsed'];
const DEADLINE_KINDS = ['date', 'ongoing', 'conditional', 'relative', 'unparsed'];

export class PolicyDocumentViewDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ description: '文号', example: '国函〔2023〕56号' }) docNumber: string;
  @ApiProperty({ description: '标题' }) title: string;
  @ApiProperty({ type: String, nullable: true, description: '发文机关' }) issuer: string | null;
  @ApiProperty({ type: String, format: 'date', nullable: true, description: '发文日期' }) issuedOn: string | null;
  @ApiProperty({ type: String, nullable: true, description: '原文链接' }) url: string | null;
  @ApiProperty() createdAt: Date;
  @ApiProperty() updatedAt: Date;
}

/** A batch row, as created or updated. */
export class BatchViewDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid', description: '所属政策文件' }) documentId: string;
  @ApiProperty({ description: '批次名称' }) name: string;
  @ApiProperty({ enum: BATCH_KINDS, description: '类别' }) kind: BatchKind;
  @ApiProperty({ type: String, format: 'date', nullable: true, description: '发布日期' }) publishedOn: string | null;
  @ApiProperty({ type: String, nullable: true, description: '默认推广范围（事项未写范围时适用）' }) defaultScope: string | null;
  @ApiProperty() createdAt: Date;
  @ApiProperty() updatedAt: Date;
}

/** GET /api/batches/{id}: the batch with its document. */
export class BatchDetailDto extends BatchViewDto {
  @ApiProperty({ type: PolicyDocumentViewDto, description: '政策文件' }) document: PolicyDocumentViewDto;
}

/** A province's adoption (承接) of a batch: whether it has tasks for it, and how many apply and are closed (销号). */
export class BatchAdoptionDto {
  @ApiProperty({ format: 'uuid', description: '省级行政区' }) regionId: string;
  @ApiProperty({ description: '已承接（本省已有该批次的任务）' }) adopted: boolean;
  @ApiProperty({ description: '任务数（未承接为 0）' }) taskCount: number;
  @ApiProperty({ description: '适用本省的任务数（不含不适用）' }) applicableCount: number;
  @ApiProperty({ description: '已销号的任务数' }) closedCount: number;
}

/** A row of GET /api/batches: the batch, its document (文号, 标题), how many reform items it holds, and a province's adoption. */
export class BatchListItemDto extends BatchDetailDto {
  @ApiProperty({ description: '改革事项数' }) itemCount: number;
  @ApiProperty({ type: BatchAdoptionDto, nullable: true, description: '查询带 regionId 时为该省的承接情况，否则为 null' }) adoption: BatchAdoptionDto | null;
}

export class StoredScopeDto {
  @ApiProperty({ enum: SCOPE_KINDS, description: '推广范围类别' }) kind: StoredScope['kind'];
  @ApiProperty({ type: [String], description: '列明的地区（kind=regions 时）' }) regions: string[];
  @ApiProperty({ type: String, nullable: true, description: '范围附注（括号内文字）' }) note: string | null;
  @ApiProperty({ description: '范围标签，如 全国、自贸试验区、沿海地区' }) label: string;
}

/** A reform item row, as listed, created or updated. */
export class ReformItemViewDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid', description: '所属批次' }) batchId: string;
  @ApiProperty({ description: '序号' }) seq: number;
  @ApiProperty({ description: '改革事项名称' }) name: string;
  @ApiProperty({ type: String, nullable: true, description: '领域' }) domain: string | null;
  @ApiProperty({ type: String, nullable: true, description: '主要内容' }) content: string | null;
  @ApiProperty({ type: String, nullable: true, description: '负责部门原文' }) departmentsText: string | null;
  @ApiProperty({ type: String, nullable: true, description: '国家牵头部门' }) nationalLead: string | null;
  @ApiProperty({ type: [String], description: '国家参加部门（含共同牵头部门）' }) nationalParticipants: string[];
  @ApiProperty({ type: [String], description: '共同牵头部门：“X、Y牵头”“X会同Y负责”，或牵头部门一栏所列的其余部门' }) nationalCoLeads: string[];
  @ApiProperty({ type: String, nullable: true, example: '有关部门', description: '未列名的部门（“国务院有关部门”“会同有关部门”）：原文照录，不是一个部门' }) departmentsOpenGroup: string | null;
  @ApiProperty({ type: String, nullable: true, description: '推广范围原文' }) scopeText: string | null;
  @ApiProperty({ type: StoredScopeDto, description: '解析后的推广范围' }) scope: StoredScopeDto;
  @ApiProperty({ type: String, nullable: true, description: '时限原文' }) deadlineText: string | null;
  @ApiProperty({ enum: DEADLINE_KINDS, description: '时限类别' }) deadlineKind: ReformItem['deadlineKind'];
  @ApiProperty({ type: String, format: 'date', nullable: true, description: '截止日期' }) deadlineDate: string | null;
  @ApiProperty({ type: String, nullable: true, description: '可检验成果' }) outcome: string | null;
  @ApiProperty({ type: String, nullable: true, description: '来源文件' }) sourceDocument: string | null;
  @ApiProperty() createdAt: Date;
  @ApiProperty() updatedAt: Date;
}

/** GET /api/reform-items/{id}: the item with its batch and the batch's document. */
export class ReformItemDetailDto extends ReformItemViewDto {
  @ApiProperty({ type: BatchDetailDto, description: '所属批次（含政策文件）' }) batch: BatchDetailDto;
}

type _DocumentDocumented = Documents<PolicyDocumentViewDto, PolicyDocument>;
type _BatchDocumented = Documents<BatchViewDto, Batch>;
type _BatchListDocumented = Documents<BatchListItemDto, BatchListRow>;
type _ItemDocumented = Documents<ReformItemViewDto, ReformItem>;

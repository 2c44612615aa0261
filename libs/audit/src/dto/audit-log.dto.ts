import { ApiProperty, ApiPropertyOptional, OmitType } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { PageQueryDto, type Documents } from '#libs/common';
import type { AuditLogEntry } from '../audit.repository.js';
import { AuditEventViewDto } from './audit-event-view.dto.js';

/** GET /api/audit: the audit administrator's search over every audited action (login log: action "auth."). */
export class AuditLogQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: '起始时间（含），ISO 8601', example: '2026-11-01T00:00:00+08:00' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: '起始时间须为 ISO 8601 时间' })
  from?: string;

  @ApiPropertyOptional({ description: '截止时间（不含），ISO 8601', example: '2026-12-01T00:00:00+08:00' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: '截止时间须为 ISO 8601 时间' })
  to?: string;

  @ApiPropertyOptional({ description: '操作人用户名' })
  @IsOptional()
  @IsString({ message: '操作人须为文本' })
  @MaxLength(64, { message: '操作人不能超过 64 个字符' })
  actor?: string;

  @ApiPropertyOptional({ description: '操作；以“.”结尾时按前缀筛选（如 auth. 为登录日志）', example: 'auth.' })
  @IsOptional()
  @IsString({ message: '操作须为文本' })
  @MaxLength(48, { message: '操作不能超过 48 个字符' })
  action?: string;

  @ApiPropertyOptional({ description: '对象类型', example: 'task' })
  @IsOptional()
  @IsString({ message: '对象类型须为文本' })
  @MaxLength(32, { message: '对象类型不能超过 32 个字符' })
  entityType?: string;

  @ApiPropertyOptional({ format: 'uuid', description: '对象 id' })
  @IsOptional()
  @IsUUID('all', { message: '对象 id 须为 UUID' })
  entityId?: string;
}

export const AUDIT_EXPORT_FORMATS = ['xlsx', 'csv'] as const;
export type AuditExportFormat = (typeof AUDIT_EXPORT_FORMATS)[number];

export class AuditLogExportQueryDto extends OmitType(AuditLogQueryDto, ['page', 'pageSize'] as const) {
  @ApiProperty({ enum: AUDIT_EXPORT_FORMATS, description: '文件格式' })
  @IsIn(AUDIT_EXPORT_FORMATS, { message: '格式须为 xlsx 或 csv' })
  format: AuditExportFormat;
}

export class AuditLogEntryDto extends AuditEventViewDto {
  @ApiProperty({ type: Number, nullable: true, description: '哈希链序号（尚未封存为空）' }) sealSeq: number | null;
}

type _AuditLogEntryDocumented = Documents<AuditLogEntryDto, AuditLogEntry>;

export class AuditChainBrokenLinkDto {
  @ApiProperty({ description: '断开处的链序号' }) seq: number;
  @ApiProperty({ format: 'uuid', description: '审计记录 id' }) eventId: string;
  @ApiProperty({ description: '该记录的操作时间' }) at: Date;
  @ApiProperty({ description: '原因' }) reason: string;
}

export class AuditChainReportDto {
  @ApiProperty({ description: '哈希链完整' }) ok: boolean;
  @ApiProperty({ description: '已校验的链接数' }) checked: number;
  @ApiProperty({ type: Number, nullable: true }) firstSeq: number | null;
  @ApiProperty({ type: Number, nullable: true }) headSeq: number | null;
  @ApiProperty({ type: String, nullable: true, description: '最新链接的 SM3 哈希（可抄录留存，用于比对）' }) headHash: string | null;
  @ApiProperty({ type: AuditChainBrokenLinkDto, nullable: true }) broken: AuditChainBrokenLinkDto | null;
  @ApiProperty({ description: '尚未封存（入链）的记录数' }) unsealed: number;
  @ApiProperty({ type: Date, nullable: true, description: '最早未封存记录的时间' }) oldestUnsealed: Date | null;
}

import { ApiProperty } from '@nestjs/swagger';
import type { Documents } from '#libs/common';
import type { AuditEventView } from '../audit.service.js';

/** One entry of an entity's 操作记录. */
export class AuditEventViewDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: '操作人（系统操作为空）' }) actorId: string | null;
  @ApiProperty({ type: String, nullable: true, description: '操作人用户名' }) actorUsername: string | null;
  @ApiProperty({ description: '对象类型', example: 'task' }) entityType: string;
  @ApiProperty({ format: 'uuid', description: '对象 id' }) entityId: string;
  @ApiProperty({ description: '操作', example: 'update' }) action: string;
  @ApiProperty({ type: 'object', additionalProperties: true, nullable: true, description: '修改前' }) before: Record<string, unknown> | null;
  @ApiProperty({ type: 'object', additionalProperties: true, nullable: true, description: '修改后' }) after: Record<string, unknown> | null;
  @ApiProperty({ description: '操作时间' }) at: Date;
}

type _AuditEventDocumented = Documents<AuditEventViewDto, AuditEventView>;

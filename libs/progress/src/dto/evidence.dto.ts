import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { EVIDENCE_PURPOSES, type EvidencePurpose } from '../rules/evidence-type.js';

/** The multipart fields beside `file`. */
export class UploadEvidenceDto {
  @ApiPropertyOptional({ enum: EVIDENCE_PURPOSES, description: 'progress 进展佐证 / completion 销号佐证 / rollout 承接落实佐证；缺省按 rolloutId、reportId 推断，否则为 progress' })
  @IsOptional()
  @IsIn(EVIDENCE_PURPOSES, { message: `purpose must be one of: ${EVIDENCE_PURPOSES.join(', ')}` })
  purpose?: EvidencePurpose;

  @ApiPropertyOptional({ format: 'uuid', description: '所属进展报告（purpose=progress）' }) @IsOptional() @IsUUID() reportId?: string;
  @ApiPropertyOptional({ format: 'uuid', description: '所属承接落实记录（purpose=rollout）' }) @IsOptional() @IsUUID() rolloutId?: string;
}

/** For Swagger only: the form the upload endpoint takes. */
export class UploadEvidenceFormDto extends UploadEvidenceDto {
  @ApiProperty({ type: 'string', format: 'binary', description: 'pdf / docx / xlsx / jpg / png，不超过 EVIDENCE_MAX_BYTES' }) file: unknown;
}

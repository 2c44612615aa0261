import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsNotEmpty, IsString, IsUUID, MaxLength } from 'class-validator';
import { Trim } from './trim.js';

export class SubmitCompletionDto {
  @ApiProperty({ description: '完成情况说明（对照可检验成果）' }) @Trim() @IsString() @IsNotEmpty({ message: 'summary is required' }) @MaxLength(10_000) summary: string;

  @ApiProperty({ type: [String], description: '销号佐证材料（purpose=completion 的证据文件 id，至少一个）' })
  @IsArray({ message: 'evidenceIds must be an array of evidence file ids' })
  @ArrayMinSize(1, { message: 'evidenceIds must name at least one completion evidence file' })
  @ArrayMaxSize(50)
  @IsUUID(undefined, { each: true, message: 'evidenceIds must be UUIDs' })
  evidenceIds: string[];
}

export class CloseOutDto {
  @ApiProperty({ description: '核验意见（销号时必填）' }) @Trim() @IsString() @IsNotEmpty({ message: 'note is required to close out a task' }) @MaxLength(2000) note: string;
}

export class ReturnCloseOutDto {
  @ApiProperty({ description: '退回原因（必填）' }) @Trim() @IsString() @IsNotEmpty({ message: 'reason is required to return a completion' }) @MaxLength(2000) reason: string;
}

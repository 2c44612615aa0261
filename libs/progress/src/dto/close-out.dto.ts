import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsNotEmpty, IsString, IsUUID, MaxLength } from 'class-validator';
import { Trim } from './trim.js';

export class SubmitCompletionDto {
  @ApiProperty({ description: '完成情况说明（对照可检验成果）' }) @Trim() @IsString() @IsNotEmpty({ message: '请填写完成情况说明 (summary is required)' }) @MaxLength(10_000) summary: string;

  @ApiProperty({ type: [String], description: '销号佐证材料（purpose=completion 的证据文件 id，至少一个）' })
  @IsArray({ message: '销号佐证材料格式不正确 (evidenceIds must be an array of evidence file ids)' })
  @ArrayMinSize(1, { message: '请至少上传一份销号佐证材料 (evidenceIds must name at least one completion evidence file)' })
  @ArrayMaxSize(50)
  @IsUUID(undefined, { each: true, message: '销号佐证材料编号不正确 (evidenceIds must be UUIDs)' })
  evidenceIds: string[];
}

export class CloseOutDto {
  @ApiProperty({ description: '核验意见（销号时必填）' }) @Trim() @IsString() @IsNotEmpty({ message: '请填写核验意见 (note is required to close out a task)' }) @MaxLength(2000) note: string;
}

export class ReturnCloseOutDto {
  @ApiProperty({ description: '退回原因（必填）' }) @Trim() @IsString() @IsNotEmpty({ message: '请填写退回原因 (reason is required to return a completion)' }) @MaxLength(2000) reason: string;
}

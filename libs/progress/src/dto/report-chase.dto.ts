import { ApiProperty } from '@nestjs/swagger';
import { IsString, Matches } from 'class-validator';
import type { Documents } from '#libs/common';

/** POST /api/progress-reports/reminders. */
export class ReportChaseDto {
  @ApiProperty({ example: '2026Q4', description: '报告期（年份+Q+季度）' })
  @IsString({ message: 'period 报告期须为文字，如 2026Q4 (period must be a string such as 2026Q4)' })
  @Matches(/^\d{4}Q[1-4]$/, { message: 'period 报告期格式应为 2026Q4 (period must look like 2026Q4)' })
  period: string;
}

export interface ReportChaseResult {
  period: string;
  periodLabel: string;
  departments: number;
  tasks: number;
  sent: number;
  alreadySent: number;
}

export class ReportChaseResultDto {
  @ApiProperty({ example: '2026Q4' }) period: string;
  @ApiProperty({ example: '2026年第四季度' }) periodLabel: string;
  @ApiProperty({ description: '未报送的牵头部门数（每个部门一条催办）' }) departments: number;
  @ApiProperty({ description: '未报送的任务数' }) tasks: number;
  @ApiProperty({ description: '本次新发出的催办数' }) sent: number;
  @ApiProperty({ description: '今天已催过、本次未重发的部门数' }) alreadySent: number;
}

type _ReportChaseDocumented = Documents<ReportChaseResultDto, ReportChaseResult>;

import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { AuditChainReportDto, AuditChainService, AuditLogEntryDto, AuditLogExportQueryDto, AuditLogQueryDto, AuditLogService } from '#libs/audit';
import { Roles } from '#libs/auth';
import { ApiErrors, ApiPageResponse } from '../openapi.js';

// 三员分立: only the 审计管理员 reads the audit; the system and security administrators are refused like everyone else.
@ApiTags('audit 审计日志')
@ApiBearerAuth()
@ApiErrors()
@Roles('audit_admin')
@Controller('api/audit')
export class AuditController {
  constructor(
    private readonly log: AuditLogService,
    private readonly chain: AuditChainService,
  ) {}

  @Get()
  @ApiOperation({ summary: '审计日志（审计管理员）：按时间段、操作人、操作（以“.”结尾为前缀，auth. 即登录日志）、对象筛选，最新在前' })
  @ApiPageResponse(AuditLogEntryDto)
  list(@Query() query: AuditLogQueryDto) {
    return this.log.search(query);
  }

  @Get('export')
  @ApiProduces('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'text/csv')
  @ApiOperation({ summary: '导出审计日志（xlsx 或 csv），筛选条件同列表' })
  @ApiOkResponse({ description: '审计日志文件', schema: { type: 'string', format: 'binary' } })
  export(@Query() query: AuditLogExportQueryDto, @Res() res: Response): Promise<void> {
    return this.log.export(query, res);
  }

  @Get('chain')
  @ApiOperation({ summary: '校验审计记录的 SM3 哈希链，报告第一处断开（同 npm run audit:verify）' })
  @ApiOkResponse({ type: AuditChainReportDto })
  verify() {
    return this.chain.verify();
  }
}

import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentUser, Roles } from '#libs/auth';
import type { AuthUser } from '#libs/common';
import { LedgerExportQueryDto, LedgerService } from '#libs/ledger';
import { ApiErrors } from '../openapi.js';

@ApiTags('exports 导出')
@ApiBearerAuth()
@ApiErrors()
@Controller('api/exports')
export class ExportsController {
  constructor(private readonly ledger: LedgerService) {}

  @Get('ledger.xlsx')
  @Roles('admin', 'coordinator', 'leader', 'department')
  @ApiProduces('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  @ApiOperation({ summary: '导出复制推广台账 (xlsx)，筛选条件同驾驶舱（departmentId 为牵头部门），另可按状态、逾期、临期、事项名称筛选（同任务台账）' })
  @ApiOkResponse({ description: '复制推广台账 Excel 文件', schema: { type: 'string', format: 'binary' } })
  ledgerXlsx(@Query() filters: LedgerExportQueryDto, @CurrentUser() user: AuthUser, @Res() res: Response): Promise<void> {
    return this.ledger.export(filters, user, res);
  }
}
